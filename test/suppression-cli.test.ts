// Process-level tests of suppressed findings in `titra check` (text, JSON, SARIF, exit code) and of drafts refused by `titra compile`.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { removeTemporaryFolders, repository, temporaryFolder, titra } from '#test-support/titra-process.js';

const MAIN = 'teclistamab-inpatient.titra';
const REASON = 'the dose as the pharmacy system prints it';

afterAll(removeTemporaryFolders);

/** A working folder with the teclistamab example and the shared libraries, the example edited by `from` -> `to`. */
function exampleWith(from: string, to: string): { cwd: string; text: string } {
    const cwd = temporaryFolder('titra-suppress-');
    cpSync(path.join(repository, 'examples/shared'), path.join(cwd, 'shared'), { recursive: true });
    const original = readFileSync(path.join(repository, 'examples', MAIN), 'utf8');
    expect(original.split(from)).toHaveLength(2);
    const text = original.replace(from, to);
    writeFileSync(path.join(cwd, MAIN), text);
    return { cwd, text };
}

const DEXAMETHASONE = 'dexamethasone 16 mg PO or IV';
const suppressed = () => exampleWith(DEXAMETHASONE, `dexamethasone 16.0 mg PO or IV // titra-ignore safety/trailing-zero: ${REASON}`);

describe('suppressed findings', () => {
    test('without the comment the trailing zero fails the check', () => {
        const { cwd } = exampleWith(DEXAMETHASONE, 'dexamethasone 16.0 mg PO or IV');
        const run = titra(cwd, 'check', MAIN);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('[safety/trailing-zero]');
    });

    test('text output and exit code leave a suppressed finding out', () => {
        const { cwd } = suppressed();
        const run = titra(cwd, 'check', MAIN);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stderr).toMatch(/^\d+ files checked: 0 errors, 0 warnings\n$/);
    });

    test('--format json lists it with suppressed: true and the reason', () => {
        const { cwd, text } = suppressed();
        const run = titra(cwd, 'check', MAIN, '--format', 'json');
        expect(run.code, run.stderr).toBe(0);
        const line = text.split('\n').findIndex((l) => l.includes('16.0 mg')) + 1;
        expect((JSON.parse(run.stdout) as { diagnostics: unknown[] }).diagnostics).toEqual([expect.objectContaining({
            file: MAIN, line, severity: 'error', code: 'safety/trailing-zero', suppressed: true, reason: REASON
        })]);
    });

    test('--format sarif gives it an inSource suppression with the reason as justification', () => {
        const { cwd } = suppressed();
        const run = titra(cwd, 'check', MAIN, '--format', 'sarif');
        expect(run.code, run.stderr).toBe(0);
        const sarif = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ ruleId: string; suppressions?: unknown }> }> };
        expect(sarif.runs[0].results).toEqual([expect.objectContaining({
            ruleId: 'safety/trailing-zero', suppressions: [{ kind: 'inSource', justification: REASON }]
        })]);
    });

    test('a suppression without a reason fails the check', () => {
        const { cwd } = exampleWith(DEXAMETHASONE, 'dexamethasone 16.0 mg PO or IV // titra-ignore safety/trailing-zero');
        const run = titra(cwd, 'check', MAIN);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('[suppression/missing-reason]');
        expect(run.stderr).toContain('[safety/trailing-zero]');
    });
});

describe('titra compile and status draft', () => {
    test('a draft is refused with the file:line:col of its status line and a hint at --allow-draft; nothing is written', () => {
        const { cwd, text } = exampleWith('status active', 'status draft');
        const run = titra(cwd, 'compile', MAIN, '-o', 'out.json');
        expect(run.code).toBe(1);
        const line = text.split('\n').findIndex((l) => l.includes('status draft')) + 1;
        expect(run.stderr).toContain(`${MAIN}:${line}:3: error [governance/draft]`);
        expect(run.stderr).toContain('--allow-draft');
        expect(existsSync(path.join(cwd, 'out.json'))).toBe(false);
    });

    test('with --allow-draft the draft compiles; an active protocol needs no flag', () => {
        const draft = exampleWith('status active', 'status draft');
        const allowed = titra(draft.cwd, 'compile', MAIN, '-o', 'out.json', '--allow-draft');
        expect(allowed.code, allowed.stderr).toBe(0);
        expect(JSON.parse(readFileSync(path.join(draft.cwd, 'out.json'), 'utf8')).format).toBe('titra.orderset/1');

        const active = exampleWith('status active', 'status active');
        expect(titra(active.cwd, 'compile', MAIN, '-o', 'out.json').code).toBe(0);
    });
});

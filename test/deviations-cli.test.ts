// Process-level tests of deviations: `titra compile` writes suppressed errors into the order set, `render`, `textconv` and
// `diff` show them, and a suppressed 10-fold dose still blocks compile.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { edit, MAIN, positionOf, readOrderSet, withExamples } from '#test-support/cli-workspace.js';
import { removeTemporaryFolders, titra } from '#test-support/titra-process.js';

afterAll(removeTemporaryFolders);

const REASON = 'the dose as the pharmacy system prints it';
const DEXAMETHASONE = 'dexamethasone 16 mg PO or IV';
const SUPPRESSED = `dexamethasone 16.0 mg PO or IV // titra-ignore safety/trailing-zero: ${REASON}`;

/** A working folder with the teclistamab example edited by `from` -> `to`; returns the folder of the protocol and its text. */
function exampleWith(from: string, to: string): { ex: string; text: string } {
    const { ex } = withExamples();
    const text = edit(readFileSync(path.join(ex, MAIN), 'utf8'), from, to);
    writeFileSync(path.join(ex, MAIN), text);
    return { ex, text };
}

describe('deviations', () => {
    test('titra compile writes a suppressed error into the order set, with its file, line and column', () => {
        const { ex, text } = exampleWith(DEXAMETHASONE, SUPPRESSED);
        const run = titra(ex, 'compile', MAIN, '-o', 'out.json');
        expect(run.code, run.stderr).toBe(0);
        const { line } = positionOf(text, SUPPRESSED);
        const deviations = (readOrderSet(path.join(ex, 'out.json')) as { deviations?: unknown }).deviations;
        expect(deviations).toEqual([{
            code: 'safety/trailing-zero', message: expect.stringContaining("Write '16', not '16.0'"), reason: REASON, suppression: 'line',
            location: { file: MAIN, line, column: text.split('\n')[line - 1].indexOf('16.0') + 1 }
        }]);
    });

    test('a suppressed 10-fold dose still blocks compile, with the message that it cannot be suppressed', () => {
        const { ex, text } = exampleWith('dose TD1 1.5 mg/kg day 7', 'dose TD1 15 mg/kg day 7');
        const dose = text.split('\n').find((l) => l.includes('dose TD1 15 mg/kg'))!;
        writeFileSync(path.join(ex, MAIN), edit(text, dose, `${dose} // titra-ignore reference/dose-differs: the committee's dose`));
        const run = titra(ex, 'compile', MAIN, '-o', 'out.json');
        expect(run.code).toBe(1);
        const { line } = positionOf(text, 'dose TD1 15 mg/kg');
        expect(run.stderr).toContain(`${MAIN}:${line}:`);
        expect(run.stderr).toContain('[reference/dose-differs]');
        expect(run.stderr).toContain(`error [suppression/not-allowed] 'reference/dose-differs' on line ${line} cannot be suppressed`);
        expect(run.stderr).toContain('nothing was written');
        expect(existsSync(path.join(ex, 'out.json'))).toBe(false);
    });

    test('titra render, textconv and diff show the deviation', () => {
        const { ex } = exampleWith(DEXAMETHASONE, SUPPRESSED);
        const render = titra(ex, 'render', MAIN, '--md');
        expect(render.code, render.stderr).toBe(0);
        expect(render.stdout).toContain('## Deviations from the label and guidelines');
        expect(render.stdout).toContain(`| safety/trailing-zero | Write '16', not '16.0'`);

        const textconv = titra(ex, 'textconv', MAIN);
        expect(textconv.code, textconv.stderr).toBe(0);
        expect(textconv.stdout.split('\n').filter((l) => l.startsWith('deviation: '))).toEqual([
            expect.stringMatching(new RegExp(`^deviation: safety/trailing-zero: Write '16', not '16\\.0'.* \\(suppressed on its line: ${REASON}\\)$`))
        ]);

        const { ex: original } = withExamples('original');
        const diff = titra(ex, 'diff', path.join(original, MAIN), MAIN, '--format', 'json');
        expect(diff.code, diff.stderr).toBe(1);
        const changes = (JSON.parse(diff.stdout) as { changes: Array<{ risk: string; kind: string; text: string }> }).changes;
        expect(changes.filter((c) => c.text.startsWith('deviation')).map((c) => [c.risk, c.kind])).toEqual([['safety-rule', 'added']]);
    });
});

// Process-level tests of a number the order set cannot hold (a 400-digit dose): every command refuses it at its position, none crashes.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { edit, expectFindingText, expectFreshCliBundle, listFiles, MAIN, withExamples } from '#test-support/cli-workspace.js';
import { removeTemporaryFolders, titra } from '#test-support/titra-process.js';

beforeAll(expectFreshCliBundle);
afterAll(removeTemporaryFolders);

const DIGITS_400 = '9'.repeat(400);

/** A copy of the teclistamab example whose first treatment dose has 400 digits, as ex/huge.titra. */
function hugeDoseProtocol(): { cwd: string; text: string } {
    const { cwd, ex } = withExamples();
    const text = edit(readFileSync(path.join(ex, MAIN), 'utf8'), 'dose TD1 1.5 mg/kg', `dose TD1 ${DIGITS_400} mg/kg`);
    writeFileSync(path.join(ex, 'huge.titra'), text);
    return { cwd, text };
}

/** The report names the number at file:line:col with its code, and no stack trace leaks out. */
function expectRefused(stderr: string, text: string): void {
    expectFindingText(stderr, 'ex/huge.titra', text, DIGITS_400, 'error', 'number/not-representable');
    expect(stderr).toContain('has 400 digits');
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
}

describe('a 400-digit dose', () => {
    test.each([
        ['check', []],
        ['compile', ['-o', 'out.json']],
        ['render', ['--md', '-o', 'out.md']],
        ['schedule', ['--start', '2026-01-05', '--weight', '70']]
    ] as const)('titra %s refuses it: exit 1, file:line:col and the code, nothing written', (command, options) => {
        const { cwd, text } = hugeDoseProtocol();
        const before = listFiles(cwd);
        const run = titra(cwd, command, 'ex/huge.titra', ...options);
        expect(run.code, run.stderr).toBe(1);
        expect(run.stdout).toBe('');
        expectRefused(run.stderr, text);
        expect(listFiles(cwd)).toEqual(before);
    });

    test('titra textconv (the git driver, which must not stop a diff) shows it as written and says it has errors', () => {
        const { cwd, text } = hugeDoseProtocol();
        const run = titra(cwd, 'textconv', 'ex/huge.titra');
        expect(run.code, run.stderr).toBe(0);
        expect(run.stderr).toBe('titra textconv: ex/huge.titra has errors (run titra check); shown as written\n');
        expect(run.stdout).toBe(`# titra: this version has errors and is shown as written\n${text.trimEnd()}\n`);
    });
});

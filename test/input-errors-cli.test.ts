// Process-level tests of bad input to `titra check` and `titra compile`: unreadable files, syntax and import errors, unknown options.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    copyExample, edit, examples, expectFindingText, expectFreshCliBundle, listFiles, MAIN, positionOf, USAGE_LINE, withExamples, workFolder
} from '#test-support/cli-workspace.js';
import { removeTemporaryFolders, titra } from '#test-support/titra-process.js';

beforeAll(expectFreshCliBundle);
afterAll(removeTemporaryFolders);

describe('bad input', () => {
    test('a missing path: exit 2, the path is named', () => {
        const cwd = workFolder();
        for (const command of ['check', 'compile']) {
            const run = titra(cwd, command, 'no-such-protocol.titra');
            expect(run.code, command).toBe(2);
            expect(run.stderr).toBe('titra: no-such-protocol.titra: no such file or directory\n');
        }
        expect(listFiles(cwd)).toEqual([]);
    });

    test('a folder without .titra files: exit 2', () => {
        const cwd = workFolder();
        mkdirSync(path.join(cwd, 'notes'));
        writeFileSync(path.join(cwd, 'notes/readme.txt'), 'not a protocol\n');
        for (const command of ['check', 'compile']) {
            const run = titra(cwd, command, 'notes');
            expect(run.code, command).toBe(2);
            expect(run.stderr).toBe('titra: notes: no .titra files in this folder\n');
        }
        expect(listFiles(cwd)).toEqual(['notes/readme.txt']);
    });

    test('a binary file named x.titra: exit 2, says it is binary', () => {
        const cwd = workFolder();
        writeFileSync(path.join(cwd, 'x.titra'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
        for (const command of ['check', 'compile']) {
            const run = titra(cwd, command, 'x.titra');
            expect(run.code, command).toBe(2);
            expect(run.stderr).toMatch(/^titra: x\.titra: .*binary/);
        }
        expect(listFiles(cwd)).toEqual(['x.titra']);
    });

    test('invalid UTF-8: exit 2, says to save as UTF-8', () => {
        const { cwd, ex } = withExamples();
        const latin1 = Buffer.from(edit(readFileSync(path.join(ex, MAIN), 'utf8'), 'owner "Pharmacy and Therapeutics Committee"', 'owner "Comité de pharmacie"'), 'latin1');
        writeFileSync(path.join(ex, 'latin1.titra'), latin1);
        const run = titra(cwd, 'check', 'ex/latin1.titra');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^titra: ex\/latin1\.titra: .*not valid UTF-8.*UTF-8/);
    });

    test('an imported library that is binary: exit 2, the library is named', () => {
        const { cwd, ex } = withExamples();
        writeFileSync(path.join(ex, 'shared/imwg-crs.titra'), Buffer.from([0, 1, 2, 3]));
        const run = titra(cwd, 'check', `ex/${MAIN}`);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^titra: ex\/shared\/imwg-crs\.titra: .*binary/);
    });

    test('a syntax error: exit 1 with line and column', () => {
        const { cwd, ex } = withExamples();
        const text = edit(readFileSync(path.join(ex, MAIN), 'utf8'), '  step-up {\n', '  step-up {{\n');
        writeFileSync(path.join(ex, 'syntax.titra'), text);
        const run = titra(cwd, 'check', 'ex/syntax.titra');
        expect(run.code, run.stderr).toBe(1);
        const { line } = positionOf(text, 'step-up {{');
        expect(run.stderr).toContain(`ex/syntax.titra:${line}:12: error [syntax/parsing] `);
        expect(run.stderr).toContain(` ${line} |   step-up {{\n`);

        const compile = titra(cwd, 'compile', 'ex/syntax.titra');
        expect(compile.code).toBe(1);
        expect(compile.stderr).toContain(`ex/syntax.titra:${line}:12: error [syntax/parsing] `);
        expect(existsSync(path.join(ex, 'syntax.orderset.json'))).toBe(false);
    });

    test('an import of a missing file: exit 1, import/not-found at the import line', () => {
        const { cwd, ex } = withExamples();
        const text = edit(readFileSync(path.join(ex, MAIN), 'utf8'), 'import "shared/imwg-icans.titra"', 'import "shared/imwg-icans-v2.titra"');
        writeFileSync(path.join(ex, 'missing-import.titra'), text);
        const run = titra(cwd, 'check', 'ex/missing-import.titra');
        expect(run.code, run.stderr).toBe(1);
        expectFindingText(run.stderr, 'ex/missing-import.titra', text, '"shared/imwg-icans-v2.titra"', 'error', 'import/not-found');
        expect(run.stderr).toContain("'shared/imwg-icans-v2.titra'");
    });

    test('a 50 MB file: exit 2 before it is read, with its size and the limit', () => {
        const cwd = workFolder();
        writeFileSync(path.join(cwd, 'huge.titra'), Buffer.alloc(50 * 2 ** 20, 'a'));
        for (const command of ['check', 'compile']) {
            const run = titra(cwd, command, 'huge.titra');
            expect(run.code, command).toBe(2);
            expect(run.stderr).toMatch(/^titra: huge\.titra: the file is 50\.0 MB; Titra reads files up to 10 MB/);
        }
        expect(listFiles(cwd)).toEqual(['huge.titra']);
    });

    test('an import that leaves the workspace: exit 1, import/outside-workspace at the import line, the file is not read', () => {
        const cwd = workFolder();
        const ws = path.join(cwd, 'ws');
        copyExample(ws);
        mkdirSync(path.join(cwd, 'elsewhere'));
        writeFileSync(path.join(cwd, 'elsewhere/x.titra'), Buffer.from([0, 1, 2]));
        const text = edit(readFileSync(path.join(ws, MAIN), 'utf8'), 'import "shared/imwg-icans.titra"', 'import "../elsewhere/x.titra"');
        writeFileSync(path.join(ws, 'outside.titra'), text);
        const run = titra(ws, 'check', 'outside.titra');
        expect(run.code, run.stderr).toBe(1);
        expectFindingText(run.stderr, 'outside.titra', text, '"../elsewhere/x.titra"', 'error', 'import/outside-workspace');
        expect(run.stderr).not.toContain('binary');
    });

    test('an import cycle between two libraries: exit 1, import/cycle on each import', () => {
        const cwd = workFolder();
        const a = 'library LIB-A "A" {\n  version 1.0.0\n  import "b.titra"\n}\n';
        const b = 'library LIB-B "B" {\n  version 1.0.0\n  import "a.titra"\n}\n';
        writeFileSync(path.join(cwd, 'a.titra'), a);
        writeFileSync(path.join(cwd, 'b.titra'), b);
        const run = titra(cwd, 'check', 'a.titra');
        expect(run.code, run.stderr).toBe(1);
        expectFindingText(run.stderr, 'a.titra', a, '"b.titra"', 'error', 'import/cycle');
        expectFindingText(run.stderr, 'b.titra', b, '"a.titra"', 'error', 'import/cycle');
        expect(run.stderr).toContain('a.titra -> b.titra -> a.titra');
    });

    test('an unknown command: exit 2 with the usage', () => {
        const run = titra(workFolder(), 'frobnicate');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^titra: unknown command 'frobnicate'\n/);
        expect(run.stderr).toMatch(USAGE_LINE);
    });

    test('an unknown option: exit 2 with the usage, the option is named', () => {
        const cwd = workFolder();
        for (const command of ['check', 'compile']) {
            const run = titra(cwd, command, examples, '--bogus');
            expect(run.code, command).toBe(2);
            expect(run.stderr).toMatch(/^titra: unknown option '--bogus'/);
            expect(run.stderr).toMatch(USAGE_LINE);
        }
        const value = titra(cwd, 'check', examples, '--format', 'xml');
        expect(value.code).toBe(2);
        expect(value.stderr).toMatch(/^titra: --format must be one of text, json, sarif, not 'xml'\n/);
        expect(listFiles(cwd)).toEqual([]);
    });

    test('compile without a path: exit 2 with the usage', () => {
        const run = titra(workFolder(), 'compile');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^titra: compile needs a protocol file or folder\n/);
        expect(run.stderr).toMatch(USAGE_LINE);
    });
});

// Process-level tests of `titra fmt`: rewriting in place, --check, syntax errors left untouched, exit codes.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { removeTemporaryFolders, repository, temporaryFolder, titra } from '#test-support/titra-process.js';

const MESSY = 'protocol P "Test" {version 1.0.0   status draft\n\n\n'
    + 'step-up { dose SUD1 0.06 mg / kg day 1 // first\n  monitor inpatient 24 hours }\n}';
const MESSY_FORMATTED = 'protocol P "Test" {\n  version 1.0.0\n  status draft\n\n'
    + '  step-up {\n    dose SUD1 0.06 mg/kg day 1 // first\n      monitor inpatient 24 hours\n  }\n}\n';
const CANONICAL = 'library L "Shared" {\n  version 1.0.0\n}\n';
/** `version` lacks its number: the parser stops at `status` on line 3, column 3. */
const BROKEN = 'protocol B "Broken" {\n  version\n  status   draft\n}\n';

afterAll(removeTemporaryFolders);

/** A temporary working folder holding the given files. */
function folderWith(files: Record<string, string>): string {
    const folder = temporaryFolder('titra-fmt-');
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);
    return folder;
}

const read = (folder: string, name: string) => readFileSync(path.join(folder, name), 'utf8');

describe('titra fmt', () => {
    test('rewrites a messy file in place, lists it, and leaves canonical files and no temporary files behind', () => {
        const cwd = folderWith({ 'messy.titra': MESSY, 'canonical.titra': CANONICAL });
        const run = titra(cwd, 'fmt', '.');
        expect(run.code).toBe(0);
        expect(run.stdout).toBe('messy.titra\n');
        expect(run.stderr).toContain('2 files checked: 1 reformatted');
        expect(read(cwd, 'messy.titra')).toBe(MESSY_FORMATTED);
        expect(read(cwd, 'canonical.titra')).toBe(CANONICAL);
        expect(readdirSync(cwd).sort()).toEqual(['canonical.titra', 'messy.titra']);
        // A second run finds nothing to do.
        const again = titra(cwd, 'fmt', 'messy.titra');
        expect(again.code).toBe(0);
        expect(again.stdout).toBe('');
    });

    test('--check lists the files that would change, writes nothing and exits 1', () => {
        const cwd = folderWith({ 'messy.titra': MESSY, 'canonical.titra': CANONICAL });
        const run = titra(cwd, 'fmt', '--check', 'messy.titra', 'canonical.titra');
        expect(run.code).toBe(1);
        expect(run.stdout).toBe('messy.titra\n');
        expect(run.stderr).toContain('1 would be reformatted');
        expect(read(cwd, 'messy.titra')).toBe(MESSY);
    });

    test('--check exits 0 on canonical files, the copied examples included', () => {
        const cwd = folderWith({ 'canonical.titra': CANONICAL });
        cpSync(path.join(repository, 'examples'), path.join(cwd, 'examples'), { recursive: true });
        const run = titra(cwd, 'fmt', '--check', '.');
        expect(run.stderr).toContain('0 would be reformatted');
        expect(run.stdout).toBe('');
        expect(run.code).toBe(0);
    });

    test('a file with a syntax error is reported with line:col and left untouched (exit 2); other files are formatted', () => {
        const cwd = folderWith({ 'broken.titra': BROKEN, 'messy.titra': MESSY });
        const run = titra(cwd, 'fmt', '.');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^broken\.titra:3:3: syntax error: .*\(not formatted\)$/m);
        expect(read(cwd, 'broken.titra')).toBe(BROKEN);
        expect(read(cwd, 'messy.titra')).toBe(MESSY_FORMATTED);
        const check = titra(cwd, 'fmt', '--check', 'broken.titra');
        expect(check.code).toBe(2);
        expect(check.stderr).toContain('broken.titra:3:3: syntax error');
    });

    test('a missing path or an unknown option is a usage error (exit 2) and nothing is written', () => {
        const cwd = folderWith({ 'messy.titra': MESSY });
        const missing = titra(cwd, 'fmt', 'messy.titra', 'nope.titra');
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain('nope.titra: no such file or directory');
        expect(read(cwd, 'messy.titra')).toBe(MESSY);
        const unknown = titra(cwd, 'fmt', '--write');
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain("unknown option '--write'");
    });
});

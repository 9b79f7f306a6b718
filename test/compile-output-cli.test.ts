// Process-level tests of where `titra compile` writes (-o, --out-dir, --target) and of the outputs it refuses, writing nothing.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectFreshCliBundle, listFiles, MAIN, secondProtocol, temporaries, withExamples } from '#test-support/cli-workspace.js';
import { removeTemporaryFolders, titra } from '#test-support/titra-process.js';

beforeAll(expectFreshCliBundle);
afterAll(removeTemporaryFolders);

describe('titra compile: where order sets are written, and what is refused', () => {
    test('-o into a folder that does not exist: exit 2, nothing written', () => {
        const { cwd } = withExamples();
        const before = listFiles(cwd);
        const run = titra(cwd, 'compile', `ex/${MAIN}`, '-o', 'missing/out.json');
        expect(run.code).toBe(2);
        expect(run.stderr).toBe('titra: missing: the output folder does not exist; create it first\n');
        expect(listFiles(cwd)).toEqual(before);
        expect(existsSync(path.join(cwd, 'missing'))).toBe(false);
    });

    test('-o through a regular file (a folder path that cannot exist, even for root): exit 2, nothing written', () => {
        const { cwd } = withExamples();
        writeFileSync(path.join(cwd, 'plain'), 'a file\n');
        const before = listFiles(cwd);
        const run = titra(cwd, 'compile', `ex/${MAIN}`, '-o', 'plain/sub/out.json');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^titra: plain\/sub: .*file, not a folder/);
        expect(listFiles(cwd)).toEqual(before);
        expect(readFileSync(path.join(cwd, 'plain'), 'utf8')).toBe('a file\n');
    });

    test('--out-dir that does not exist yet is created with its parents, as the README example on a fresh clone needs', () => {
        const { cwd, ex } = withExamples();
        secondProtocol(ex);
        const run = titra(cwd, 'compile', 'ex', '--out-dir', 'build/ordersets');
        expect(run.code, run.stderr).toBe(0);
        expect(run.stderr).toBe('wrote build/ordersets/second.orderset.json\nwrote build/ordersets/teclistamab-inpatient.orderset.json\n');
        expect(listFiles(path.join(cwd, 'build'))).toEqual(['ordersets/second.orderset.json', 'ordersets/teclistamab-inpatient.orderset.json']);
        expect(temporaries(path.join(cwd, 'build/ordersets'))).toEqual([]);
    });

    test.each([
        ['plain', 'titra: plain: is a file, not a folder\n'],
        ['plain/sub', 'titra: plain/sub: part of this path is a file, not a folder\n']
    ])('--out-dir %s where plain is a regular file: exit 2, the file is untouched, nothing created or written', (outDir, message) => {
        const { cwd } = withExamples();
        writeFileSync(path.join(cwd, 'plain'), 'a file\n');
        const before = listFiles(cwd);
        const run = titra(cwd, 'compile', `ex/${MAIN}`, '--out-dir', outDir);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(message);
        expect(readFileSync(path.join(cwd, 'plain'), 'utf8')).toBe('a file\n');
        expect(listFiles(cwd)).toEqual(before);
    });

    test('-o naming an existing folder: exit 2, the folder is named, no temporary file is left', () => {
        const { cwd } = withExamples();
        mkdirSync(path.join(cwd, 'orders'));
        const before = listFiles(cwd);
        const run = titra(cwd, 'compile', `ex/${MAIN}`, '-o', 'orders');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^titra: orders: is a folder/);
        expect(run.stderr).not.toContain('.tmp-');
        expect(listFiles(cwd)).toEqual(before);
        expect(temporaries(cwd)).toEqual([]);
    });

    test('--out-dir where one of several targets is a folder: exit 2 and no order set is written at all', () => {
        const { cwd, ex } = withExamples();
        secondProtocol(ex);
        mkdirSync(path.join(cwd, 'out/teclistamab-inpatient.orderset.json'), { recursive: true });
        const run = titra(cwd, 'compile', 'ex', '--out-dir', 'out');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^titra: out\/teclistamab-inpatient\.orderset\.json: is a folder/);
        expect(listFiles(path.join(cwd, 'out'))).toEqual([]);
    });

    test('an output folder where writing really fails (even for root): exit 2, the target is named, nothing written', (context) => {
        // /proc accepts no new files, whatever the user (chmod does not stop root); elsewhere the failure cannot be produced.
        const target = '/proc';
        if (!existsSync('/proc/self') || !statSync(target).isDirectory()) {
            console.log('skipped: no Linux /proc folder to make a write fail for root');
            context.skip('no Linux /proc folder to make a write fail for root');
        }
        const { cwd } = withExamples();
        const run = titra(cwd, 'compile', `ex/${MAIN}`, '--out-dir', target);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^titra: cannot write \/proc\/teclistamab-inpatient\.orderset\.json: .*; nothing was written\n$/);
        expect(existsSync('/proc/teclistamab-inpatient.orderset.json')).toBe(false);
    });

    test('-o naming the protocol itself or one of its libraries: exit 2, the source is not overwritten', () => {
        const { cwd, ex } = withExamples();
        const original = readFileSync(path.join(ex, MAIN));
        const library = readFileSync(path.join(ex, 'shared/imwg-crs.titra'));
        const self = titra(cwd, 'compile', `ex/${MAIN}`, '-o', `ex/${MAIN}`);
        expect(self.code).toBe(2);
        expect(self.stderr).toMatch(/^titra: ex\/teclistamab-inpatient\.titra: .*source/);
        expect(readFileSync(path.join(ex, MAIN)).equals(original)).toBe(true);
        const imported = titra(cwd, 'compile', `ex/${MAIN}`, '-o', 'ex/shared/imwg-crs.titra');
        expect(imported.code).toBe(2);
        expect(readFileSync(path.join(ex, 'shared/imwg-crs.titra')).equals(library)).toBe(true);
        expect(temporaries(cwd)).toEqual([]);
    });

    test('-o together with --out-dir: exit 2, nothing written', () => {
        const { cwd } = withExamples();
        mkdirSync(path.join(cwd, 'out'));
        const before = listFiles(cwd);
        const run = titra(cwd, 'compile', `ex/${MAIN}`, '-o', 'out/x.json', '--out-dir', 'out');
        expect(run.code).toBe(2);
        expect(run.stderr).toBe('titra: give either -o FILE or --out-dir DIR, not both\n');
        expect(listFiles(cwd)).toEqual(before);
    });

    test('-o with a folder holding several protocols: exit 2, nothing written', () => {
        const { cwd, ex } = withExamples();
        secondProtocol(ex);
        const before = listFiles(cwd);
        const run = titra(cwd, 'compile', 'ex', '-o', 'one.json');
        expect(run.code).toBe(2);
        expect(run.stderr).toBe('titra: -o names one file but 2 protocols were given; use --out-dir\n');
        expect(listFiles(cwd)).toEqual(before);
    });

    test('compiling a library alone: exit 2, says it is a library', () => {
        const { cwd } = withExamples();
        const before = listFiles(cwd);
        const one = titra(cwd, 'compile', 'ex/shared/imwg-crs.titra');
        expect(one.code).toBe(2);
        expect(one.stderr).toMatch(/^titra: ex\/shared\/imwg-crs\.titra: is a library/);
        const folder = titra(cwd, 'compile', 'ex/shared');
        expect(folder.code).toBe(2);
        expect(folder.stderr).toMatch(/^titra: ex\/shared: .*librar/);
        expect(listFiles(cwd)).toEqual(before);
    });

    test('an unknown --target: exit 2, the targets are named, nothing written', () => {
        const { cwd } = withExamples();
        const before = listFiles(cwd);
        const run = titra(cwd, 'compile', `ex/${MAIN}`, '--target', 'fhir-r5');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^titra: --target must be one of orderset, fhir-r4, not 'fhir-r5'/);
        expect(listFiles(cwd)).toEqual(before);
        const orderset = titra(cwd, 'compile', `ex/${MAIN}`, '--target', 'orderset', '-o', 'out.json');
        expect(orderset.code, orderset.stderr).toBe(0);
    });
});

// Process-level tests of `titra compile`: the order sets written, their provenance, determinism, and nothing written on errors.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    cliVersion, copyExample, errorProtocol, examples, expectFindingText, expectFreshCliBundle, listFiles, MAIN, type OrderSetFile, readOrderSet,
    secondProtocol, sha256, temporaries, withExamples, workFolder
} from '#test-support/cli-workspace.js';
import { removeTemporaryFolders, titra } from '#test-support/titra-process.js';

const goldenOrderSet = path.join(examples, 'golden/teclistamab-inpatient.orderset.json');

beforeAll(expectFreshCliBundle);
afterAll(removeTemporaryFolders);

describe('titra compile', () => {
    test('-o out.json writes the teclistamab order set: step-up doses, windows, premedication, 48 h inpatient monitoring', () => {
        const { cwd } = withExamples();
        const run = titra(cwd, 'compile', `ex/${MAIN}`, '-o', 'out.json');
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe('wrote out.json\n');
        expect(listFiles(cwd).filter((f) => !f.startsWith('ex/'))).toEqual(['out.json']);
        const orderSet = readOrderSet(path.join(cwd, 'out.json'));
        expect(orderSet.format).toBe('titra.orderset/1');
        expect(orderSet.protocol.id).toBe('TEC-STEPUP-INPATIENT');
        expect(orderSet.stepUp.map((d) => [d.id, d.sequence, d.day, d.dose.value, d.dose.unit, d.dose.basis])).toEqual([
            ['SUD1', 1, 1, 0.06, 'mg/kg', 'actual-weight'],
            ['SUD2', 2, 4, 0.3, 'mg/kg', 'actual-weight'],
            ['TD1', 3, 7, 1.5, 'mg/kg', 'actual-weight']
        ]);
        const days = (value: number) => ({ value, unit: 'd' });
        expect(orderSet.stepUp.map((d) => d.window)).toEqual([
            undefined,
            { after: 'SUD1', min: days(2), max: days(7) },
            { after: 'SUD2', min: days(2), max: days(7) }
        ]);
        for (const dose of orderSet.stepUp) {
            expect(dose.premedication).toBe('premed.standard');
            expect(dose.monitoring).toEqual({ setting: 'inpatient', duration: { value: 48, unit: 'h' } });
        }
        const premed = orderSet.premedication.find((p) => p.id === 'premed.standard');
        expect(premed?.orders.map((o) => o.order.drug)).toEqual(['dexamethasone', 'diphenhydramine', 'acetaminophen']);
    });

    test('in a git workspace the output equals the checked-in golden order set byte for byte', () => {
        const cwd = workFolder();
        copyExample(path.join(cwd, 'examples'));
        mkdirSync(path.join(cwd, '.git'));
        const run = titra(cwd, 'compile', `examples/${MAIN}`, '-o', 'out.json');
        expect(run.code, run.stderr).toBe(0);
        expect(readFileSync(path.join(cwd, 'out.json'), 'utf8')).toBe(readFileSync(goldenOrderSet, 'utf8'));
    });

    test('without -o or --out-dir the order set is written beside the protocol as <name>.orderset.json', () => {
        const { cwd, ex } = withExamples();
        const before = listFiles(cwd);
        const run = titra(cwd, 'compile', `ex/${MAIN}`);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stderr).toBe('wrote ex/teclistamab-inpatient.orderset.json\n');
        expect(listFiles(cwd)).toEqual([...before, 'ex/teclistamab-inpatient.orderset.json'].sort());
        expect(readOrderSet(path.join(ex, 'teclistamab-inpatient.orderset.json')).format).toBe('titra.orderset/1');
    });

    test('--out-dir with a folder of several protocols writes one order set per protocol and none for libraries', () => {
        const { cwd, ex } = withExamples();
        secondProtocol(ex);
        mkdirSync(path.join(cwd, 'out'));
        const sourcesBefore = listFiles(ex);
        const run = titra(cwd, 'compile', 'ex', '--out-dir', 'out');
        expect(run.code, run.stderr).toBe(0);
        expect(run.stderr).toBe('wrote out/second.orderset.json\nwrote out/teclistamab-inpatient.orderset.json\n');
        expect(listFiles(path.join(cwd, 'out'))).toEqual(['second.orderset.json', 'teclistamab-inpatient.orderset.json']);
        expect(readOrderSet(path.join(cwd, 'out/second.orderset.json')).protocol.id).toBe('TEC-SECOND');
        expect(readOrderSet(path.join(cwd, 'out/teclistamab-inpatient.orderset.json')).protocol.id).toBe('TEC-STEPUP-INPATIENT');
        expect(listFiles(ex)).toEqual(sourcesBefore);
    });

    test('compiling the same input twice gives byte-identical files', () => {
        const { cwd } = withExamples();
        const first = titra(cwd, 'compile', `ex/${MAIN}`, '-o', 'first.json');
        const second = titra(cwd, 'compile', `ex/${MAIN}`, '-o', 'second.json');
        expect([first.code, second.code]).toEqual([0, 0]);
        const a = readFileSync(path.join(cwd, 'first.json'));
        expect(a.length).toBeGreaterThan(1000);
        expect(a.equals(readFileSync(path.join(cwd, 'second.json')))).toBe(true);
    });

    test('provenance names sources by relative path and records the SHA-256 of each file', () => {
        const { cwd, ex } = withExamples();
        const run = titra(cwd, 'compile', `ex/${MAIN}`, '-o', 'out.json');
        expect(run.code, run.stderr).toBe(0);
        const raw = readFileSync(path.join(cwd, 'out.json'), 'utf8');
        expect(raw).not.toContain(cwd);
        expect(raw).not.toContain(os.tmpdir() + path.sep);
        const { provenance } = JSON.parse(raw) as OrderSetFile;
        // Outside a git repository the working folder is the workspace (it holds the inputs).
        expect(provenance.source).toBe(`ex/${MAIN}`);
        expect(path.isAbsolute(provenance.source)).toBe(false);
        expect(provenance.sha256).toBe(sha256(path.join(ex, MAIN)));
        expect(provenance.compiler).toEqual({ name: 'titra', version: cliVersion });
        expect(provenance.imports.map((i) => i.source)).toEqual([
            'ex/shared/imwg-crs.titra', 'ex/shared/imwg-cytopenias.titra', 'ex/shared/imwg-icans.titra', 'ex/shared/imwg-infection-prophylaxis.titra'
        ]);
        for (const imported of provenance.imports) {
            expect(path.isAbsolute(imported.source)).toBe(false);
            expect(imported.sha256, imported.source).toBe(sha256(path.join(cwd, imported.source)));
        }
    });

    test('provenance.sha256 is the hash of the text compiled: a UTF-8 byte order mark (which editors do not show) is not part of it', () => {
        const { cwd, ex } = withExamples();
        const text = readFileSync(path.join(ex, MAIN));
        const withoutMark = sha256(path.join(ex, MAIN));
        writeFileSync(path.join(ex, MAIN), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]));
        const run = titra(cwd, 'compile', `ex/${MAIN}`, '-o', 'out.json');
        expect(run.code, run.stderr).toBe(0);
        expect(readOrderSet(path.join(cwd, 'out.json')).provenance.sha256).toBe(withoutMark);
    });

    test('a protocol with an error: exit 1, the message, no output file, no temporary file', () => {
        const { cwd, ex } = withExamples();
        const { text } = errorProtocol(ex);
        const before = listFiles(cwd);
        const run = titra(cwd, 'compile', 'ex/bad.titra', '-o', 'out.json');
        expect(run.code, run.stderr).toBe(1);
        expectFindingText(run.stderr, 'ex/bad.titra', text, 'mgg/kg', 'error', 'unit/unknown');
        expect(run.stderr).toMatch(/1 error: nothing was written\n$/);
        expect(listFiles(cwd)).toEqual(before);
        expect(temporaries(cwd)).toEqual([]);

        const beside = titra(cwd, 'compile', 'ex/bad.titra');
        expect(beside.code).toBe(1);
        expect(listFiles(cwd)).toEqual(before);
    });

    test('a protocol with an error leaves an existing output file untouched', () => {
        const { cwd, ex } = withExamples();
        errorProtocol(ex);
        const out = path.join(cwd, 'out.json');
        writeFileSync(out, 'previous order set\n');
        const before = statSync(out);
        const run = titra(cwd, 'compile', 'ex/bad.titra', '-o', 'out.json');
        expect(run.code, run.stderr).toBe(1);
        expect(readFileSync(out, 'utf8')).toBe('previous order set\n');
        expect(statSync(out).mtimeMs).toBe(before.mtimeMs);
        expect(statSync(out).ino).toBe(before.ino);
        expect(temporaries(cwd)).toEqual([]);
    });

    test('one protocol with an error among several: nothing is written for any of them', () => {
        const { cwd, ex } = withExamples();
        secondProtocol(ex);
        errorProtocol(ex, 'broken.titra');
        mkdirSync(path.join(cwd, 'out'));
        const run = titra(cwd, 'compile', 'ex', '--out-dir', 'out');
        expect(run.code, run.stderr).toBe(1);
        expect(run.stderr).toContain('ex/broken.titra:');
        expect(listFiles(path.join(cwd, 'out'))).toEqual([]);
    });
});

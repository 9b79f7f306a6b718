// Process-level tests of `titra compile --target fhir-r4`: files written, golden Bundle, all-or-nothing on errors.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { copyExample, examples, MAIN } from '#test-support/cli-workspace.js';
import { removeTemporaryFolders, temporaryFolder, titra } from '#test-support/titra-process.js';

const goldenBundle = path.join(examples, 'golden/teclistamab-inpatient.fhir.json');

afterAll(removeTemporaryFolders);

/** A temporary git workspace holding the teclistamab example and the shared libraries under examples/. */
function workspace(): string {
    const cwd = temporaryFolder('titra-fhir-');
    mkdirSync(path.join(cwd, '.git'));
    copyExample(path.join(cwd, 'examples'));
    return cwd;
}

describe('titra compile --target fhir-r4', () => {
    test('writes <name>.fhir.json beside the protocol, equal to the golden Bundle byte for byte', () => {
        const cwd = workspace();
        const run = titra(cwd, 'compile', `examples/${MAIN}`, '--target', 'fhir-r4');
        expect(run.code, run.stderr).toBe(0);
        expect(run.stderr).toBe(`wrote ${path.join('examples', 'teclistamab-inpatient.fhir.json')}\n`);
        expect(readFileSync(path.join(cwd, 'examples/teclistamab-inpatient.fhir.json'), 'utf8')).toBe(readFileSync(goldenBundle, 'utf8'));
        expect(existsSync(path.join(cwd, 'examples/teclistamab-inpatient.orderset.json'))).toBe(false);
    });

    test('-o and --out-dir choose where the Bundle goes; the two targets agree', () => {
        const cwd = workspace();
        mkdirSync(path.join(cwd, 'out'));
        expect(titra(cwd, 'compile', `examples/${MAIN}`, '--target', 'fhir-r4', '--out-dir', 'out').code).toBe(0);
        expect(titra(cwd, 'compile', `examples/${MAIN}`, '--target', 'fhir-r4', '-o', 'bundle.json').code).toBe(0);
        expect(titra(cwd, 'compile', `examples/${MAIN}`, '--out-dir', 'out').code).toBe(0);
        expect(readdirSync(path.join(cwd, 'out')).sort()).toEqual(['teclistamab-inpatient.fhir.json', 'teclistamab-inpatient.orderset.json']);
        const bundle = readFileSync(path.join(cwd, 'out/teclistamab-inpatient.fhir.json'), 'utf8');
        expect(readFileSync(path.join(cwd, 'bundle.json'), 'utf8')).toBe(bundle);
        const orderSet = JSON.parse(readFileSync(path.join(cwd, 'out/teclistamab-inpatient.orderset.json'), 'utf8')) as { protocol: { version: string }; stepUp: Array<{ id: string }> };
        const plan = (JSON.parse(bundle) as { entry: Array<{ resource: { resourceType: string; version?: string } }> }).entry[0].resource;
        expect(plan).toMatchObject({ resourceType: 'PlanDefinition', version: orderSet.protocol.version });
        for (const dose of orderSet.stepUp) expect(bundle).toContain(`"id": "${dose.id}"`);
    });

    test('--fhir-base, --fhir-bundle transaction and --fhir-package: the Bundle under the hospital base, PUT entries, and the extension definitions', () => {
        const cwd = workspace();
        mkdirSync(path.join(cwd, 'package'));
        const base = 'https://fhir.hospital.example/titra';
        const run = titra(cwd, 'compile', `examples/${MAIN}`, '--target', 'fhir-r4', '-o', 'bundle.json', '--fhir-base', base, '--fhir-bundle', 'transaction', '--fhir-package', 'package');
        expect(run.code, run.stderr).toBe(0);
        const bundle = JSON.parse(readFileSync(path.join(cwd, 'bundle.json'), 'utf8')) as { type: string; entry: Array<{ fullUrl: string; request: { method: string } }> };
        expect(bundle.type).toBe('transaction');
        for (const entry of bundle.entry) {
            expect(entry.fullUrl.startsWith(`${base}/`)).toBe(true);
            expect(entry.request.method).toBe('PUT');
        }
        const files = readdirSync(path.join(cwd, 'package'));
        expect(files).toContain('package.json');
        expect(files).toContain('StructureDefinition-dose-basis.json');
        const doseBasis = JSON.parse(readFileSync(path.join(cwd, 'package/StructureDefinition-dose-basis.json'), 'utf8')) as { url: string };
        expect(doseBasis.url).toBe(`${base}/StructureDefinition/dose-basis`);
    });

    test('a base that is not an absolute URL, or FHIR options without --target fhir-r4: exit 2, nothing written', () => {
        const cwd = workspace();
        const relative = titra(cwd, 'compile', `examples/${MAIN}`, '--target', 'fhir-r4', '--fhir-base', 'hospital/titra');
        expect(relative.code).toBe(2);
        expect(relative.stderr).toMatch(/--fhir-base: hospital\/titra is not an absolute URL/);
        const orderSet = titra(cwd, 'compile', `examples/${MAIN}`, '--fhir-bundle', 'transaction');
        expect(orderSet.code).toBe(2);
        expect(orderSet.stderr).toMatch(/need --target fhir-r4/);
        const bad = titra(cwd, 'compile', `examples/${MAIN}`, '--target', 'fhir-r4', '--fhir-bundle', 'batch');
        expect(bad.code).toBe(2);
        expect(bad.stderr).toMatch(/--fhir-bundle must be one of collection, transaction, not 'batch'/);
        expect(readdirSync(path.join(cwd, 'examples')).filter((f) => f.endsWith('.json'))).toEqual([]);
    });

    test('a protocol with an error: exit 1 and no Bundle written', () => {
        const cwd = workspace();
        const file = path.join(cwd, 'examples', MAIN);
        writeFileSync(file, readFileSync(file, 'utf8').replace('dose SUD2 0.3 mg/kg', 'dose SUD2 0.3 mg/kgg'));
        const run = titra(cwd, 'compile', `examples/${MAIN}`, '--target', 'fhir-r4');
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/nothing was written/);
        expect(existsSync(path.join(cwd, 'examples/teclistamab-inpatient.fhir.json'))).toBe(false);
        expect(readdirSync(path.join(cwd, 'examples')).filter((f) => f.includes('.tmp-'))).toEqual([]);
    });
});

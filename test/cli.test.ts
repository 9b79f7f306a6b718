// Process-level tests of the titra command: check, compile, schema and --version, their exit codes, messages and files on disk.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeTemporaryFolders, repository, temporaryFolder, titra } from '#test-support/titra-process.js';

const bundle = path.join(repository, 'packages/cli/dist/titra.mjs');
const examples = path.join(repository, 'examples');
const goldenOrderSet = path.join(examples, 'golden/teclistamab-inpatient.orderset.json');
const checkedInSchema = path.join(repository, 'packages/language/schema/titra.orderset-1.schema.json');
const checkedInScheduleSchema = path.join(repository, 'packages/language/schema/titra.schedule-1.schema.json');
const cliVersion = (JSON.parse(readFileSync(path.join(repository, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;
const MAIN = 'teclistamab-inpatient.titra';

/** Runs the real titra process in `cwd`, without colors. */

/** A fresh temporary working folder, removed after the file's tests. */
function workFolder(): string {
    const folder = temporaryFolder('titra-cli-');
    return folder;
}

/** A working folder holding a copy of the teclistamab example and the shared libraries as `ex/` (or `name/`). */
function withExamples(name = 'ex'): { cwd: string; ex: string } {
    const cwd = workFolder();
    const ex = path.join(cwd, name);
    copyExample(ex);
    return { cwd, ex };
}

/** Copies examples/teclistamab-inpatient.titra and examples/shared/*.titra (other examples may come and go). */
function copyExample(to: string): void {
    mkdirSync(path.join(to, 'shared'), { recursive: true });
    writeFileSync(path.join(to, MAIN), readFileSync(path.join(examples, MAIN)));
    for (const name of readdirSync(path.join(examples, 'shared')).filter((f) => f.endsWith('.titra'))) {
        writeFileSync(path.join(to, 'shared', name), readFileSync(path.join(examples, 'shared', name)));
    }
}

/** Every file below `folder`, relative, sorted (hidden files included). */
function listFiles(folder: string): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else out.push(path.relative(folder, full).split(path.sep).join('/'));
        }
    };
    walk(folder);
    return out.sort();
}

function temporaries(folder: string): string[] {
    return listFiles(folder).filter((f) => /(^|\/)\.[^/]*\.tmp-/.test(f));
}

/** Replaces `from` (which must occur exactly once) in the protocol text. */
function edit(text: string, from: string, to: string): string {
    expect(text.split(from).length, `'${from}' occurs exactly once`).toBe(2);
    return text.replace(from, to);
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number; source: string } {
    const lines = text.split(/\r?\n/);
    const index = lines.findIndex((l) => l.includes(needle));
    expect(index, `'${needle}' is in the fixture`).toBeGreaterThanOrEqual(0);
    return { line: index + 1, column: lines[index].indexOf(needle) + 1, source: lines[index] };
}

/** Asserts the text report of one finding: head line, the quoted source line and a caret under the problem. */
function expectFindingText(stderr: string, file: string, text: string, needle: string, severity: string, code: string, caretWidth = needle.length): void {
    const { line, column, source } = positionOf(text, needle);
    const lines = stderr.split('\n');
    const head = lines.findIndex((l) => l.startsWith(`${file}:${line}:${column}: ${severity} [${code}] `));
    expect(head, `a '${file}:${line}:${column}: ${severity} [${code}]' line in:\n${stderr}`).toBeGreaterThanOrEqual(0);
    expect(lines[head + 2]).toBe(` ${line} | ${source}`);
    expect(lines[head + 3]).toBe(` ${' '.repeat(String(line).length)} | ${' '.repeat(column - 1)}${'^'.repeat(caretWidth)}`);
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A protocol that compiles but carries one warning: an observation Titra does not know. */
function warningProtocol(ex: string): { file: string; text: string } {
    let text = readFileSync(path.join(ex, MAIN), 'utf8');
    text = edit(text, 'requires weight, ANC, platelets, hemoglobin, IgG, CD4', 'requires weight, ANC, platelets, hemoglobin, IgG, CD4, ferritin');
    text = edit(text, '    when active-infection resume when resolved\n', '    when active-infection resume when resolved\n    when ferritin > 500 mg/dL resume when resolved\n');
    const file = path.join(ex, 'warn.titra');
    writeFileSync(file, text);
    return { file, text };
}

/** A protocol with one error: a dose unit that does not exist. */
function errorProtocol(ex: string, name = 'bad.titra'): { file: string; text: string } {
    const text = edit(readFileSync(path.join(ex, MAIN), 'utf8'), 'dose SUD2 0.3 mg/kg', 'dose SUD2 0.3 mgg/kg');
    const file = path.join(ex, name);
    writeFileSync(file, text);
    return { file, text };
}

/** A second, distinct protocol in a sub-folder of ex/, importing the shared libraries. */
function secondProtocol(ex: string): string {
    let text = readFileSync(path.join(ex, MAIN), 'utf8');
    text = edit(text, 'protocol TEC-STEPUP-INPATIENT "Teclistamab step-up dosing, inpatient"', 'protocol TEC-SECOND "Teclistamab, second copy"');
    text = text.split('import "shared/').join('import "../shared/');
    mkdirSync(path.join(ex, 'sub'), { recursive: true });
    const file = path.join(ex, 'sub/second.titra');
    writeFileSync(file, text);
    return file;
}

const USAGE_LINE = /Usage:\n\s+titra check/;

interface StepUpDose {
    id: string;
    sequence: number;
    day: number;
    window?: { after: string; min: { value: number; unit: string }; max: { value: number; unit: string } };
    dose: { value: number; unit: string; basis: string };
    premedication?: string;
    monitoring?: { setting: string; duration: { value: number; unit: string } };
}

interface OrderSetFile {
    format: string;
    protocol: { id: string };
    premedication: Array<{ id: string; orders: Array<{ order: { drug: string } }> }>;
    stepUp: StepUpDose[];
    provenance: { source: string; sha256: string; imports: Array<{ source: string; sha256: string }>; compiler: { name: string; version: string } };
}

const readOrderSet = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as OrderSetFile;

beforeAll(() => {
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run 'npm run build' before these tests`);
    const built = statSync(bundle).mtimeMs;
    const sources = [path.join(repository, 'packages/cli/src'), path.join(repository, 'packages/language/src')]
        .flatMap((folder) => listFiles(folder).map((f) => path.join(folder, f)))
        .filter((f) => f.endsWith('.ts') && !f.includes(`${path.sep}generated${path.sep}`));
    const newer = sources.filter((f) => statSync(f).mtimeMs > built);
    if (newer.length > 0) throw new Error(`the bundle is older than ${path.relative(repository, newer[0])}: run 'npm run build' before these tests`);
});

afterAll(removeTemporaryFolders);

describe('titra check', () => {
    test('the examples are clean: exit 0, nothing on stdout, a summary on stderr, nothing written', () => {
        const cwd = workFolder();
        const run = titra(cwd, 'check', examples);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^\d+ files checked: 0 errors, 0 warnings\n$/);
        expect(listFiles(cwd)).toEqual([]);
    });

    test('--format json prints a JSON array of findings on stdout', () => {
        const clean = titra(workFolder(), 'check', examples, '--format', 'json');
        expect(clean.code, clean.stderr).toBe(0);
        // The examples' only findings are suppressed ones (with their reasons), which --format json still lists.
        expect((JSON.parse(clean.stdout) as Array<{ suppressed: boolean; reason?: string }>).filter((f) => !f.suppressed || !f.reason)).toEqual([]);

        const { cwd, ex } = withExamples();
        const { text } = warningProtocol(ex);
        const run = titra(cwd, 'check', 'ex/warn.titra', '--format', 'json');
        expect(run.code, run.stderr).toBe(0);
        const findings = JSON.parse(run.stdout) as unknown[];
        expect(Array.isArray(findings)).toBe(true);
        const { line, column } = positionOf(text, 'ferritin >');
        expect(findings).toEqual([expect.objectContaining({
            file: 'ex/warn.titra', line, column, severity: 'warning', code: 'input/unknown-observation', message: expect.stringContaining('ferritin')
        })]);
    });

    test('--format sarif prints a SARIF 2.1.0 log with rule ids and physical locations', () => {
        const { cwd, ex } = withExamples();
        const { text } = warningProtocol(ex);
        errorProtocol(ex);
        const run = titra(cwd, 'check', 'ex', '--format', 'sarif');
        expect(run.code, run.stderr).toBe(1);
        const sarif = JSON.parse(run.stdout) as {
            version: string;
            runs: Array<{ tool: { driver: { name: string; version: string; rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }> }>;
        };
        expect(sarif.version).toBe('2.1.0');
        expect(sarif.runs).toHaveLength(1);
        expect(sarif.runs[0].tool.driver.name).toBe('titra');
        expect(sarif.runs[0].tool.driver.version).toBe(cliVersion);
        const results = sarif.runs[0].results;
        const warning = results.find((r) => r.ruleId === 'input/unknown-observation');
        const error = results.find((r) => r.ruleId === 'unit/unknown');
        expect(warning?.level).toBe('warning');
        expect(error?.level).toBe('error');
        expect(warning?.locations[0].physicalLocation.artifactLocation.uri).toBe('ex/warn.titra');
        expect(warning?.locations[0].physicalLocation.region).toMatchObject({ startLine: positionOf(text, 'ferritin >').line, startColumn: positionOf(text, 'ferritin >').column });
        expect(error?.locations[0].physicalLocation.artifactLocation.uri).toBe('ex/bad.titra');
        expect(error?.locations[0].physicalLocation.region.startLine).toBe(positionOf(text, 'dose SUD2').line);
        expect(sarif.runs[0].tool.driver.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['input/unknown-observation', 'unit/unknown']));
    });

    test('--format sarif gives files outside the working folder as file:// URIs', () => {
        const { ex } = withExamples('my protocols');
        const { file } = warningProtocol(ex);
        const run = titra(workFolder(), 'check', file, '--format', 'sarif');
        expect(run.code, run.stderr).toBe(0);
        const sarif = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
        const uri = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
        expect(uri).toBe(pathToFileURL(file).href);
        expect(fileURLToPath(uri)).toBe(file);
    });

    test('a warning passes without --strict (exit 0) and fails with it (exit 1)', () => {
        const { cwd, ex } = withExamples();
        const { text } = warningProtocol(ex);
        const relaxed = titra(cwd, 'check', 'ex/warn.titra');
        expect(relaxed.code, relaxed.stderr).toBe(0);
        expectFindingText(relaxed.stderr, 'ex/warn.titra', text, 'ferritin >', 'warning', 'input/unknown-observation', 'ferritin'.length);
        expect(relaxed.stderr).toMatch(/0 errors, 1 warning\n$/);

        const strict = titra(cwd, 'check', 'ex/warn.titra', '--strict');
        expect(strict.code, strict.stderr).toBe(1);
        expectFindingText(strict.stderr, 'ex/warn.titra', text, 'ferritin >', 'warning', 'input/unknown-observation', 'ferritin'.length);

        const strictJson = titra(cwd, 'check', 'ex/warn.titra', '--strict', '--format', 'json');
        expect(strictJson.code).toBe(1);
        expect(JSON.parse(strictJson.stdout)).toHaveLength(1);
    });

    test('a protocol with an error: exit 1, file:line:col: error [code] message, the source line and a caret', () => {
        const { cwd, ex } = withExamples();
        const { text } = errorProtocol(ex);
        const run = titra(cwd, 'check', 'ex/bad.titra');
        expect(run.code, run.stderr).toBe(1);
        expect(run.stdout).toBe('');
        expectFindingText(run.stderr, 'ex/bad.titra', text, 'mgg/kg', 'error', 'unit/unknown');
        expect(run.stderr).toContain("'mgg/kg' is not a unit Titra knows");
        expect(run.stderr).toMatch(/1 error, 0 warnings\n$/);
    });

    test('with no path, check looks at the working folder', () => {
        const { ex } = withExamples();
        const clean = titra(ex, 'check');
        expect(clean.code, clean.stderr).toBe(0);
        expect(clean.stderr).toBe(`${listFiles(ex).length} files checked: 0 errors, 0 warnings\n`);
        const { text } = errorProtocol(ex);
        const run = titra(ex, 'check');
        expect(run.code).toBe(1);
        expectFindingText(run.stderr, 'bad.titra', text, 'mgg/kg', 'error', 'unit/unknown');
    });
});

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

    test('provenance.sha256 is the hash of the file bytes also for a file saved with a UTF-8 byte order mark', () => {
        const { cwd, ex } = withExamples();
        const text = readFileSync(path.join(ex, MAIN));
        writeFileSync(path.join(ex, MAIN), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]));
        const run = titra(cwd, 'compile', `ex/${MAIN}`, '-o', 'out.json');
        expect(run.code, run.stderr).toBe(0);
        expect(readOrderSet(path.join(cwd, 'out.json')).provenance.sha256).toBe(sha256(path.join(ex, MAIN)));
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

    test('--out-dir pointing at a regular file: exit 2, the file is untouched', () => {
        const { cwd } = withExamples();
        writeFileSync(path.join(cwd, 'plain'), 'a file\n');
        const before = listFiles(cwd);
        const run = titra(cwd, 'compile', `ex/${MAIN}`, '--out-dir', 'plain');
        expect(run.code).toBe(2);
        expect(run.stderr).toBe('titra: plain: is a file, not a folder\n');
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

describe('titra schema and --version', () => {
    test('schema prints the checked-in JSON Schema of titra.orderset/1', () => {
        const run = titra(workFolder(), 'schema');
        expect(run.code, run.stderr).toBe(0);
        expect(run.stderr).toBe('');
        const schema = JSON.parse(run.stdout) as { $schema: string; $ref: string; $defs: Record<string, unknown> };
        expect(schema.$defs).toHaveProperty('OrderSet');
        expect(schema.$ref).toBe('#/$defs/OrderSet');
        expect(run.stdout).toBe(readFileSync(checkedInSchema, 'utf8'));
    });

    test('schema --schedule prints the checked-in JSON Schema of titra.schedule/1', () => {
        const run = titra(workFolder(), 'schema', '--schedule');
        expect(run.code, run.stderr).toBe(0);
        const schema = JSON.parse(run.stdout) as { $ref: string; $defs: Record<string, unknown> };
        expect(schema.$ref).toBe('#/$defs/Schedule');
        expect(run.stdout).toBe(readFileSync(checkedInScheduleSchema, 'utf8'));
    });

    test('schema takes no arguments: exit 2', () => {
        const run = titra(workFolder(), 'schema', 'extra');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^titra: schema takes no arguments\n/);
        expect(run.stdout).toBe('');
    });

    test('--version prints the version of packages/cli/package.json', () => {
        const run = titra(workFolder(), '--version');
        expect(run.code).toBe(0);
        expect(run.stdout).toBe(`${cliVersion}\n`);
    });
});

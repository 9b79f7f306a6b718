// The extension's bundled language server over stdio: titra/compile gives the CLI's JSON, titra/schedule, titra/scheduleInputs and
// titra/protocolInfo answer, and dose inlay hints and step-up code lenses appear.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startLanguageServer, type LanguageServerSession } from '#test-support/lsp-client.js';
import type { CodeLens, InlayHint } from 'vscode-languageserver-protocol';
import type { CompileResult, ProtocolInfo, ScheduleInputsResult, ScheduleResult } from '@titra/language/requests';

const extension = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repository = path.resolve(extension, '../..');
const examples = path.join(repository, 'examples');
const protocolFile = path.join(examples, 'teclistamab-outpatient.titra');
const scratch = mkdtempSync(path.join(tmpdir(), 'titra-ext-'));
const brokenFile = path.join(scratch, 'broken.titra');

let session: LanguageServerSession;
let connection: LanguageServerSession['connection'];

beforeAll(async () => {
    // The server under test is the one the extension ships: build it from the current sources.
    execFileSync(process.execPath, ['build.mjs'], { cwd: extension, stdio: 'inherit' });
    writeFileSync(brokenFile, 'protocol BROKEN "Broken" {\n  version 1.0.0\n  status draft\n  agent teclistamab route subcut\n'
        + '  step-up { dose SUD1 5 mgg day 1 premedicate standard monitor inpatient 48 hours }\n'
        + '  premedication standard { dexamethasone 16 mg PO diphenhydramine 50 mg PO acetaminophen 650 mg PO give 1 to 3 hours before dose }\n}\n');
    // The repository is the workspace folder, as it is `titra compile`'s workspace (the git repository holding the file).
    session = await startLanguageServer([repository, scratch], path.join(extension, 'dist/server.cjs'));
    connection = session.connection;
});

afterAll(() => {
    session?.close();
    rmSync(scratch, { recursive: true, force: true });
});

describe('titra/compile', () => {
    test('gives exactly the JSON that titra compile writes', async () => {
        const result = await connection.sendRequest<CompileResult>('titra/compile', { uri: pathToFileURL(protocolFile).toString() });
        const cliOutput = path.join(scratch, 'cli.orderset.json');
        execFileSync(process.execPath, [path.join(repository, 'packages/cli/bin/titra.js'), 'compile', protocolFile, '-o', cliOutput], { cwd: repository, stdio: 'pipe' });
        expect(result.kind).toBe('ok');
        if (result.kind !== 'ok') return;
        expect(result.protocolId).toBe('TEC-STEPUP-OUTPATIENT');
        expect(result.json).toBe(readFileSync(cliOutput, 'utf8'));
    });

    test('reports errors and gives no JSON for a broken protocol', async () => {
        const result = await connection.sendRequest<CompileResult>('titra/compile', { uri: pathToFileURL(brokenFile).toString() });
        expect(result).toMatchObject({ kind: 'errors', files: 1, first: { file: 'broken.titra', line: 4 } });
        expect(result.kind === 'errors' && result.first.message).toContain("'mgg' is not a unit");
        expect(result.kind === 'errors' && result.errors).toBeGreaterThan(0);
    });

    test('refuses a library', async () => {
        const result = await connection.sendRequest<CompileResult>('titra/compile', { uri: pathToFileURL(path.join(examples, 'shared/imwg-crs.titra')).toString() });
        expect(result.kind).toBe('library');
    });
});

describe('titra/schedule', () => {
    test('computes weight-based doses for the example patient', async () => {
        const result = await connection.sendRequest<ScheduleResult>('titra/schedule', { uri: pathToFileURL(protocolFile).toString(), weight: 70, start: '2027-01-04' });
        expect(result.kind).toBe('ok');
        if (result.kind !== 'ok') return;
        const first = result.schedule.administrations[0];
        expect(first).toMatchObject({ date: '2027-01-04', name: 'SUD1', amount: { value: 4.2, unit: 'mg' } });
        expect(first.amount.calculation).toContain('70 kg');
        expect(first.premedication.map((p) => p.text).join(' ')).toContain('dexamethasone');
    });

    test('rejects an impossible start date', async () => {
        const result = await connection.sendRequest<ScheduleResult>('titra/schedule', { uri: pathToFileURL(protocolFile).toString(), weight: 70, start: '2027-02-30' });
        expect(result.kind).toBe('input-error');
    });
});

describe('titra/scheduleInputs and the schedule with height, flags and events', () => {
    const blinatumomab = pathToFileURL(path.join(examples, 'blinatumomab.titra')).toString();

    test('a protocol with doses per m2 needs the height; a protocol with risk flags offers them', async () => {
        expect(await connection.sendRequest<ScheduleInputsResult>('titra/scheduleInputs', { uri: blinatumomab })).toEqual({ kind: 'ok', needsHeight: true, flags: [] });
        const highRisk = await connection.sendRequest<ScheduleInputsResult>('titra/scheduleInputs', { uri: pathToFileURL(path.join(examples, 'teclistamab-high-risk.titra')).toString() });
        expect(highRisk.kind === 'ok' && highRisk.needsHeight).toBe(false);
        expect(highRisk.kind === 'ok' && highRisk.flags.map((f) => f.id)).toEqual(['extramedullary-disease', 'high-tumor-burden']);
    });

    test('weight and height give the dose per m2, as titra schedule --weight --height', async () => {
        const withoutHeight = await connection.sendRequest<ScheduleResult>('titra/schedule', { uri: blinatumomab, weight: 30, start: '2026-12-01' });
        expect(withoutHeight).toMatchObject({ kind: 'input-error' });
        expect(withoutHeight.kind === 'input-error' && withoutHeight.message).toContain('height');
        const result = await connection.sendRequest<ScheduleResult>('titra/schedule', { uri: blinatumomab, weight: 30, height: 130, start: '2026-12-01', until: '2026-12-02' });
        expect(result.kind).toBe('ok');
        expect(result.kind === 'ok' && result.schedule.infusions?.[0].dailyAmount.calculation).toMatch(/^5 mcg\/m2\/day x 1\.0408\d* m2 = 5\.204/);
    });

    test('flags choose the variant, and events are checked like titra schedule --events', async () => {
        const uri = pathToFileURL(path.join(examples, 'teclistamab-high-risk.titra')).toString();
        const flagged = await connection.sendRequest<ScheduleResult>('titra/schedule', { uri, weight: 70, start: '2027-01-04', flags: ['high-tumor-burden'] });
        const plain = await connection.sendRequest<ScheduleResult>('titra/schedule', { uri, weight: 70, start: '2027-01-04' });
        expect(flagged.kind === 'ok' && plain.kind === 'ok' && JSON.stringify(flagged.schedule) !== JSON.stringify(plain.schedule)).toBe(true);
        const events = [{ date: '2027-01-05', type: 'toxicity', toxicity: 'crs', grade: 2 }];
        const withEvents = await connection.sendRequest<ScheduleResult>('titra/schedule', { uri: pathToFileURL(protocolFile).toString(), weight: 70, start: '2027-01-04', events });
        expect(withEvents.kind === 'ok' && withEvents.schedule.decisions.length).toBeGreaterThan(0);
        const bad = await connection.sendRequest<ScheduleResult>('titra/schedule', { uri: pathToFileURL(protocolFile).toString(), weight: 70, start: '2027-01-04', events: [{ date: 'soon', type: 'toxicity' }] });
        expect(bad).toMatchObject({ kind: 'input-error' });
        expect(bad.kind === 'input-error' && bad.message).toMatch(/^the events are not a titra timeline: event 1 \(date\)/);
    });
});

describe('inlay hints and code lenses', () => {
    const uri = pathToFileURL(protocolFile).toString();
    const lines = readFileSync(protocolFile, 'utf8').split('\n');
    const lineOf = (start: string) => lines.findIndex((line) => line.trimStart().startsWith(start));

    test('each weight-based dose shows the example patient\'s amount, each step-up dose the label value of its schedule', async () => {
        session.open(uri, readFileSync(protocolFile, 'utf8'));
        await session.diagnostics(uri);
        const hints = await connection.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } });
        const sud2 = hints.find((h) => h.position.line === lineOf('dose SUD2'));
        expect(sud2).toMatchObject({ label: '= 21 mg · label 0.3 mg/kg', paddingLeft: true, position: { character: lines[lineOf('dose SUD2')].indexOf('0.3 mg/kg') + '0.3 mg/kg'.length } });
        expect(String(sud2?.tooltip)).toContain('0.3 mg/kg x 70 kg = 21 mg');
        // The tocilizumab prophylaxis: 8 mg/kg for 70 kg is 560 mg, under its cap of 800 mg; no label value outside the step-up.
        expect(hints.map((h) => h.label)).toContain('= 560 mg');
    });

    test('the example patient comes from the settings, and titra.inlayHints.enabled false turns the hints off', async () => {
        const range = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
        const configure = (titra: object) => connection.sendNotification('workspace/didChangeConfiguration', { settings: { titra } });
        try {
            await configure({ examplePatientWeight: 80, inlayHints: { enabled: true } });
            const hints = await connection.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range });
            expect(hints.find((h) => h.position.line === lineOf('dose SUD2'))?.label).toBe('= 24 mg · label 0.3 mg/kg');
            await configure({ inlayHints: { enabled: false } });
            expect(await connection.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range })).toEqual([]);
        } finally {
            await configure({});
        }
    });

    test('a code lens over each step-up dose opens the preview at that dose', async () => {
        const lenses = await connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
        expect(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments])).toEqual(['SUD1', 'SUD2', 'TD1'].map((dose) => [
            lineOf(`dose ${dose}`), `Preview schedule at ${dose}`, 'titra.previewSchedule', [uri, dose]
        ]));
    });
});

describe('titra/protocolInfo', () => {
    test('gives status and version', async () => {
        const info = await connection.sendRequest<ProtocolInfo>('titra/protocolInfo', { uri: pathToFileURL(protocolFile).toString() });
        expect(info).toMatchObject({ kind: 'protocol', id: 'TEC-STEPUP-OUTPATIENT', status: 'active', version: '1.0.0' });
    });
});

// The extension's bundled language server over stdio: titra/compile gives the CLI's JSON, titra/schedule and titra/protocolInfo answer.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startLanguageServer, type LanguageServerSession } from '#test-support/lsp-client.js';
import type { CompileResult, ProtocolInfo, ScheduleResult } from '@titra/language/requests';

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

describe('titra/protocolInfo', () => {
    test('gives status and version', async () => {
        const info = await connection.sendRequest<ProtocolInfo>('titra/protocolInfo', { uri: pathToFileURL(protocolFile).toString() });
        expect(info).toMatchObject({ kind: 'protocol', id: 'TEC-STEPUP-OUTPATIENT', status: 'active', version: '1.0.0' });
    });
});

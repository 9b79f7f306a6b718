// The bundled language server over stdio: versioned diagnostics with documentation links, range formatting, rename, hover on keywords and observations, workspace symbols.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'langium';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Hover, Range, SymbolInformation, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { requestError, startLanguageServer, type LanguageServerSession } from '#test-support/lsp-client.js';
import { repository } from '#test-support/titra-process.js';

const examples = path.join(repository, 'examples');
const protocolFile = path.join(examples, 'teclistamab-inpatient.titra');
const protocolUri = pathToFileURL(protocolFile).toString();
const protocolText = readFileSync(protocolFile, 'utf8');
/** A document opened in the editor only (never written to disk), edited by the tests. */
const scratchUri = pathToFileURL(path.join(examples, 'editing-probe.titra')).toString();

let session: LanguageServerSession;

/** The LSP position of the first `needle` after `after`. */
function positionOf(text: string, needle: string, after = ''): { line: number; character: number } {
    const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

async function hoverText(text: string, needle: string, after = ''): Promise<string | undefined> {
    const hover = await session.connection.sendRequest<Hover | null>('textDocument/hover', {
        textDocument: { uri: protocolUri }, position: positionOf(text, needle, after)
    });
    return (hover?.contents as { value: string } | undefined)?.value;
}

const errorOf = (method: string, params: unknown) => requestError(session.connection, method, params);

beforeAll(async () => {
    session = await startLanguageServer(examples, undefined, { capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } } });
    session.open(protocolUri, protocolText, 1);
    await session.diagnostics(protocolUri);
});

afterAll(() => session?.close());

describe('diagnostics', () => {
    test('carry the version of the text they were computed on, and a link to the documentation of their code', async () => {
        const text = 'protocol P "Probe" {\n  version 1.0.0\n  status draft\n  agent teclistamab route subcut\n  supportive-care {\n    acyclovir .5 mg PO daily throughout\n  }\n}\n';
        session.open(scratchUri, text, 4);
        const first = await session.publication(scratchUri, (p) => p.diagnostics.some((d) => d.code === 'safety/naked-decimal'));
        expect(first.version).toBe(4);
        const naked = first.diagnostics.find((d) => d.code === 'safety/naked-decimal')!;
        expect(naked.range.start.line).toBe(5);
        expect(naked.codeDescription?.href).toBe('https://titra.example/README.md#checks');
        session.change(scratchUri, text.replace('.5 mg', '0.5 mg'), 5);
        const second = await session.publication(scratchUri, (p) => p.version === 5);
        expect(second.diagnostics.map((d) => d.code)).not.toContain('safety/naked-decimal');
        session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: scratchUri } });
    });
});

describe('range formatting', () => {
    test('lays out only the members the range touches', async () => {
        const text = 'protocol P "Probe" {\n    version   1.0.0\n  status draft\n  agent   teclistamab route subcut\n     requires weight\n}\n';
        const uri = pathToFileURL(path.join(examples, 'range-format-probe.titra')).toString();
        session.open(uri, text);
        const edits = await session.connection.sendRequest<TextEdit[]>('textDocument/rangeFormatting', {
            textDocument: { uri }, range: { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } }, options: { tabSize: 2, insertSpaces: true }
        });
        const result = TextDocument.applyEdits(TextDocument.create(uri, 'titra', 1, text), edits);
        // Before: the whole document was formatted (lines 2 and 5 too).
        expect(result).toBe('protocol P "Probe" {\n    version   1.0.0\n  status draft\n  agent teclistamab route subcut\n     requires weight\n}\n');
        session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    });
});

describe('rename', () => {
    const at = () => positionOf(protocolText, 'SUD1', 'dose SUD1');

    test('renames a dose where it is declared and used', async () => {
        const edit = await session.connection.sendRequest<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: protocolUri }, position: at(), newName: 'STEP1' });
        expect(edit.changes?.[protocolUri]?.map((e) => e.range.start.line).sort((a, b) => a - b)).toEqual([32, 33, 43, 43, 45, 49, 52, 55]);
    });

    test.each([
        ['bad name!', "'bad name!' is not a name Titra can read: a name starts with a letter or _ and goes on with letters, digits, _ or -, without spaces"],
        ['dose', "'dose' is a Titra keyword, so it cannot be a name"],
        ['step-up', "'step-up' is a Titra keyword, so it cannot be a name"],
        ['1st', "'1st' is not a name Titra can read: a name starts with a letter or _ and goes on with letters, digits, _ or -, without spaces"]
    ])('refuses %j with a clear error', async (newName, message) => {
        const error = await errorOf('textDocument/rename', { textDocument: { uri: protocolUri }, position: at(), newName });
        expect(error.code).toBe(-32602);
        expect(error.message).toBe(message);
    });

    test('prepareRename gives the name range, and refuses a position that is not a name', async () => {
        const range = await session.connection.sendRequest<Range>('textDocument/prepareRename', { textDocument: { uri: protocolUri }, position: at() });
        expect(range).toEqual({ start: at(), end: { line: at().line, character: at().character + 4 } });
        const error = await errorOf('textDocument/prepareRename', { textDocument: { uri: protocolUri }, position: positionOf(protocolText, 'step-up {') });
        expect(error.message).toMatch(/^Nothing to rename here: put the cursor on the name of a dose/);
    });
});

describe('hover', () => {
    test('on a keyword explains it', async () => {
        expect(await hoverText(protocolText, 'restart-after-delay')).toMatch(/^\*\*restart-after-delay\*\*: How to restart after a delayed dose/);
        expect(await hoverText(protocolText, 'premedicate', 'dose SUD1')).toMatch(/^\*\*premedicate\*\*: Gives a premedication set before this dose/);
    });

    test('on the keyword of an agent explains it and keeps the label facts', async () => {
        const text = await hoverText(protocolText, 'agent ');
        expect(text).toMatch(/^\*\*agent\*\*: The bispecific antibody/);
        expect(text).toContain('**teclistamab** (Tecvayli)');
    });

    test('on response explains the response levels', async () => {
        expect(await hoverText(protocolText, 'response', 'phase Q2W')).toContain('best first: sCR > CR > VGPR > PR > MR > SD > PD (IMWG response categories)');
        expect(await hoverText(protocolText, 'CR sustained')).toMatch(/^\*\*CR\*\*: Complete response/);
    });

    test('on an observation gives its unit, plausible range and source', async () => {
        const text = await hoverText(protocolText, 'platelets', 'requires');
        expect(text).toMatch(/^\*\*platelets\*\*: .* in x10\^9\/L/);
        expect(text).toMatch(/Plausible range: .* x10\^9\/L/);
        expect(text).toContain('OHDSI DataQualityDashboard');
    });
});

describe('workspace symbols', () => {
    test('find protocols, doses, phases, premedication sets and panels, with their protocol or library', async () => {
        const symbols = await session.connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: '' });
        const inProtocol = symbols.filter((s) => s.location.uri === protocolUri).map((s) => [s.name, s.containerName ?? null]);
        expect(inProtocol).toEqual(expect.arrayContaining([
            ['TEC-STEPUP-INPATIENT', null], ['standard', 'TEC-STEPUP-INPATIENT'], ['SUD1', 'TEC-STEPUP-INPATIENT'], ['TD1', 'TEC-STEPUP-INPATIENT'],
            ['QW', 'TEC-STEPUP-INPATIENT'], ['Q2W', 'TEC-STEPUP-INPATIENT']
        ]));
        const panels = await session.connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'imwg-crs' });
        expect(panels.map((s) => [path.basename(s.location.uri), s.name])).toEqual(expect.arrayContaining([['imwg-crs.titra', 'imwg-crs']]));
    });
});

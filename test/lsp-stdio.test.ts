// The bundled language server, started as a process and spoken to over stdio: diagnostics, definition, hover, completion, semantic tokens.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompletionList, Diagnostic, LocationLink, SemanticTokens } from 'vscode-languageserver-protocol';
import { startLanguageServer, type LanguageServerSession } from '#test-support/lsp-client.js';
import { repository } from '#test-support/titra-process.js';

const examples = path.join(repository, 'examples');
const protocolFile = path.join(examples, 'teclistamab-inpatient.titra');
const protocolUri = pathToFileURL(protocolFile).toString();

let session: LanguageServerSession;
let connection: LanguageServerSession['connection'];
let initializeResult: LanguageServerSession['initializeResult'];

function waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return session.diagnostics(uri, predicate);
}

/** Offset of the first occurrence of `needle` (after `after`) as an LSP position. */
function positionOf(text: string, needle: string, after = ''): { line: number; character: number } {
    const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

beforeAll(async () => {
    session = await startLanguageServer(examples);
    ({ connection, initializeResult } = session);
    session.open(protocolUri, readFileSync(protocolFile, 'utf8'));
});

afterAll(() => session?.close());

describe('language server over stdio', () => {
    test('an example protocol gets no diagnostics', async () => {
        expect(await waitForDiagnostics(protocolUri, () => true)).toEqual([]);
    });

    test('go to definition of an imported panel lands in the shared library', async () => {
        const text = readFileSync(protocolFile, 'utf8');
        const links = await connection.sendRequest<LocationLink[]>('textDocument/definition', {
            textDocument: { uri: protocolUri }, position: positionOf(text, 'imwg-crs', 'crs-panel uses')
        });
        expect(links.map((l) => path.basename(fileURLToPath(l.targetUri)))).toEqual(['imwg-crs.titra']);
    });

    test('go to definition of a premedication set lands on its declaration', async () => {
        const text = readFileSync(protocolFile, 'utf8');
        const links = await connection.sendRequest<LocationLink[]>('textDocument/definition', {
            textDocument: { uri: protocolUri }, position: positionOf(text, 'standard', 'premedicate ')
        });
        expect(links).toHaveLength(1);
        expect(links[0].targetUri).toBe(protocolUri);
        expect(links[0].targetSelectionRange.start.line).toBe(positionOf(text, 'standard', 'premedication standard').line);
    });

    test('hover on the agent shows its label schedule with the source', async () => {
        const text = readFileSync(protocolFile, 'utf8');
        const hover = await connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
            textDocument: { uri: protocolUri }, position: positionOf(text, 'teclistamab', 'agent ')
        });
        expect(hover?.contents.value).toContain('**teclistamab** (Tecvayli)');
        expect(hover?.contents.value).toContain('step-up dose 1: 0.06 mg/kg on day 1');
        expect(hover?.contents.value).toMatch(/_Source: .*Tecvayli USPI/);
    });

    test('hover on a dose shows it for the 70 kg example patient and the label value', async () => {
        const text = readFileSync(protocolFile, 'utf8');
        const hover = await connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
            textDocument: { uri: protocolUri }, position: positionOf(text, '0.3 mg/kg', 'dose SUD2')
        });
        expect(hover?.contents.value).toContain('Example patient 70 kg, 170 cm (settings titra.examplePatientWeight, titra.examplePatientHeight): 0.3 mg/kg x 70 kg = 21 mg');
        expect(hover?.contents.value).toContain('step-up dose 2 0.3 mg/kg on day 4');
    });

    test('hover on a used panel shows its declaration in the library', async () => {
        const text = readFileSync(protocolFile, 'utf8');
        const hover = await connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
            textDocument: { uri: protocolUri }, position: positionOf(text, 'imwg-crs', 'crs-panel uses')
        });
        expect(hover?.contents.value).toContain('crs-panel imwg-crs "CRS grades 1-4"');
        expect(hover?.contents.value).toContain('_Declared in imwg-crs.titra, line');
    });

    test('completion after agent offers the agents of the knowledge base with brand and route', async () => {
        // A second document, opened only in the editor (never written to disk), with the cursor after `agent `.
        const uri = pathToFileURL(path.join(examples, 'completion-probe.titra')).toString();
        connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri, languageId: 'titra', version: 1, text: 'protocol PROBE "Probe" {\n  agent \n}\n' }
        });
        const list = await connection.sendRequest<CompletionList>('textDocument/completion', {
            textDocument: { uri }, position: { line: 1, character: 8 }
        });
        expect(list.items.map((i) => i.label)).toEqual(expect.arrayContaining(['teclistamab', 'elranatamab', 'talquetamab', 'epcoritamab']));
        expect(list.items.find((i) => i.label === 'teclistamab')?.detail).toBe('Tecvayli, subcut');
        connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    });

    test('semantic tokens of the protocol mark the agent as a function and doses as variables', async () => {
        const legend = initializeResult.capabilities.semanticTokensProvider?.legend;
        expect(legend?.tokenTypes).toContain('function');
        const text = readFileSync(protocolFile, 'utf8');
        const tokens = await connection.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: protocolUri } });
        // Decode the relative encoding (line delta, start delta, length, type, modifiers) into absolute positions.
        const decoded: Array<{ line: number; character: number; length: number; type: string }> = [];
        let line = 0;
        let character = 0;
        for (let i = 0; i < tokens.data.length; i += 5) {
            const [deltaLine, deltaStart, length, type] = tokens.data.slice(i, i + 4);
            character = deltaLine === 0 ? character + deltaStart : deltaStart;
            line += deltaLine;
            decoded.push({ line, character, length, type: legend!.tokenTypes[type] });
        }
        const typeAt = (needle: string, after: string) => {
            const at = positionOf(text, needle, after);
            return decoded.find((t) => t.line === at.line && t.character === at.character && t.length === needle.length)?.type;
        };
        expect(typeAt('teclistamab', 'agent ')).toBe('function');
        expect(typeAt('SUD1', 'dose SUD1')).toBe('variable');
        expect(typeAt('mg/kg', 'dose SUD1')).toBe('type');
        expect(typeAt('standard', 'premedicate ')).toBe('struct');
    });

    test('an edit that breaks a dose is reported with its code', async () => {
        const text = readFileSync(protocolFile, 'utf8').replace('dose SUD1 0.06 mg/kg', 'dose SUD1 .06 mg/kg');
        connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: protocolUri, version: 2 }, contentChanges: [{ text }]
        });
        const found = await waitForDiagnostics(protocolUri, (d) => d.length > 0);
        expect(found.map((d) => d.code)).toContain('safety/naked-decimal');
        expect(found[0].range.start.line).toBe(positionOf(text, '.06 mg/kg').line);
    });

    test('an edit that departs from the label draws the clinical check, as in titra check', async () => {
        const text = readFileSync(protocolFile, 'utf8').replace('dose SUD2 0.3 mg/kg', 'dose SUD2 3 mg/kg');
        connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: protocolUri, version: 3 }, contentChanges: [{ text }]
        });
        const found = await waitForDiagnostics(protocolUri, (d) => d.some((x) => x.code === 'reference/dose-differs'));
        expect(found.filter((d) => d.code === 'reference/dose-differs').map((d) => d.range.start.line)).toEqual([positionOf(text, '3 mg/kg').line]);
    });
});

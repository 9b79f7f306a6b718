// The bundled language server over stdio with unusual clients and malformed messages: roots without workspace folders, null texts, unknown documents, bad params.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { requestError, startLanguageServer, type LanguageServerSession } from '#test-support/lsp-client.js';
import { repository } from '#test-support/titra-process.js';

const examples = path.join(repository, 'examples');
const protocolName = 'teclistamab-inpatient.titra';
const protocolFile = path.join(examples, protocolName);
const protocolUri = pathToFileURL(protocolFile).toString();
const protocolText = readFileSync(protocolFile, 'utf8');

const errorOf = (session: LanguageServerSession, method: string, params: unknown) => requestError(session.connection, method, params);

describe('clients without workspace folders resolve imports of a clean example', () => {
    let scratch: string;

    beforeAll(() => {
        // Outside any git repository, so that the workspace rule picks the file's folder.
        scratch = mkdtempSync(path.join(tmpdir(), 'titra-lsp-root-'));
        cpSync(protocolFile, path.join(scratch, protocolName));
        cpSync(path.join(examples, 'shared'), path.join(scratch, 'shared'), { recursive: true });
    });

    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    /** Opens the example as a client with these initialize params would, and returns its diagnostics once `settled`. */
    async function diagnosticsWith(initialize: object, settled: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
        const session = await startLanguageServer(null, undefined, initialize);
        try {
            const uri = pathToFileURL(path.join(scratch, protocolName)).toString();
            session.open(uri, protocolText);
            return await session.diagnostics(uri, settled);
        } finally {
            session.close();
        }
    }

    // Before: 8 errors, 'Cannot find imported file' (import/not-found) on lines 16-19 and the unresolved uses of lines 59-75.
    test('rootUri only: the root is the workspace folder', async () => {
        expect(await diagnosticsWith({ rootUri: pathToFileURL(scratch).toString(), workspaceFolders: null })).toEqual([]);
    });

    test('rootPath only: the root is the workspace folder', async () => {
        expect(await diagnosticsWith({ rootUri: null, rootPath: scratch, workspaceFolders: null })).toEqual([]);
    });

    test('no root at all: the opened file\'s workspace (here its folder) is loaded, and the diagnostics settle clean', async () => {
        // The first build of the opened file may run before its folder is loaded; the test times out unless they settle clean.
        expect(await diagnosticsWith({ rootUri: null, workspaceFolders: null }, (d) => d.length === 0)).toEqual([]);
    });
});

describe('malformed messages', () => {
    let session: LanguageServerSession;

    beforeAll(async () => {
        session = await startLanguageServer(examples);
        session.open(protocolUri, protocolText);
        await session.diagnostics(protocolUri);
    });

    afterAll(() => session?.close());

    test('didOpen with a null text (and other malformed notifications) leaves the server running and answering', async () => {
        const broken = pathToFileURL(path.join(examples, 'null-text.titra')).toString();
        session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: broken, languageId: 'titra', version: 1, text: null } });
        session.connection.sendNotification('textDocument/didChange', { textDocument: { uri: protocolUri, version: 2 }, contentChanges: [{ text: 42 }] });
        session.connection.sendNotification('textDocument/didChange', { textDocument: { uri: protocolUri }, contentChanges: null });
        session.connection.sendNotification('textDocument/didClose', {});
        session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 7 }] });
        session.open(pathToFileURL(path.join(examples, 'notes.txt')).toString(), 'not a protocol');
        const symbols = await session.connection.sendRequest<Array<{ name: string }>>('textDocument/documentSymbol', { textDocument: { uri: protocolUri } });
        expect(symbols.map((s) => s.name)).toEqual(['TEC-STEPUP-INPATIENT']);
        expect(session.alive()).toBe(true);
        // The ignored edits left the document as it was: still clean.
        expect(await session.diagnostics(protocolUri)).toEqual([]);
    });

    test('a request about an unknown document is answered with an InvalidParams error, not a result', async () => {
        const error = await errorOf(session, 'textDocument/hover', { textDocument: { uri: 'file:///nowhere/missing.titra' }, position: { line: 0, character: 0 } });
        expect(error.code).toBe(-32602);
        expect(error.message).toBe('textDocument/hover: unknown document file:///nowhere/missing.titra: the server answers for documents open in the editor and for the .titra files of its workspace folders');
    });

    test.each([
        ['textDocument/hover', {}, 'textDocument/hover: params.textDocument must be an object'],
        ['textDocument/hover', { textDocument: { uri: protocolUri } }, 'textDocument/hover: params.position must be a position { line, character } of whole numbers from 0'],
        ['textDocument/definition', { textDocument: { uri: 5 }, position: { line: 0, character: 0 } }, 'textDocument/definition: params.textDocument.uri must be a string'],
        ['textDocument/completion', { textDocument: { uri: protocolUri }, position: { line: -1, character: 'a' } },
            'textDocument/completion: params.position must be a position { line, character } of whole numbers from 0'],
        ['textDocument/hover', { textDocument: { uri: protocolUri }, position: { line: 9999, character: 0 } },
            'textDocument/hover: position is on line 9999, but the document has lines 0 to 76'],
        ['textDocument/rangeFormatting', { textDocument: { uri: protocolUri }, range: { start: { line: 5, character: 0 }, end: { line: 2, character: 0 } }, options: { tabSize: 2, insertSpaces: true } },
            'textDocument/rangeFormatting: params.range must not end before it starts'],
        ['textDocument/codeAction', { textDocument: { uri: protocolUri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: {} },
            'textDocument/codeAction: params.context.diagnostics must be an array'],
        ['textDocument/rename', { textDocument: { uri: protocolUri }, position: { line: 32, character: 10 } }, 'textDocument/rename: params.newName must be a string'],
        ['textDocument/semanticTokens/full', { textDocument: null }, 'textDocument/semanticTokens/full: params.textDocument must be an object'],
        ['workspace/symbol', { query: 3 }, 'workspace/symbol: params.query must be a string'],
        ['titra/compile', {}, 'titra/compile: params.uri must be a string'],
        ['titra/schedule', { uri: protocolUri, weight: '70', start: '2026-01-05' }, 'titra/schedule: params.weight must be a number']
    ])('%s with %j is refused as InvalidParams', async (method, params, message) => {
        const error = await errorOf(session, method, params);
        expect(error.code).toBe(-32602);
        expect(error.message).toBe(message);
    });

    test('no answer is a raw JavaScript error, and the server is still alive', async () => {
        const answers = await Promise.all([
            errorOf(session, 'textDocument/hover', { textDocument: { uri: protocolUri }, position: null }),
            errorOf(session, 'textDocument/documentSymbol', { textDocument: {} }),
            errorOf(session, 'textDocument/formatting', { textDocument: { uri: protocolUri } }),
            errorOf(session, 'titra/protocolInfo', { uri: null })
        ]);
        for (const error of answers) expect(error.message).not.toMatch(/TypeError|undefined|Cannot read|\n\s+at /);
        expect(session.alive()).toBe(true);
    });
});

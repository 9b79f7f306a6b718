// The bundled language server formats over stdio with the layout of `titra fmt`, and leaves text with syntax errors alone.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'langium';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { InitializeResult, TextEdit } from 'vscode-languageserver-protocol';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = path.join(repository, 'packages/language/dist/server.cjs');
const folder = path.join(repository, 'test', 'fmt-lsp-unsaved');

let child: ChildProcess;
let connection: MessageConnection;
let initialized: InitializeResult;

beforeAll(async () => {
    child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onNotification('textDocument/publishDiagnostics', () => undefined);
    connection.onRequest('workspace/configuration', () => []);
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    initialized = await connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    connection.sendNotification('initialized', {});
});

afterAll(() => {
    connection?.dispose();
    child?.kill();
});

/** Opens an unsaved document with `text` and asks the server to format it. */
async function formatOverLsp(name: string, text: string): Promise<{ edits: TextEdit[]; result: string }> {
    const uri = pathToFileURL(path.join(folder, name)).toString();
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'titra', version: 1, text } });
    const edits = await connection.sendRequest<TextEdit[]>('textDocument/formatting', {
        textDocument: { uri }, options: { tabSize: 4, insertSpaces: true }
    });
    return { edits, result: TextDocument.applyEdits(TextDocument.create(uri, 'titra', 1, text), edits) };
}

describe('formatting over LSP', () => {
    test('the server offers document formatting', () => {
        expect(initialized.capabilities.documentFormattingProvider).toBeTruthy();
    });

    test('a messy document becomes canonical, comments kept', async () => {
        const { result } = await formatOverLsp('messy.titra', 'library L {version 1.0.0 // v\nrequires ANC ,platelets}');
        expect(result).toBe('library L {\n  version 1.0.0 // v\n  requires ANC, platelets\n}\n');
    });

    test('a document with a syntax error gets no edits', async () => {
        const { edits } = await formatOverLsp('broken.titra', 'library L {version requires ANC}');
        expect(edits).toEqual([]);
    });
});

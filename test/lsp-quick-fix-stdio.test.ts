// The bundled language server over stdio: quick fixes offered for a diagnostic, and suppressed findings kept out of the editor.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = path.join(repository, 'packages/language/dist/server.cjs');
const folder = path.join(repository, 'examples');
/** Documents opened in the editor only (never written to disk). */
const fixUri = pathToFileURL(path.join(folder, 'quick-fix-in-editor.titra')).toString();
const suppressedUri = pathToFileURL(path.join(folder, 'suppressed-in-editor.titra')).toString();

const protocol = (order: string) =>
    `protocol P "Test" {\n  version 1.0.0\n  status draft\n  agent teclistamab route subcut dose-basis actual-weight\n  supportive-care {\n    ${order} throughout\n  }\n}\n`;

let child: ChildProcess;
let connection: MessageConnection;
let initializeResult: InitializeResult;
const diagnostics = new Map<string, Diagnostic[]>();
const waiters: Array<() => void> = [];

function diagnosticsOf(uri: string): Promise<Diagnostic[]> {
    return new Promise((resolve) => {
        const check = () => {
            const current = diagnostics.get(uri);
            if (current) resolve(current);
            return current !== undefined;
        };
        if (!check()) waiters.push(() => void check());
    });
}

beforeAll(async () => {
    child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        diagnostics.set(params.uri, params.diagnostics);
        waiters.splice(0).forEach((w) => w());
    });
    connection.onRequest('workspace/configuration', () => []);
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
        processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {}
    });
    connection.sendNotification('initialized', {});
    for (const [uri, text] of [
        [fixUri, protocol('acyclovir 800 mg PO qd')],
        [suppressedUri, protocol('dexamethasone 16.0 mg PO // titra-ignore safety/trailing-zero: as the pharmacy system prints it')]
    ]) {
        connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'titra', version: 1, text } });
    }
});

afterAll(() => {
    connection?.dispose();
    child?.kill();
});

describe('quick fixes and suppression in the editor', () => {
    test('the server offers code actions', () => {
        expect(initializeResult.capabilities.codeActionProvider).toBeTruthy();
    });

    test('qd is reported and its quick fix writes daily', async () => {
        const found = await diagnosticsOf(fixUri);
        const qd = found.filter((d) => d.code === 'safety/do-not-use-abbreviation');
        expect(qd).toHaveLength(1);
        const actions = await connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
            textDocument: { uri: fixUri }, range: qd[0].range, context: { diagnostics: qd }
        });
        expect(actions.map((a) => [a.title, a.kind, a.edit?.changes?.[fixUri]?.map((e) => e.newText)])).toEqual([
            ["Write 'daily' for 'qd'", 'quickfix', ['daily']]
        ]);
    });

    test('a suppressed finding is not shown', async () => {
        expect(await diagnosticsOf(suppressedUri)).toEqual([]);
    });
});

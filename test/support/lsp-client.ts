// Starts the bundled language server as a process and speaks LSP to it over stdio, for the stdio tests.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { repository } from './titra-process.js';

export const serverBundle = path.join(repository, 'packages/language/dist/server.cjs');

export interface LanguageServerSession {
    connection: MessageConnection;
    initializeResult: InitializeResult;
    /** Resolves with the diagnostics of `uri` once they satisfy `predicate` (by default: once any arrive). */
    diagnostics(uri: string, predicate?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
    /** Opens a document in the server without writing it anywhere. */
    open(uri: string, text: string, version?: number): void;
    /** Replaces the whole text of an open document, as an editor does before the file is saved. */
    change(uri: string, text: string, version: number): void;
    close(): void;
}

/**
 * Starts a server bundle (by default the language package's) with `folders` as its workspace folders (or none) and
 * completes the initialize handshake.
 */
export async function startLanguageServer(folders: string | string[] | null, bundle = serverBundle): Promise<LanguageServerSession> {
    const child = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const published = new Map<string, Diagnostic[]>();
    const waiters: Array<() => void> = [];
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        published.set(params.uri, params.diagnostics);
        waiters.splice(0).forEach((w) => w());
    });
    connection.onRequest('workspace/configuration', () => []);
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    const workspaceFolders = (folders === null ? [] : [folders].flat()).map((f) => ({ uri: pathToFileURL(f).toString(), name: path.basename(f) }));
    const initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
        processId: process.pid,
        rootUri: workspaceFolders[0]?.uri ?? null,
        workspaceFolders: workspaceFolders.length > 0 ? workspaceFolders : null,
        capabilities: {}
    });
    connection.sendNotification('initialized', {});
    return {
        connection,
        initializeResult,
        diagnostics: (uri, predicate = () => true) => new Promise((resolve) => {
            // A waiter is called once per publication: one whose predicate does not hold yet waits for the next.
            const check = () => {
                const current = published.get(uri);
                if (current && predicate(current)) resolve(current);
                else waiters.push(check);
            };
            check();
        }),
        open: (uri, text, version = 1) => {
            connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'titra', version, text } });
        },
        change: (uri, text, version) => {
            connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
        },
        close: () => {
            connection.dispose();
            child.kill();
        }
    };
}

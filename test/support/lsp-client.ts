// Starts the bundled language server as a process and speaks LSP to it over stdio, for the stdio tests.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeParams, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { repository } from './titra-process.js';

export const serverBundle = path.join(repository, 'packages/language/dist/server.cjs');

/** The error the server answers a request with; a result instead fails the test. */
export async function requestError(connection: MessageConnection, method: string, params: unknown): Promise<ResponseError<unknown>> {
    try {
        const result: unknown = await connection.sendRequest(method, params);
        throw new Error(`${method} answered with a result: ${JSON.stringify(result)}`);
    } catch (error) {
        if (!(error instanceof ResponseError)) throw error;
        return error;
    }
}

export interface LanguageServerSession {
    connection: MessageConnection;
    initializeResult: InitializeResult;
    /** Resolves with the diagnostics of `uri` once they satisfy `predicate` (by default: once any arrive). */
    diagnostics(uri: string, predicate?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
    /** Resolves with the whole publication of `uri` (diagnostics and version) once it satisfies `predicate`. */
    publication(uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
    /** Whether the server process is still running. */
    alive(): boolean;
    /** Resolves when the server process ends. */
    exited: Promise<void>;
    /** Opens a document in the server without writing it anywhere. */
    open(uri: string, text: string, version?: number): void;
    /** Replaces the whole text of an open document, as an editor does before the file is saved. */
    change(uri: string, text: string, version: number): void;
    close(): void;
}

/**
 * Starts a server bundle (by default the language package's) with `folders` as its workspace folders (or none) and
 * completes the initialize handshake; `initialize` replaces fields of the initialize params (a client that sends only
 * `rootUri`, or capabilities).
 */
export async function startLanguageServer(folders: string | string[] | null, bundle = serverBundle,
    initialize: Partial<InitializeParams> = {}): Promise<LanguageServerSession> {
    const child = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const published = new Map<string, PublishDiagnosticsParams>();
    const waiters: Array<() => void> = [];
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        published.set(params.uri, params);
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
        capabilities: {},
        ...initialize
    });
    connection.sendNotification('initialized', {});
    const publication = (uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true) =>
        new Promise<PublishDiagnosticsParams>((resolve) => {
            // A waiter is called once per publication: one whose predicate does not hold yet waits for the next.
            const check = () => {
                const current = published.get(uri);
                if (current && predicate(current)) resolve(current);
                else waiters.push(check);
            };
            check();
        });
    return {
        connection,
        initializeResult,
        publication,
        diagnostics: async (uri, predicate = () => true) => (await publication(uri, (p) => predicate(p.diagnostics))).diagnostics,
        alive: () => child.exitCode === null && child.signalCode === null,
        exited,
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

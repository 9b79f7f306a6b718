// The server's connection as Titra's services see it: every handler first checks its message, answers in JSON-RPC errors with plain words, and no bad message stops the server.
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ErrorCodes, ResponseError, type Connection, type PublishDiagnosticsParams } from 'vscode-languageserver';
import { customRequestShapes, messageShapes, paramsProblem, positionsOf, type MessageShape } from './message-checks.js';

type Handler = (...args: unknown[]) => unknown;

export interface ConnectionGuardOptions {
    /** The shared services; they are created with the guarded connection, so they are looked up when a message arrives. */
    services: () => LangiumSharedServices;
    /** Rewrites diagnostics on their way to the client. */
    publishDiagnostics?: (params: PublishDiagnosticsParams) => PublishDiagnosticsParams;
}

/** Methods that register handlers: `onHover`, `onRequest`, `languages.semanticTokens.on`... */
const isRegistration = (name: string) => name === 'on' || /^on[A-Z]/.test(name);
/** Notifications among the registrations without a shape of their own. */
const NOTIFICATION_REGISTRATIONS = new Set(['onNotification', 'onInitialized', 'onExit', 'onDidChangeConfiguration', 'onProgress']);

/** `connection` with every handler guarded; handlers are registered through it as through the connection itself. */
export function guardConnection(connection: Connection, options: ConnectionGuardOptions): Connection {
    const log = (message: string) => connection.console.error(message);
    const wrap = (registration: string, args: unknown[], handler: Handler): Handler => {
        const custom = typeof args[0] === 'string' ? args[0] : (args[0] as { method?: string } | undefined)?.method;
        const shape = messageShapes[registration] ?? (custom ? customRequestShapes[custom] : undefined);
        const method = shape?.method ?? custom ?? registration;
        const notification = shape ? shape.notification === true : NOTIFICATION_REGISTRATIONS.has(registration);
        return notification ? guardNotification(method, shape, handler, log) : guardRequest(method, shape, handler, options.services, log);
    };
    return guardObject(connection, '', wrap, options);
}

function guardObject<T extends object>(target: T, path: string, wrap: (registration: string, args: unknown[], handler: Handler) => Handler,
    options: ConnectionGuardOptions): T {
    return new Proxy(target, {
        get(object, property) {
            const value: unknown = Reflect.get(object, property, object);
            if (typeof property !== 'string') return value;
            const name = path ? `${path}.${property}` : property;
            if (name === 'sendDiagnostics' && options.publishDiagnostics && typeof value === 'function') {
                const decorate = options.publishDiagnostics;
                return (params: PublishDiagnosticsParams) => value.call(object, decorate(params));
            }
            if (typeof value === 'function') {
                if (!isRegistration(property)) return value.bind(object);
                return (...args: unknown[]) => value.apply(object, args.map((arg) => typeof arg === 'function' ? wrap(name, args, arg as Handler) : arg));
            }
            // Handlers are also registered on `connection.languages.semanticTokens`, `connection.workspace`...
            return typeof value === 'object' && value !== null && path.split('.').length < 2 ? guardObject(value, name, wrap, options) : value;
        }
    });
}

/** A notification with malformed params is ignored (and logged); a failing handler is logged: neither stops the server. */
function guardNotification(method: string, shape: MessageShape | undefined, handler: Handler, log: (message: string) => void): Handler {
    return (params, ...rest) => {
        const problem = shape ? paramsProblem(shape, params) : undefined;
        if (problem) {
            log(`Ignored ${method}: ${problem}.`);
            return undefined;
        }
        try {
            const result = handler(params, ...rest);
            return result instanceof Promise ? result.catch((error: unknown) => log(`${method} failed: ${describe(error)}`)) : result;
        } catch (error) {
            log(`${method} failed: ${describe(error)}`);
            return undefined;
        }
    };
}

/**
 * A request with malformed params, or about a document the server does not know, is answered with InvalidParams; a
 * failing handler with an InternalError whose message says what failed (the stack goes to the server's log).
 */
function guardRequest(method: string, shape: MessageShape | undefined, handler: Handler, services: () => LangiumSharedServices,
    log: (message: string) => void): Handler {
    return async (params, ...rest) => {
        try {
            const problem = shape ? paramsProblem(shape, params) ?? await documentProblem(shape, params, services()) : undefined;
            if (problem) return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${problem}`);
            const result = await handler(params, ...rest);
            return isForeignResponseError(result) ? new ResponseError(result.code, result.message, result.data) : result;
        } catch (error) {
            if (error instanceof ResponseError) return error;
            if (isForeignResponseError(error)) return new ResponseError(error.code, error.message, error.data);
            log(`${method} failed: ${describe(error)}`);
            return new ResponseError(ErrorCodes.InternalError, `Titra could not answer ${method}: an internal error occurred (the server's log has the details)`);
        }
    };
}

/** For a request about a text document: that the server knows the document, and that its positions lie inside it. */
async function documentProblem(shape: MessageShape, params: unknown, shared: LangiumSharedServices): Promise<string | undefined> {
    if (!('textDocument' in shape.required)) return undefined;
    const uri = (params as { textDocument: { uri: string } }).textDocument.uri;
    await shared.workspace.WorkspaceManager.ready;
    const text = shared.workspace.TextDocuments?.get(uri) ?? langiumDocument(shared, uri)?.textDocument;
    if (!text) {
        return `unknown document ${uri}: the server answers for documents open in the editor and for the .titra files of its workspace folders`;
    }
    // A range may end at the start of the line after the last one (clients ask for "the whole document" so).
    const outside = positionsOf(params).find((p) => p.line > text.lineCount || (p.line === text.lineCount && p.name !== 'range.end'));
    return outside ? `${outside.name} is on line ${outside.line}, but the document has lines 0 to ${text.lineCount - 1}` : undefined;
}

function langiumDocument(shared: LangiumSharedServices, uri: string) {
    try {
        return shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
    } catch {
        return undefined; // not a URI: not a document either
    }
}

/**
 * A ResponseError of another copy of vscode-jsonrpc (Langium's): the connection would send it as a result, not as an
 * error, since it is not an instance of the connection's class.
 */
function isForeignResponseError(value: unknown): value is { code: number; message: string; data?: unknown } {
    return value instanceof Error && !(value instanceof ResponseError) && typeof (value as { code?: unknown }).code === 'number';
}

function describe(error: unknown): string {
    return error instanceof Error ? error.stack ?? error.message : String(error);
}

// What the params of each LSP message the server handles must hold, and the plain-words problem when they do not.
import { CompileRequestMethod, DiffWithHeadRequestMethod, ProtocolInfoRequestMethod, ScheduleInputsRequestMethod, ScheduleRequestMethod } from './requests.js';

/** The problem with one field of a message's params, or undefined when it is well formed. */
type FieldCheck = (value: unknown) => string | undefined;

/** A message the server handles: its LSP method and the checks of its params' fields (optional fields may be absent). */
export interface MessageShape {
    method: string;
    /** A notification: malformed ones are ignored, since there is no one to answer. */
    notification?: true;
    required: Record<string, FieldCheck>;
    optional?: Record<string, FieldCheck>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNaturalNumber = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

const string: FieldCheck = (value) => (typeof value === 'string' ? undefined : 'must be a string');
const boolean: FieldCheck = (value) => (typeof value === 'boolean' ? undefined : 'must be true or false');
const number: FieldCheck = (value) => (typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number');
const integer: FieldCheck = (value) => (typeof value === 'number' && Number.isSafeInteger(value) ? undefined : 'must be an integer');
const object: FieldCheck = (value) => (isObject(value) ? undefined : 'must be an object');

const position: FieldCheck = (value) =>
    isObject(value) && isNaturalNumber(value.line) && isNaturalNumber(value.character)
        ? undefined
        : 'must be a position { line, character } of whole numbers from 0';

const range: FieldCheck = (value) => {
    if (!isObject(value)) return 'must be a range { start, end }';
    const problem = position(value.start) ?? position(value.end);
    if (problem) return `must be a range { start, end } whose start and end ${problem.replace('must be', 'are')}`;
    const start = value.start as { line: number; character: number };
    const end = value.end as { line: number; character: number };
    const reversed = end.line < start.line || (end.line === start.line && end.character < start.character);
    return reversed ? 'must not end before it starts' : undefined;
};

/** A field's problem after the field's path: `.uri must be a string`, `.changes[0].uri must be a string`. */
const under = (path: string, problem: string) => `${path}${/^[.[]/.test(problem) ? '' : ' '}${problem}`;

const fields = (required: Record<string, FieldCheck>, optional: Record<string, FieldCheck> = {}): FieldCheck => (value) => {
    if (!isObject(value)) return 'must be an object';
    for (const [name, check] of Object.entries(required)) {
        const problem = check(value[name]);
        if (problem) return under(`.${name}`, problem);
    }
    for (const [name, check] of Object.entries(optional)) {
        const problem = value[name] === undefined ? undefined : check(value[name]);
        if (problem) return under(`.${name}`, problem);
    }
    return undefined;
};

const arrayOf = (check: FieldCheck): FieldCheck => (value) => {
    if (!Array.isArray(value)) return 'must be an array';
    for (const [index, item] of value.entries()) {
        const problem = check(item);
        if (problem) return under(`[${index}]`, problem);
    }
    return undefined;
};

const textDocument = fields({ uri: string });
const diagnostic = fields({ range, message: string });
const contentChange = fields({ text: string }, { range });
const formattingOptions = fields({ tabSize: number, insertSpaces: boolean });

const atPosition = { textDocument, position };

/** The LSP messages the server handles, by the name of the connection method that registers their handler. */
export const messageShapes: Readonly<Record<string, MessageShape>> = {
    onHover: { method: 'textDocument/hover', required: atPosition },
    onCompletion: { method: 'textDocument/completion', required: atPosition, optional: { context: object } },
    onDefinition: { method: 'textDocument/definition', required: atPosition },
    onDeclaration: { method: 'textDocument/declaration', required: atPosition },
    onTypeDefinition: { method: 'textDocument/typeDefinition', required: atPosition },
    onImplementation: { method: 'textDocument/implementation', required: atPosition },
    onReferences: { method: 'textDocument/references', required: { ...atPosition, context: fields({ includeDeclaration: boolean }) } },
    onDocumentHighlight: { method: 'textDocument/documentHighlight', required: atPosition },
    onSignatureHelp: { method: 'textDocument/signatureHelp', required: atPosition },
    onPrepareRename: { method: 'textDocument/prepareRename', required: atPosition },
    onRenameRequest: { method: 'textDocument/rename', required: { ...atPosition, newName: string } },
    onDocumentSymbol: { method: 'textDocument/documentSymbol', required: { textDocument } },
    onFoldingRanges: { method: 'textDocument/foldingRange', required: { textDocument } },
    onDocumentLinks: { method: 'textDocument/documentLink', required: { textDocument } },
    onCodeLens: { method: 'textDocument/codeLens', required: { textDocument } },
    onCodeAction: {
        method: 'textDocument/codeAction',
        required: { textDocument, range, context: fields({ diagnostics: arrayOf(diagnostic) }) }
    },
    onDocumentFormatting: { method: 'textDocument/formatting', required: { textDocument, options: formattingOptions } },
    onDocumentRangeFormatting: { method: 'textDocument/rangeFormatting', required: { textDocument, range, options: formattingOptions } },
    onDocumentOnTypeFormatting: {
        method: 'textDocument/onTypeFormatting', required: { ...atPosition, ch: string, options: formattingOptions }
    },
    'languages.semanticTokens.on': { method: 'textDocument/semanticTokens/full', required: { textDocument } },
    'languages.semanticTokens.onDelta': {
        method: 'textDocument/semanticTokens/full/delta', required: { textDocument, previousResultId: string }
    },
    'languages.semanticTokens.onRange': { method: 'textDocument/semanticTokens/range', required: { textDocument, range } },
    'languages.callHierarchy.onPrepare': { method: 'textDocument/prepareCallHierarchy', required: atPosition },
    'languages.callHierarchy.onIncomingCalls': { method: 'callHierarchy/incomingCalls', required: { item: fields({ uri: string }) } },
    'languages.callHierarchy.onOutgoingCalls': { method: 'callHierarchy/outgoingCalls', required: { item: fields({ uri: string }) } },
    'languages.inlayHint.on': { method: 'textDocument/inlayHint', required: { textDocument, range } },
    onWorkspaceSymbol: { method: 'workspace/symbol', required: { query: string } },
    onDidOpenTextDocument: {
        method: 'textDocument/didOpen', notification: true,
        required: { textDocument: fields({ uri: string, languageId: string, version: integer, text: string }) }
    },
    onDidChangeTextDocument: {
        method: 'textDocument/didChange', notification: true,
        required: { textDocument: fields({ uri: string, version: integer }), contentChanges: arrayOf(contentChange) }
    },
    onDidCloseTextDocument: { method: 'textDocument/didClose', notification: true, required: { textDocument } },
    onDidSaveTextDocument: { method: 'textDocument/didSave', notification: true, required: { textDocument }, optional: { text: string } },
    onWillSaveTextDocument: { method: 'textDocument/willSave', notification: true, required: { textDocument, reason: integer } },
    onWillSaveTextDocumentWaitUntil: { method: 'textDocument/willSaveWaitUntil', required: { textDocument, reason: integer } },
    onDidChangeWatchedFiles: { method: 'workspace/didChangeWatchedFiles', notification: true, required: { changes: arrayOf(fields({ uri: string, type: integer })) } },
    'workspace.onDidChangeWorkspaceFolders': {
        method: 'workspace/didChangeWorkspaceFolders', notification: true,
        required: { event: fields({ added: arrayOf(fields({ uri: string, name: string })), removed: arrayOf(fields({ uri: string, name: string })) }) }
    }
};

/** Titra's custom requests (requests.ts), by method: each names its document by `uri`. */
export const customRequestShapes: Readonly<Record<string, MessageShape>> = {
    [CompileRequestMethod]: { method: CompileRequestMethod, required: { uri: string }, optional: { allowDraft: boolean } },
    [ScheduleRequestMethod]: {
        method: ScheduleRequestMethod, required: { uri: string, weight: number, start: string }, optional: { until: string, height: number, flags: arrayOf(string) }
    },
    [ScheduleInputsRequestMethod]: { method: ScheduleInputsRequestMethod, required: { uri: string } },
    [ProtocolInfoRequestMethod]: { method: ProtocolInfoRequestMethod, required: { uri: string } },
    [DiffWithHeadRequestMethod]: { method: DiffWithHeadRequestMethod, required: { uri: string } }
};

/** The first problem of `params` against `shape`, as a sentence, or undefined when they are well formed. */
export function paramsProblem(shape: MessageShape, params: unknown): string | undefined {
    const problem = fields(shape.required, shape.optional)(params);
    return problem === undefined ? undefined : under('params', problem);
}

/** The document position a request's params point at, for checking them against the document's lines. */
export function positionsOf(params: unknown): Array<{ name: string; line: number }> {
    if (!isObject(params)) return [];
    const found: Array<{ name: string; line: number }> = [];
    if (isObject(params.position) && isNaturalNumber(params.position.line)) found.push({ name: 'position', line: params.position.line });
    if (isObject(params.range)) {
        for (const end of ['start', 'end'] as const) {
            const at = params.range[end];
            if (isObject(at) && isNaturalNumber(at.line)) found.push({ name: `range.${end}`, line: at.line });
        }
    }
    return found;
}

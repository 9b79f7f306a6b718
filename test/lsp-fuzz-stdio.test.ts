// Fuzzing the bundled language server over stdio (fixed seed, bounded runs): random edits, malformed params and requests at random positions never stop it, and every request is answered without a raw JavaScript error.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ResponseError } from 'vscode-jsonrpc';
import { startLanguageServer, type LanguageServerSession } from '#test-support/lsp-client.js';
import { repository } from '#test-support/titra-process.js';

const examples = path.join(repository, 'examples');
const original = readFileSync(path.join(examples, 'teclistamab-inpatient.titra'), 'utf8');
/** Opened in the editor only, never written to disk. */
const uri = pathToFileURL(path.join(examples, 'fuzzed-in-editor.titra')).toString();

/** What a raw JavaScript failure looks like in a message: an error class, a property of undefined, a stack frame. */
const RAW_JAVASCRIPT_ERROR = /\b(TypeError|ReferenceError|RangeError|SyntaxError)\b|Cannot read propert|is not a function|of undefined|of null|\n\s+at /;

const POSITION_REQUESTS = [
    'textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/references', 'textDocument/documentHighlight',
    'textDocument/prepareRename', 'textDocument/rename'
];
const DOCUMENT_REQUESTS = [
    'textDocument/documentSymbol', 'textDocument/formatting', 'textDocument/rangeFormatting', 'textDocument/codeAction',
    'textDocument/foldingRange', 'textDocument/semanticTokens/full', 'textDocument/semanticTokens/range', 'titra/protocolInfo', 'titra/compile'
];
const NOTIFICATIONS = ['textDocument/didOpen', 'textDocument/didChange', 'textDocument/didClose', 'textDocument/didSave', 'workspace/didChangeWatchedFiles'];
/** Pieces of Titra and of nonsense that edits insert. */
const FRAGMENTS = [
    '', ' ', '\n', '{', '}', '(', ')', ':', ';', ',', '"', '/', '.5', '1.0', '0', '-1', '1e309', '9'.repeat(40), 'mg/kg', 'x10^9/L', 'dose', 'step-up',
    'phase X 1 mg every 1 week after', 'grade 9:', 'hold {', 'when ANC < ', 'response >= ', 'import "../../etc/passwd"', 'uses nowhere',
    'premedicate', 'not not not', '((((((', '\u202e', '\u0000', 'é', '🙂'
];

type Action =
    | { kind: 'edit'; at: number; remove: number; insert: string }
    | { kind: 'request'; method: string; line: number; character: number; newName: string }
    | { kind: 'malformed'; method: string; params: unknown };

const position = { line: fc.integer({ min: -2, max: 90 }), character: fc.integer({ min: -2, max: 140 }) };
const action: fc.Arbitrary<Action> = fc.oneof(
    fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.constantFrom(...FRAGMENTS) }),
    fc.record({ kind: fc.constant('request' as const), method: fc.constantFrom(...POSITION_REQUESTS, ...DOCUMENT_REQUESTS), ...position,
        newName: fc.constantFrom('NEW', 'bad name!', 'dose', '') }),
    fc.record({ kind: fc.constant('malformed' as const), method: fc.constantFrom(...POSITION_REQUESTS, ...DOCUMENT_REQUESTS, ...NOTIFICATIONS, 'workspace/symbol'),
        params: fc.oneof(fc.anything({ maxDepth: 2 }), fc.record({ textDocument: fc.oneof(fc.constant({ uri }), fc.anything({ maxDepth: 1 })), position: fc.anything({ maxDepth: 1 }) })) })
);

let session: LanguageServerSession;

beforeAll(async () => {
    session = await startLanguageServer(examples);
});

afterAll(() => session?.close());

/** The answer to a request: its result, or the error the server answered with; never left unanswered while the server runs. */
async function answer(method: string, params: unknown): Promise<{ result: unknown } | { error: ResponseError<unknown> }> {
    const died = session.exited.then(() => { throw new Error(`the server ended while answering ${method}`); });
    try {
        return { result: await Promise.race([session.connection.sendRequest(method, params), died]) };
    } catch (error) {
        if (error instanceof ResponseError) return { error };
        throw error;
    }
}

function paramsOf(step: Extract<Action, { kind: 'request' }>, lines: number) {
    const at = { line: step.line, character: step.character };
    const range = { start: { line: 0, character: 0 }, end: { line: Math.max(0, Math.min(step.line, lines - 1)), character: Math.max(0, step.character) } };
    switch (step.method) {
        case 'titra/protocolInfo':
        case 'titra/compile': return { uri };
        case 'textDocument/rename': return { textDocument: { uri }, position: at, newName: step.newName };
        case 'textDocument/references': return { textDocument: { uri }, position: at, context: { includeDeclaration: true } };
        case 'textDocument/formatting': return { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } };
        case 'textDocument/rangeFormatting': return { textDocument: { uri }, range, options: { tabSize: 2, insertSpaces: true } };
        case 'textDocument/codeAction': return { textDocument: { uri }, range, context: { diagnostics: [] } };
        case 'textDocument/semanticTokens/range': return { textDocument: { uri }, range };
        default: return POSITION_REQUESTS.includes(step.method) ? { textDocument: { uri }, position: at } : { textDocument: { uri } };
    }
}

describe('language server fuzzing', () => {
    test('random edits, malformed messages and requests at random positions: alive, answered, no raw JavaScript error', async () => {
        let version = 1;
        session.open(uri, original, version);
        await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), async (actions) => {
            let text = original;
            session.change(uri, text, ++version);
            for (const step of actions) {
                if (step.kind === 'edit') {
                    const at = step.at % (text.length + 1);
                    text = text.slice(0, at) + step.insert + text.slice(at + step.remove);
                    session.change(uri, text, ++version);
                } else if (step.kind === 'malformed' && NOTIFICATIONS.includes(step.method)) {
                    session.connection.sendNotification(step.method, step.params as object);
                } else {
                    const params = step.kind === 'request' ? paramsOf(step, text.split('\n').length) : step.params;
                    const answered = await answer(step.method, params);
                    if ('error' in answered) expect(answered.error.message, `${step.method} ${JSON.stringify(params)}`).not.toMatch(RAW_JAVASCRIPT_ERROR);
                }
            }
            // Whatever came before, the server still answers about the document.
            const symbols = await answer('textDocument/documentSymbol', { textDocument: { uri } });
            expect(symbols).toHaveProperty('result');
            expect(session.alive()).toBe(true);
        }), { seed: 20261201, numRuns: 40 });
        // A malformed didOpen or didClose may have closed or replaced the document: reopening it gives a clean example again.
        session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        session.open(uri, original, ++version);
        expect(await session.diagnostics(uri, (d) => d.length === 0)).toEqual([]);
    }, 300_000);
});

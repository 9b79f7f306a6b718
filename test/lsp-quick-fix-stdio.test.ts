// The bundled language server over stdio: quick fixes offered for a diagnostic, and suppressed findings kept out of the editor.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { startLanguageServer, type LanguageServerSession } from '#test-support/lsp-client.js';
import { repository } from '#test-support/titra-process.js';

const folder = path.join(repository, 'examples');
/** Documents opened in the editor only (never written to disk). */
const fixUri = pathToFileURL(path.join(folder, 'quick-fix-in-editor.titra')).toString();
const suppressedUri = pathToFileURL(path.join(folder, 'suppressed-in-editor.titra')).toString();

const protocol = (order: string) =>
    `protocol P "Test" {\n  version 1.0.0\n  status draft\n  agent teclistamab route subcut dose-basis actual-weight\n  supportive-care {\n    ${order} throughout\n  }\n}\n`;

let session: LanguageServerSession;
let connection: LanguageServerSession['connection'];
let initializeResult: LanguageServerSession['initializeResult'];

function diagnosticsOf(uri: string): Promise<Diagnostic[]> {
    return session.diagnostics(uri);
}

beforeAll(async () => {
    session = await startLanguageServer(null);
    ({ connection, initializeResult } = session);
    for (const [uri, text] of [
        [fixUri, protocol('acyclovir 800 mg PO qd')],
        [suppressedUri, protocol('dexamethasone 16.0 mg PO // titra-ignore safety/trailing-zero: as the pharmacy system prints it')]
    ]) {
        session.open(uri, text);
    }
});

afterAll(() => session?.close());

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

    test('the quick fix is computed from code and range for a client that does not echo the diagnostic data', async () => {
        const qd = (await diagnosticsOf(fixUri)).filter((d) => d.code === 'safety/do-not-use-abbreviation');
        const withoutData = qd.map(({ data: _data, ...rest }) => rest);
        expect(withoutData[0]).not.toHaveProperty('data');
        const actions = await connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
            textDocument: { uri: fixUri }, range: qd[0].range, context: { diagnostics: withoutData }
        });
        expect(actions.map((a) => [a.title, a.edit?.changes?.[fixUri]?.map((e) => [e.range.start.line, e.newText])])).toEqual([
            ["Write 'daily' for 'qd'", [[5, 'daily']]]
        ]);
    });

    test('a suppressed finding is not shown', async () => {
        expect(await diagnosticsOf(suppressedUri)).toEqual([]);
    });
});

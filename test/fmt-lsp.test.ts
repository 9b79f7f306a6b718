// The bundled language server formats over stdio with the layout of `titra fmt`, and leaves text with syntax errors alone.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'langium';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { startLanguageServer, type LanguageServerSession } from '#test-support/lsp-client.js';
import { repository } from '#test-support/titra-process.js';

const folder = path.join(repository, 'test', 'fmt-lsp-unsaved');

let session: LanguageServerSession;
let connection: LanguageServerSession['connection'];
let initialized: LanguageServerSession['initializeResult'];

beforeAll(async () => {
    session = await startLanguageServer(null);
    ({ connection, initializeResult: initialized } = session);
});

afterAll(() => session?.close());

/** Opens an unsaved document with `text` and asks the server to format it. */
async function formatOverLsp(name: string, text: string): Promise<{ edits: TextEdit[]; result: string }> {
    const uri = pathToFileURL(path.join(folder, name)).toString();
    session.open(uri, text);
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

// The editor's Compile (titra/compile over stdio) and `titra compile` give the same bytes: provenance relative to the
// workspace folder, the hash of the text compiled (an unsaved buffer included), and the draft rule.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompileResult } from '@titra/language/requests';
import { startLanguageServer, type LanguageServerSession } from '#test-support/lsp-client.js';
import { removeTemporaryFolders, repository, temporaryFolder, titra } from '#test-support/titra-process.js';

const MAIN = 'teclistamab-inpatient.titra';
/** A workspace outside git whose protocol lies in a subfolder: `sub/x.titra`, not `x.titra`, in provenance. */
let workspace: string;
let session: LanguageServerSession;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const uriOf = (relative: string) => pathToFileURL(path.join(workspace, relative)).toString();

/** `titra compile <relative>` run in the workspace folder: the order-set text it writes. */
function cliCompile(relative: string, ...options: string[]): string {
    const run = titra(workspace, 'compile', relative, '-o', 'out.json', ...options);
    expect(run.code, run.stderr).toBe(0);
    return readFileSync(path.join(workspace, 'out.json'), 'utf8');
}

async function editorCompile(relative: string, allowDraft?: boolean): Promise<CompileResult> {
    return session.connection.sendRequest<CompileResult>('titra/compile', { uri: uriOf(relative), ...(allowDraft ? { allowDraft } : {}) });
}

beforeAll(async () => {
    workspace = temporaryFolder('titra-compile-lsp-');
    mkdirSync(path.join(workspace, 'sub'));
    cpSync(path.join(repository, 'examples', MAIN), path.join(workspace, 'sub', MAIN));
    cpSync(path.join(repository, 'examples', 'shared'), path.join(workspace, 'sub', 'shared'), { recursive: true });
    session = await startLanguageServer(workspace);
});

afterAll(() => {
    session?.close();
    removeTemporaryFolders();
});

describe('editor Compile and titra compile', () => {
    test('a saved protocol in a subfolder of a workspace outside git: byte-identical JSON, source relative to the workspace folder', async () => {
        const relative = `sub/${MAIN}`;
        const result = await editorCompile(relative);
        expect(result.kind).toBe('ok');
        if (result.kind !== 'ok') return;
        expect(result.json).toBe(cliCompile(relative));
        const provenance = (JSON.parse(result.json) as { provenance: { source: string; imports: Array<{ source: string }> } }).provenance;
        expect(provenance.source).toBe(relative);
        expect(provenance.imports.map((i) => i.source)).toContain('sub/shared/imwg-crs.titra');
    });

    test('an unsaved buffer is compiled with the hash of its text, and gives the CLI\'s bytes once saved', async () => {
        const relative = `sub/${MAIN}`;
        const uri = uriOf(relative);
        const saved = readFileSync(path.join(workspace, relative), 'utf8');
        session.open(uri, saved);
        await session.diagnostics(uri);
        const unsaved = saved.replace('version 3.1.0', 'version 3.1.1').replace('  status active', '  status active // titra-ignore safety/trailing-zero: an unsaved edit');
        expect(unsaved).not.toBe(saved);
        session.change(uri, unsaved, 2);
        // The edit's unused suppression shows that the server has the unsaved text.
        await session.diagnostics(uri, (d) => d.some((x) => x.code === 'suppression/unused'));
        const result = await editorCompile(relative);
        expect(result.kind).toBe('ok');
        if (result.kind !== 'ok') return;
        expect(result.version).toBe('3.1.1');
        expect((JSON.parse(result.json) as { provenance: { sha256: string } }).provenance.sha256).toBe(sha256(unsaved));
        writeFileSync(path.join(workspace, relative), unsaved);
        expect(result.json).toBe(cliCompile(relative));
    });

    test('a draft is refused at its status line unless the request allows drafts, as titra compile --allow-draft', async () => {
        const relative = 'sub/draft.titra';
        const text = readFileSync(path.join(repository, 'examples', MAIN), 'utf8').replace('  status active', '  status draft');
        writeFileSync(path.join(workspace, relative), text);
        session.open(uriOf(relative), text);
        const refused = await editorCompile(relative);
        const statusLine = text.split('\n').findIndex((line) => line === '  status draft');
        expect(refused).toMatchObject({ kind: 'draft', line: statusLine, character: 2 });
        expect(refused.kind === 'draft' && refused.message).toContain('draft.titra has status draft');
        const cliRefusal = titra(workspace, 'compile', relative, '-o', 'out.json');
        expect(cliRefusal.code).toBe(1);
        expect(cliRefusal.stderr).toContain(`${relative}:${statusLine + 1}:3: error [governance/draft]`);
        const allowed = await editorCompile(relative, true);
        expect(allowed.kind).toBe('ok');
        if (allowed.kind !== 'ok') return;
        expect(allowed.json).toBe(cliCompile(relative, '--allow-draft'));
    });
});

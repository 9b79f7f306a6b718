// The language server's titra/diffWithHead request in a git working copy: the editor's text against the committed version.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DiffWithHeadResult } from '@titra/language/requests';
import { startLanguageServer, type LanguageServerSession } from '#test-support/lsp-client.js';
import { removeTemporaryFolders, repository, temporaryFolder } from '#test-support/titra-process.js';

const MAIN = 'teclistamab-inpatient.titra';
let session: LanguageServerSession;
let folder: string;

beforeAll(async () => {
    folder = temporaryFolder('titra-diff-head-');
    cpSync(path.join(repository, 'examples', MAIN), path.join(folder, MAIN));
    cpSync(path.join(repository, 'examples', 'shared'), path.join(folder, 'shared'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Titra', '-c', 'user.email=test@titra.invalid', ...args], { cwd: folder });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'protocol 3.1.0');
    session = await startLanguageServer(folder);
});

afterAll(() => {
    session?.close();
    removeTemporaryFolders();
});

describe('titra/diffWithHead', () => {
    test('an unsaved dose change in the editor is reported against HEAD, with the label value', async () => {
        const uri = pathToFileURL(path.join(folder, MAIN)).toString();
        const edited = readFileSync(path.join(folder, MAIN), 'utf8').replace('dose SUD2 0.3 mg/kg', 'dose SUD2 0.25 mg/kg');
        session.open(uri, edited);
        await session.diagnostics(uri);
        const result = await session.connection.sendRequest<DiffWithHeadResult>('titra/diffWithHead', { uri });
        expect(result.kind).toBe('ok');
        if (result.kind !== 'ok') return;
        expect(result.changes).toBe(1);
        expect(result.markdown).toContain('| Dose | changed | SUD2 dose 0.3 mg/kg -&gt; 0.25 mg/kg (label: 0.3 mg/kg) |');
        expect(result.markdown).toContain('> **Problem:**');
    });

    test('the committed version is read whole from git: a shared panel changed in the working copy is the editor version\'s change', async () => {
        const uri = pathToFileURL(path.join(folder, MAIN)).toString();
        const crs = path.join(folder, 'shared', 'imwg-crs.titra');
        const committed = readFileSync(crs, 'utf8');
        writeFileSync(crs, committed.replace('if no improvement after 24 hours', 'if no improvement after 12 hours'));
        try {
            const crsUri = pathToFileURL(crs).toString();
            session.open(crsUri, readFileSync(crs, 'utf8'));
            await session.diagnostics(crsUri);
            session.change(uri, readFileSync(path.join(folder, MAIN), 'utf8'), 2);
            await session.diagnostics(uri);
            const result = await session.connection.sendRequest<DiffWithHeadResult>('titra/diffWithHead', { uri });
            expect(result.kind).toBe('ok');
            if (result.kind !== 'ok') return;
            expect(result.changes).toBe(1);
            expect(result.markdown).toContain('| Panel | changed | CRS grade 1 escalation if no improvement after 24 hours -&gt; if no improvement after 12 hours |');
        } finally {
            writeFileSync(crs, committed);
        }
    });

    test('a protocol that git does not know gives a git error, not a crash', async () => {
        const uri = pathToFileURL(path.join(folder, 'shared', 'not-committed.titra')).toString();
        session.open(uri, readFileSync(path.join(repository, 'examples', MAIN), 'utf8').replace(/import "shared\//g, 'import "'));
        await session.diagnostics(uri);
        const result = await session.connection.sendRequest<DiffWithHeadResult>('titra/diffWithHead', { uri });
        expect(result.kind).toBe('git-error');
    });
});

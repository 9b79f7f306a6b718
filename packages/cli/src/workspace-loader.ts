// Finds protocol files, reads them safely, loads their imports and builds them with full validation.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createTitraServices, importsOf, resolveImport, workspaceRootOf, type TitraServices, ast } from '@titra/language';
import type { LangiumSharedServices } from 'langium/lsp';

/** A problem with the command's input that stops it before any checking (exit code 2). */
export class InputError extends Error {}

export interface LoadedWorkspace {
    shared: LangiumSharedServices;
    Titra: TitraServices;
    /** The documents named on the command line (directly or through a folder), in path order. */
    roots: LangiumDocument[];
    /** Every loaded document, roots and imports. */
    all: LangiumDocument[];
    /** The workspace folder: the git repository holding the inputs, else the working folder or their common folder. */
    root: string;
}

const EXTENSION = '.titra';

async function statOrNull(file: string) {
    try {
        return await fs.stat(file);
    } catch {
        return null;
    }
}

/** Files under `folder` whose names end with `suffix`, in name order, skipping node_modules and hidden entries. */
export async function collectFiles(folder: string, suffix: string, out: string[]): Promise<void> {
    const entries = await fs.readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) await collectFiles(full, suffix, out);
        else if (entry.isFile() && entry.name.endsWith(suffix)) out.push(full);
    }
}

/** Expands the paths given on the command line into .titra files; rejects missing paths and empty folders. */
export async function expandPaths(paths: string[]): Promise<string[]> {
    const files: string[] = [];
    for (const given of paths) {
        const absolute = path.resolve(given);
        const stat = await statOrNull(absolute);
        if (!stat) throw new InputError(`${given}: no such file or directory`);
        if (stat.isDirectory()) {
            const found: string[] = [];
            await collectFiles(absolute, EXTENSION, found);
            if (found.length === 0) throw new InputError(`${given}: no ${EXTENSION} files in this folder`);
            files.push(...found);
        } else {
            files.push(absolute);
        }
    }
    return [...new Set(files)];
}

/** Protocols and libraries larger than this are refused before they are read. */
const MAX_FILE_BYTES = 10 * 2 ** 20;

/** Reads a file as UTF-8 text, refusing binary content and invalid UTF-8 with a clear message (a byte order mark is dropped). */
export async function readProtocolText(file: string, shownAs: string): Promise<string> {
    let bytes: Buffer;
    try {
        const { size } = await fs.stat(file);
        if (size > MAX_FILE_BYTES) {
            throw new InputError(`${shownAs}: the file is ${(size / 2 ** 20).toFixed(1)} MB; Titra reads files up to ${MAX_FILE_BYTES / 2 ** 20} MB (a long protocol is well under 1 MB: split shared parts into libraries)`);
        }
        bytes = await fs.readFile(file);
    } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError(`${shownAs}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    if (bytes.includes(0)) throw new InputError(`${shownAs}: this is a binary file, not a Titra protocol`);
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
        throw new InputError(`${shownAs}: the file is not valid UTF-8 text; save it as UTF-8`);
    }
}

export function displayPath(file: string): string {
    const relative = path.relative(process.cwd(), file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** Loads the given files and everything they import, then parses, links and validates them all. */
export async function loadWorkspace(files: string[], options: { workspaceRoot?: string } = {}): Promise<LoadedWorkspace> {
    const { shared, Titra } = createTitraServices(NodeFileSystem);
    // The git repository holding the inputs; else the working folder when it holds them all; else their common folder.
    const workspaceRoot = options.workspaceRoot ?? workspaceRootOf(files, process.cwd());
    // Imports may not leave the workspace: such imports are reported, and their files are not read.
    const boundary = Titra.workspace.ImportBoundary;
    boundary.setRoots([workspaceRoot]);
    const factory = shared.workspace.LangiumDocumentFactory;
    const documents = shared.workspace.LangiumDocuments;
    const roots: LangiumDocument[] = [];
    const pending = [...files];
    const rootSet = new Set(files);
    while (pending.length > 0) {
        const file = pending.shift()!;
        const uri = URI.file(file);
        if (documents.hasDocument(uri)) continue;
        const text = await readProtocolText(file, displayPath(file));
        const document = factory.fromString(text, uri);
        documents.addDocument(document);
        if (rootSet.has(file)) roots.push(document);
        for (const imp of importsOf(document.parseResult.value as ast.TitraFile)) {
            if (typeof imp.path !== 'string') continue;
            const targetUri = resolveImport(uri, imp.path);
            if (!boundary.allows(targetUri)) continue;
            const target = targetUri.fsPath;
            const stat = await statOrNull(target);
            if (stat?.isFile() && !documents.hasDocument(URI.file(target))) pending.push(target);
        }
    }
    const all = [...documents.all];
    await shared.workspace.DocumentBuilder.build(all, { validation: true });
    roots.sort((a, b) => (a.uri.fsPath < b.uri.fsPath ? -1 : a.uri.fsPath > b.uri.fsPath ? 1 : 0));
    return { shared, Titra, roots, all, root: workspaceRoot };
}

// Finds protocol files, reads them safely and only inside the workspace, loads their imports and builds them with full validation.
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

/** The file's status, null when it does not exist; a symbolic link loop is an input error naming the path. */
async function statOrNull(file: string, shownAs = displayPath(file)) {
    try {
        return await fs.stat(file);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new InputError(loopMessage(shownAs));
        return null;
    }
}

const loopMessage = (shownAs: string) => `${shownAs}: is a symbolic link that loops (it leads back to itself); it cannot be read`;

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

/** Expands the paths given on the command line into .titra files; rejects missing paths, other files and empty folders. */
export async function expandPaths(paths: string[]): Promise<string[]> {
    const files: string[] = [];
    for (const given of paths) {
        const absolute = path.resolve(given);
        const stat = await statOrNull(absolute, given);
        if (!stat) throw new InputError(`${given}: no such file or directory`);
        if (stat.isDirectory()) {
            const found: string[] = [];
            await collectFiles(absolute, EXTENSION, found);
            if (found.length === 0) {
                throw new InputError(given.endsWith(EXTENSION) ? `${given}: is a folder, not a protocol file, and holds no ${EXTENSION} files`
                    : `${given}: no ${EXTENSION} files in this folder`);
            }
            files.push(...found);
        } else if (!absolute.endsWith(EXTENSION)) {
            throw new InputError(`${given}: not a Titra file; protocols and libraries are named <name>${EXTENSION}`);
        } else {
            files.push(absolute);
        }
    }
    return [...new Set(files)];
}

/** The real path of the folder that every file the command reads must stay in (see workspaceRootOf). */
export async function workspaceOf(files: string[]): Promise<string> {
    const root = workspaceRootOf(files.map((f) => path.resolve(f)), process.cwd());
    return fs.realpath(root).catch(() => root);
}

const isInside = (folder: string, file: string) => {
    const relative = path.relative(folder, file);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/**
 * The real path of a file the command reads (symbolic links followed), refused when it lies outside the workspace
 * (directly, or through a link, which the message names) or when its links loop. A missing file is returned as given.
 */
export async function confinedRealPath(file: string, workspace: string, shownAs: string): Promise<string> {
    const absolute = path.resolve(file);
    let real: string;
    try {
        real = await fs.realpath(absolute);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ELOOP') throw new InputError(loopMessage(shownAs));
        if (code === 'ENOENT' || code === 'ENOTDIR') return absolute;
        throw new InputError(`${shownAs}: cannot read the file (${code ?? String(error)})`);
    }
    if (isInside(workspace, real)) return real;
    const where = `outside the workspace (${displayPath(workspace) || '.'}); Titra reads only files inside the workspace`;
    if (isInside(workspace, absolute)) throw new InputError(`${shownAs}: is a symbolic link to ${real}, ${where}`);
    throw new InputError(`${shownAs}: is ${where}`);
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

/**
 * Loads the given files and everything they import, then parses, links and validates them all. Every file is read
 * through confinedRealPath; the files given are loaded under their real paths (so provenance records those).
 */
export async function loadWorkspace(given: string[], options: { workspaceRoot?: string } = {}): Promise<LoadedWorkspace> {
    const { shared, Titra } = createTitraServices(NodeFileSystem);
    // The git repository holding the inputs; else the working folder when it holds them all; else their common folder.
    const workspaceRoot = options.workspaceRoot ?? await workspaceOf(given);
    const files: string[] = [];
    for (const file of given) files.push(await confinedRealPath(file, workspaceRoot, displayPath(file)));
    // Imports may not leave the workspace: such imports are reported, and their files are not read.
    const boundary = Titra.workspace.ImportBoundary;
    boundary.setRoots([workspaceRoot]);
    const factory = shared.workspace.LangiumDocumentFactory;
    const documents = shared.workspace.LangiumDocuments;
    const roots: LangiumDocument[] = [];
    const pending = [...files];
    const rootSet = new Set(files);
    // Import targets already confined and looked at: a library many protocols import is checked once.
    const vetted = new Set<string>();
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
            // An import is linked under the path it names; the file behind it must still be inside the workspace.
            const target = targetUri.fsPath;
            if (vetted.has(target)) continue;
            vetted.add(target);
            const start = imp.$cstNode?.range.start;
            const importedAt = `${displayPath(file)}${start ? `:${start.line + 1}:${start.character + 1}` : ''}: import "${imp.path}"`;
            await confinedRealPath(target, workspaceRoot, importedAt);
            const stat = await statOrNull(target);
            if (stat?.isFile() && !documents.hasDocument(URI.file(target))) pending.push(target);
        }
    }
    const all = [...documents.all];
    await shared.workspace.DocumentBuilder.build(all, { validation: true });
    roots.sort((a, b) => (a.uri.fsPath < b.uri.fsPath ? -1 : a.uri.fsPath > b.uri.fsPath ? 1 : 0));
    return { shared, Titra, roots, all, root: workspaceRoot };
}

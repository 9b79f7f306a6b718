// A protocol as it was at a git revision, read whole: the file and every file it imports (each with `git show`), compiled apart from the working copy.
import * as path from 'node:path';
import { URI } from 'langium';
import type { Compilation, CompileOptions } from '../compiler/protocol-compiler.js';
import type { Clock } from '../environment/clock.js';
import type * as ast from '../grammar/generated/ast.js';
import { createTitraServices } from '../titra-module.js';
import { fileAtRevision, findGitRoot } from './git.js';
import { importsOf, resolveImport } from './imports.js';

/** The compiled old version, or why git could not give it. */
export type RevisionCompilation = Compilation | { kind: 'git-error'; message: string };

export interface RevisionOptions extends CompileOptions {
    /** The clock the checks of the old version run with (the caller's, so both versions are checked on the same day). */
    clock?: Clock;
}

/** The path git names a file by: relative to the repository root, with `/`; undefined outside the repository. */
function repositoryPath(root: string, file: string): string | undefined {
    const relative = path.relative(root, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join('/');
}

/**
 * Compiles `file` as it was at `revision`: its text and the text of each file it imports (resolved relative to the
 * importing file as it was then, confined to the repository) come from git, never from the working copy, so a shared
 * panel changed since then is attributed to the right version. An import that did not exist then is unresolved.
 */
export async function compileAtRevision(revision: string, file: string, options: RevisionOptions = {}): Promise<RevisionCompilation> {
    const absolute = path.resolve(file);
    const root = findGitRoot(path.dirname(absolute));
    if (!root) return { kind: 'git-error', message: `${file} is not in a git repository` };
    const { shared, Titra } = createTitraServices(undefined, options.clock ? { environment: { Clock: () => options.clock! } } : {});
    Titra.workspace.ImportBoundary.setRoots([root]);
    const documents = shared.workspace.LangiumDocuments;
    const factory = shared.workspace.LangiumDocumentFactory;
    const pending = [absolute];
    while (pending.length > 0) {
        const current = pending.shift()!;
        const uri = URI.file(current);
        const name = repositoryPath(root, current);
        if (documents.hasDocument(uri) || name === undefined) continue;
        const shown = await fileAtRevision(root, revision, name);
        if ('error' in shown) {
            if (current === absolute) return { kind: 'git-error', message: shown.gitMissing ? shown.error : `git show ${revision}:${name} failed: ${shown.error}` };
            continue;
        }
        const document = factory.fromString(shown.text, uri);
        documents.addDocument(document);
        for (const imp of importsOf(document.parseResult.value as ast.TitraFile)) {
            if (typeof imp.path === 'string') pending.push(resolveImport(uri, imp.path).fsPath);
        }
    }
    const main = documents.getDocument(URI.file(absolute))!;
    await shared.workspace.DocumentBuilder.build([...documents.all], { validation: false });
    return Titra.compiler.ProtocolCompiler.compile(main, options);
}

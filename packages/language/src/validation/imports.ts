// Checks imports: the file exists, is a library, stays in the workspace, and is not part of an import cycle.
import { AstUtils, type LangiumDocuments, type ValidationAcceptor } from 'langium';
import { isLibrary, type Import, type Library, type Protocol } from '../grammar/generated/ast.js';
import { findImportCycle, importsOf, resolveImport } from '../workspace/imports.js';
import type { ImportBoundary } from '../workspace/import-boundary.js';
import { Codes, diagnostic } from './codes.js';

export function checkImport(documents: LangiumDocuments, boundary: ImportBoundary) {
    return (imp: Import, accept: ValidationAcceptor): void => {
        if (typeof imp.path !== 'string') return; // a syntax error is reported already
        const document = AstUtils.getDocument(imp);
        const uri = resolveImport(document.uri, imp.path);
        if (!boundary.allows(uri)) {
            const roots = boundary.currentRoots().map((r) => r.fsPath).join(', ');
            accept('error', `'${imp.path}' is outside the workspace (${roots}); keep shared libraries inside it, so that a protocol and everything it imports are reviewed and versioned together.`, {
                node: imp, property: 'path', ...diagnostic(Codes.importOutsideWorkspace)
            });
            return;
        }
        const target = documents.getDocument(uri);
        if (!target) {
            accept('error', `Cannot find imported file '${imp.path}' (looked for ${uri.fsPath}). Check the path; it is relative to this file.`, {
                node: imp, property: 'path', ...diagnostic(Codes.importNotFound)
            });
            return;
        }
        if (!isLibrary(target.parseResult.value)) {
            accept('error', `'${imp.path}' is not a library; only libraries (shared panels, premedication sets, holds, supportive care) can be imported.`, {
                node: imp, property: 'path', ...diagnostic(Codes.importNotLibrary)
            });
        }
    };
}

/** Searches a file's imports for a cycle once, and reports it on the import that starts it. */
export function checkImportCycle(documents: LangiumDocuments, boundary: ImportBoundary) {
    return (root: Protocol | Library, accept: ValidationAcceptor): void => {
        const document = AstUtils.getDocument(root);
        const cycle = findImportCycle(document, documents);
        const first = cycle?.[1];
        if (!cycle || !first || !boundary.allows(first)) return;
        const start = importsOf(root).find((imp) => typeof imp.path === 'string' && resolveImport(document.uri, imp.path).toString() === first.toString());
        if (!start) return;
        const chain = cycle.map((u) => u.path.split('/').pop()).join(' -> ');
        accept('error', `Import cycle: ${chain}. Move the shared part into a library that both can import.`, {
            node: start, property: 'path', ...diagnostic(Codes.importCycle)
        });
    };
}

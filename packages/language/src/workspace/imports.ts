// Resolves `import "path"` statements of protocols and libraries to document URIs, transitively.
import { type LangiumDocument, type LangiumDocuments, URI, UriUtils } from 'langium';
import { isLibrary, isProtocol, type Import, type TitraFile } from '../grammar/generated/ast.js';

/** The imports written in a protocol or library, in source order. */
export function importsOf(root: TitraFile | undefined): Import[] {
    if (!isProtocol(root) && !isLibrary(root)) return [];
    const members: Array<{ $type: string }> = root.members;
    return members.filter((m): m is Import => m.$type === 'Import');
}

/** The URI an import path denotes: relative to the importing document's folder. */
export function resolveImport(from: URI, path: string): URI {
    return UriUtils.resolvePath(UriUtils.dirname(from), path);
}

/** URIs of every document reachable through imports from `document` (not including it). */
export function importClosure(document: LangiumDocument, documents: LangiumDocuments): Set<string> {
    const seen = new Set<string>();
    const pending: LangiumDocument[] = [document];
    while (pending.length > 0) {
        const current = pending.pop()!;
        for (const imp of importsOf(current.parseResult.value as TitraFile)) {
            if (imp.path === undefined) continue;
            const uri = resolveImport(current.uri, imp.path);
            const key = uri.toString();
            if (seen.has(key) || key === document.uri.toString()) continue;
            seen.add(key);
            const target = documents.getDocument(uri);
            if (target) pending.push(target);
        }
    }
    return seen;
}

/**
 * The chain of documents that leads from `start` back to itself through imports, e.g.
 * [a.titra, b.titra, a.titra], or undefined when `start` is not part of an import cycle.
 */
export function findImportCycle(start: LangiumDocument, documents: LangiumDocuments): URI[] | undefined {
    const startKey = start.uri.toString();
    const visited = new Set<string>();
    const walk = (doc: LangiumDocument, path: URI[]): URI[] | undefined => {
        for (const imp of importsOf(doc.parseResult.value as TitraFile)) {
            if (imp.path === undefined) continue;
            const uri = resolveImport(doc.uri, imp.path);
            const key = uri.toString();
            if (key === startKey) return [...path, uri];
            if (visited.has(key)) continue;
            visited.add(key);
            const target = documents.getDocument(uri);
            const found = target && walk(target, [...path, uri]);
            if (found) return found;
        }
        return undefined;
    };
    return walk(start, [start.uri]);
}

export { URI };

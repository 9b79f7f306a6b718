// The index of exported symbols plus a reverse-import index: which documents an edit can affect, without walking every document's references.
import { DefaultIndexManager, type LangiumDocument, type URI } from 'langium';
import type { TitraFile } from '../grammar/generated/ast.js';
import { importsOf, resolveImport } from './imports.js';

export class TitraIndexManager extends DefaultIndexManager {
    /** For each document URI, the URIs of the documents that import it directly (whether or not the import resolves). */
    private readonly importers = new Map<string, Set<string>>();
    /** For each document URI, the URIs it imports, as last indexed. */
    private readonly imported = new Map<string, string[]>();
    /** The documents affected by the last set of changed URIs asked about, with that set. */
    private affected?: { changed: Set<string>; uris: Set<string> };

    override async updateContent(document: LangiumDocument, cancelToken?: Parameters<DefaultIndexManager['updateContent']>[1]): Promise<void> {
        await super.updateContent(document, cancelToken);
        const uri = document.uri.toString();
        this.forgetImports(uri);
        const targets = importsOf(document.parseResult.value as TitraFile)
            .filter((imp) => imp.path !== undefined)
            .map((imp) => resolveImport(document.uri, imp.path!).toString());
        this.imported.set(uri, targets);
        for (const target of targets) {
            let importers = this.importers.get(target);
            if (!importers) this.importers.set(target, importers = new Set());
            importers.add(uri);
        }
        this.affected = undefined;
    }

    override removeContent(uri: URI): void {
        super.removeContent(uri);
        this.forgetImports(uri.toString());
        this.affected = undefined;
    }

    private forgetImports(uri: string): void {
        for (const target of this.imported.get(uri) ?? []) this.importers.get(target)?.delete(uri);
        this.imported.delete(uri);
    }

    /**
     * A document is affected by changed documents when it imports one of them, directly or through libraries: a Titra
     * document sees no other document's names (see TitraScopeProvider.getGlobalScope), so an unresolved reference
     * elsewhere cannot resolve through the change either.
     */
    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (this.affected?.changed !== changedUris) {
            this.affected = { changed: changedUris, uris: this.transitiveImporters(changedUris) };
        }
        return this.affected.uris.has(document.uri.toString());
    }

    /** URIs of the documents that import any of `uris`, directly or transitively. */
    private transitiveImporters(uris: Iterable<string>): Set<string> {
        const found = new Set<string>();
        const pending = [...uris];
        while (pending.length > 0) {
            for (const importer of this.importers.get(pending.pop()!) ?? []) {
                if (found.has(importer)) continue;
                found.add(importer);
                pending.push(importer);
            }
        }
        return found;
    }
}

/**
 * The index of `titra check`, `titra compile` and other one-shot builds: no reference index, which only answers the
 * editor's "find references" (whether an edit affects a document is answered by the imports above).
 */
export class BatchIndexManager extends TitraIndexManager {
    override async updateReferences(): Promise<void> {}
}

// The document builder of the language server: runs every validation category on each edit, as `titra check` does, relinks only what an edit affects, and finishes open documents first.
import { type BuildOptions, type Cancellation, DefaultDocumentBuilder, DocumentState, type LangiumDocument } from 'langium';

export class TitraDocumentBuilder extends DefaultDocumentBuilder {
    /** Langium runs only its 'built-in' and 'fast' categories on an edit; Titra's clinical checks belong in the editor too. */
    override updateBuildOptions: BuildOptions = { validation: true };

    /**
     * Only the documents that import a changed document (see TitraIndexManager.isAffected) are relinked and checked
     * again. Langium also relinks every document with an unresolved reference, on every edit; in Titra such a
     * reference can only resolve through a change to the document or to what it imports.
     */
    /**
     * A document whose last completed build ran every category needs no more checks; Langium works this out per
     * document on every edit by collecting category sets for the whole workspace.
     */
    protected override resultsAreIncomplete(document: LangiumDocument, options: BuildOptions | undefined): boolean {
        const last = this.buildState.get(document.uri.toString());
        if (last?.completed && last.options?.validation === true) return false;
        return super.resultsAreIncomplete(document, options);
    }

    /**
     * Langium takes all documents through each phase together, so an open document's diagnostics wait until every
     * document of the workspace is linked. Here every document's exports are indexed first (imports must resolve),
     * then the open documents are built to the end and their diagnostics published, then the others.
     */
    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        const isOpen = (document: LangiumDocument) => this.textDocuments?.get(document.uri) !== undefined;
        const open = documents.filter(isOpen);
        if (open.length === 0 || open.length === documents.length) return super.buildDocuments(documents, options, cancelToken);
        await this.runCancelable(documents, DocumentState.Parsed, cancelToken, (document) => this.langiumDocumentFactory.update(document, cancelToken));
        await this.runCancelable(documents, DocumentState.IndexedContent, cancelToken, (document) => this.indexManager.updateContent(document, cancelToken));
        await super.buildDocuments(open, options, cancelToken);
        await super.buildDocuments(documents.filter((document) => !isOpen(document)), options, cancelToken);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return this.indexManager.isAffected(document, changedUris);
    }
}

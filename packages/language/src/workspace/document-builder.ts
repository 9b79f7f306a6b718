// The document builder of the language server: runs every validation category on each edit, as `titra check` does, and relinks only what an edit affects.
import { DefaultDocumentBuilder, type BuildOptions, type LangiumDocument } from 'langium';

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

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return this.indexManager.isAffected(document, changedUris);
    }
}

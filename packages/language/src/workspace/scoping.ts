// Name visibility: protocol-wide local names, library exports, and a global scope limited to imports.
import {
    type AstNode, type AstNodeDescription, AstUtils, type LangiumCoreServices, type LangiumDocument,
    type LangiumDocuments, DefaultScopeComputation, DefaultScopeProvider, MapScope, type MultiMap,
    type ReferenceInfo, type Scope, WorkspaceCache, EMPTY_SCOPE
} from 'langium';
import { isLibrary, isProtocol, isVariant } from '../grammar/generated/ast.js';
import { importClosure } from './imports.js';

/** Protocols, libraries and variants own the names declared anywhere inside them. */
function scopeOwner(node: AstNode): AstNode | undefined {
    let current = node.$container;
    while (current && !isProtocol(current) && !isLibrary(current) && !isVariant(current)) {
        current = current.$container;
    }
    return current;
}

export class TitraScopeComputation extends DefaultScopeComputation {
    /** A library exports its named members (panels, premedication sets, holds, supportive care). */
    override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        const root = document.parseResult.value;
        if (!isLibrary(root)) return [];
        const exports: AstNodeDescription[] = [];
        for (const member of root.members) {
            this.addExportedSymbol(member, exports, document);
        }
        return exports;
    }

    /** A name declared anywhere in a protocol (or variant) is visible throughout it. */
    protected override addLocalSymbol(node: AstNode, document: LangiumDocument, symbols: MultiMap<AstNode, AstNodeDescription>): void {
        const owner = scopeOwner(node);
        const name = this.nameProvider.getName(node);
        if (owner && name) {
            symbols.add(owner, this.descriptions.createDescription(node, name, document));
        }
    }
}

export class TitraScopeProvider extends DefaultScopeProvider {
    private readonly documents: LangiumDocuments;
    /** What each document imports, directly or through libraries, and a key naming that set of documents. */
    private readonly importClosures: WorkspaceCache<string, { uris: Set<string>; key: string }>;
    /**
     * The global scope of each set of imported documents and reference type: the protocols of a workspace import the
     * same few libraries, so the exported symbols are gathered once per build, not once per protocol (which walked
     * every document's index for every protocol).
     */
    private readonly closureScopes: WorkspaceCache<string, Scope>;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.importClosures = new WorkspaceCache(services.shared);
        this.closureScopes = new WorkspaceCache(services.shared);
    }

    /** Only what the document imports (directly or through imported libraries) is visible globally. */
    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        const closure = this.importClosures.get(document.uri.toString(), () => {
            const uris = importClosure(document, this.documents);
            return { uris, key: [...uris].sort().join('\u0000') };
        });
        if (closure.uris.size === 0) return EMPTY_SCOPE;
        return this.closureScopes.get(`${referenceType}\u0000${closure.key}`, () => new MapScope(this.indexManager.allElements(referenceType, closure.uris)));
    }
}

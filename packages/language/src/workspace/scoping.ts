// Name visibility: protocol-wide local names, library exports, and a global scope limited to imports.
import {
    type AstNode, type AstNodeDescription, AstUtils, type LangiumCoreServices, type LangiumDocument,
    type LangiumDocuments, DefaultScopeComputation, DefaultScopeProvider, MapScope, type MultiMap,
    type ReferenceInfo, type Scope, WorkspaceCache
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
    private readonly importScopes: WorkspaceCache<string, Scope>;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.importScopes = new WorkspaceCache(services.shared);
    }

    /** Only what the document imports (directly or through imported libraries) is visible globally. */
    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        const key = `${document.uri.toString()}\u0000${referenceType}`;
        return this.importScopes.get(key, () => {
            const uris = importClosure(document, this.documents);
            return new MapScope(uris.size === 0 ? [] : this.indexManager.allElements(referenceType, uris));
        });
    }
}

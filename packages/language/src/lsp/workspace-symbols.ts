// Workspace symbols: every named declaration of every protocol and library (protocols, doses, phases, panels, premedication sets, holds...), not only what libraries export.
import { AstUtils, interruptAndCheck, type LangiumDocuments } from 'langium';
import { DefaultWorkspaceSymbolProvider, type LangiumSharedServices } from 'langium/lsp';
import { CancellationToken, type WorkspaceSymbol, type WorkspaceSymbolParams } from 'vscode-languageserver';

export class TitraWorkspaceSymbolProvider extends DefaultWorkspaceSymbolProvider {
    private readonly documents: LangiumDocuments;
    private readonly shared: LangiumSharedServices;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.shared = services;
        this.documents = services.workspace.LangiumDocuments;
    }

    override async getSymbols(params: WorkspaceSymbolParams, cancelToken = CancellationToken.None): Promise<WorkspaceSymbol[]> {
        const query = params.query.toLowerCase();
        const symbols: WorkspaceSymbol[] = [];
        for (const document of this.documents.all) {
            await interruptAndCheck(cancelToken);
            const language = this.shared.ServiceRegistry.getServices(document.uri);
            const names = language.references.NameProvider;
            const root = document.parseResult.value;
            const rootName = names.getName(root);
            for (const node of AstUtils.streamAst(root)) {
                const name = names.getName(node);
                if (!name || !this.fuzzyMatcher.match(query, name)) continue;
                const symbol = this.getWorkspaceSymbol(language.workspace.AstNodeDescriptionProvider.createDescription(node, name, document));
                if (symbol) symbols.push(node === root || !rootName ? symbol : { ...symbol, containerName: rootName });
            }
        }
        return symbols;
    }
}

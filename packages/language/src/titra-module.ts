// Dependency-injection wiring of the Titra language services (core for the CLI, full for the language server).
import {
    type DeepPartial, inject, type LangiumCoreServices, type LangiumSharedCoreServices, type Module,
    type PartialLangiumCoreServices, EmptyFileSystem
} from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices, type PartialLangiumLSPServices
} from 'langium/lsp';
import { TitraGeneratedModule, TitraGeneratedSharedModule } from './grammar/generated/module.js';
import { TitraValueConverter } from './grammar/value-converter.js';
import { TitraParserErrorMessageProvider } from './grammar/parser-error-messages.js';
import { TitraLexer, TitraLexerErrorMessageProvider } from './grammar/titra-lexer.js';
import { TitraCodeActionProvider } from './lsp/code-actions.js';
import { TitraCompletionProvider } from './lsp/completion.js';
import { TitraFormatter } from './lsp/formatter.js';
import { TitraHoverProvider } from './lsp/hover.js';
import { TitraInlayHintProvider } from './lsp/inlay-hints.js';
import { TitraCodeLensProvider } from './lsp/code-lens.js';
import { TitraRenameProvider } from './lsp/rename.js';
import { TitraSemanticTokenProvider } from './lsp/semantic-tokens.js';
import { TitraWorkspaceSymbolProvider } from './lsp/workspace-symbols.js';
import { TitraDocumentBuilder } from './workspace/document-builder.js';
import { BatchIndexManager, TitraIndexManager } from './workspace/index-manager.js';
import { TitraWorkspaceManager } from './workspace/workspace-manager.js';
import { ImportBoundary } from './workspace/import-boundary.js';
import { TitraScopeComputation, TitraScopeProvider } from './workspace/scoping.js';
import { TitraLinker } from './workspace/linker.js';
import { registerValidationChecks } from './validation/register.js';
import { SuppressedFindings, TitraDocumentValidator } from './validation/suppression.js';
import { ProtocolCompiler } from './compiler/protocol-compiler.js';
import { SystemClock, type Clock } from './environment/clock.js';
import { KnowledgeBase } from './knowledge/knowledge-service.js';

export type TitraAddedServices = {
    compiler: { ProtocolCompiler: ProtocolCompiler };
    environment: { Clock: Clock };
    knowledge: { KnowledgeBase: KnowledgeBase };
    validation: { SuppressedFindings: SuppressedFindings };
    workspace: { ImportBoundary: ImportBoundary };
};

export type TitraServices = LangiumServices & TitraAddedServices;

export const TitraModule: Module<TitraServices, PartialLangiumCoreServices & PartialLangiumLSPServices & DeepPartial<TitraAddedServices>> = {
    parser: {
        ValueConverter: () => new TitraValueConverter(),
        ParserErrorMessageProvider: () => new TitraParserErrorMessageProvider(),
        Lexer: (services) => new TitraLexer(services),
        LexerErrorMessageProvider: () => new TitraLexerErrorMessageProvider()
    },
    references: {
        ScopeComputation: (services) => new TitraScopeComputation(services),
        ScopeProvider: (services) => new TitraScopeProvider(services),
        Linker: (services) => new TitraLinker(services)
    },
    compiler: {
        ProtocolCompiler: (services) => new ProtocolCompiler(services)
    },
    environment: {
        Clock: () => new SystemClock()
    },
    knowledge: {
        KnowledgeBase: () => new KnowledgeBase()
    },
    validation: {
        SuppressedFindings: () => new SuppressedFindings(),
        DocumentValidator: (services) => new TitraDocumentValidator(services)
    },
    lsp: {
        Formatter: (services) => new TitraFormatter(services),
        HoverProvider: (services) => new TitraHoverProvider(services),
        CompletionProvider: (services) => new TitraCompletionProvider(services),
        SemanticTokenProvider: (services) => new TitraSemanticTokenProvider(services),
        CodeActionProvider: () => new TitraCodeActionProvider(),
        InlayHintProvider: (services) => new TitraInlayHintProvider(services),
        CodeLensProvider: () => new TitraCodeLensProvider(),
        RenameProvider: (services) => new TitraRenameProvider(services)
    },
    workspace: {
        ImportBoundary: (services) => new ImportBoundary(services.shared)
    }
};

/**
 * Shared services that Titra replaces: the document builder (every check category on an edit, relinking only the
 * importers of a changed document), the index (with the reverse-import index), the workspace manager (every
 * document checked at start-up; clients without workspace folders get them from their root or the opened file) and
 * the workspace symbols (every named declaration).
 */
export const TitraSharedModule: Module<LangiumSharedServices, DeepPartial<LangiumSharedServices>> = {
    workspace: {
        DocumentBuilder: (services) => new TitraDocumentBuilder(services),
        IndexManager: (services) => new TitraIndexManager(services),
        WorkspaceManager: (services) => new TitraWorkspaceManager(services)
    },
    lsp: {
        WorkspaceSymbolProvider: (services) => new TitraWorkspaceSymbolProvider(services)
    }
};

/** One-shot builds without a language client (the titra command, tests) keep no reference index: nobody asks "find references". */
const TitraBatchSharedModule: Module<LangiumSharedServices, DeepPartial<LangiumSharedServices>> = {
    workspace: {
        IndexManager: (services) => new BatchIndexManager(services)
    }
};

/**
 * Creates the shared and Titra services; `context.fileSystemProvider` decides how files are read, and `overrides`
 * replaces Titra services (tests give a fixed clock this way).
 */
export function createTitraServices(context: DefaultSharedModuleContext = EmptyFileSystem, overrides: Module<TitraServices, DeepPartial<TitraServices>> = {}): {
    shared: LangiumSharedServices;
    Titra: TitraServices;
} {
    const shared = inject(createDefaultSharedModule(context), TitraGeneratedSharedModule, TitraSharedModule, context.connection ? {} : TitraBatchSharedModule);
    const Titra = inject(createDefaultModule({ shared }), TitraGeneratedModule, TitraModule, overrides);
    shared.ServiceRegistry.register(Titra);
    registerValidationChecks(Titra);
    if (!context.connection) {
        // Without a language client there is no configuration to wait for.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Titra };
}

export type { LangiumCoreServices, LangiumSharedCoreServices };

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
import { TitraCodeActionProvider } from './lsp/code-actions.js';
import { TitraCompletionProvider } from './lsp/completion.js';
import { TitraFormatter } from './lsp/formatter.js';
import { TitraHoverProvider } from './lsp/hover.js';
import { TitraSemanticTokenProvider } from './lsp/semantic-tokens.js';
import { TitraDocumentBuilder } from './workspace/document-builder.js';
import { ImportBoundary } from './workspace/import-boundary.js';
import { TitraScopeComputation, TitraScopeProvider } from './workspace/scoping.js';
import { TitraValidator, registerValidationChecks } from './validation/register.js';
import { TitraDocumentValidator } from './validation/suppression.js';

export type TitraAddedServices = {
    validation: { TitraValidator: TitraValidator };
    workspace: { ImportBoundary: ImportBoundary };
};

export type TitraServices = LangiumServices & TitraAddedServices;

export const TitraModule: Module<TitraServices, PartialLangiumCoreServices & PartialLangiumLSPServices & DeepPartial<TitraAddedServices>> = {
    parser: {
        ValueConverter: () => new TitraValueConverter()
    },
    references: {
        ScopeComputation: (services) => new TitraScopeComputation(services),
        ScopeProvider: (services) => new TitraScopeProvider(services)
    },
    validation: {
        TitraValidator: (services) => new TitraValidator(services),
        DocumentValidator: (services) => new TitraDocumentValidator(services)
    },
    lsp: {
        Formatter: (services) => new TitraFormatter(services),
        HoverProvider: (services) => new TitraHoverProvider(services),
        CompletionProvider: (services) => new TitraCompletionProvider(services),
        SemanticTokenProvider: (services) => new TitraSemanticTokenProvider(services),
        CodeActionProvider: () => new TitraCodeActionProvider()
    },
    workspace: {
        ImportBoundary: (services) => new ImportBoundary(services.shared)
    }
};

/** Shared services that Titra replaces: the document builder, so that the editor runs every check category. */
export const TitraSharedModule: Module<LangiumSharedServices, DeepPartial<LangiumSharedServices>> = {
    workspace: {
        DocumentBuilder: (services) => new TitraDocumentBuilder(services)
    }
};

/** Creates the shared and Titra services; `context.fileSystemProvider` decides how files are read. */
export function createTitraServices(context: DefaultSharedModuleContext = EmptyFileSystem): {
    shared: LangiumSharedServices;
    Titra: TitraServices;
} {
    const shared = inject(createDefaultSharedModule(context), TitraGeneratedSharedModule, TitraSharedModule);
    const Titra = inject(createDefaultModule({ shared }), TitraGeneratedModule, TitraModule);
    shared.ServiceRegistry.register(Titra);
    registerValidationChecks(Titra);
    if (!context.connection) {
        // Without a language client there is no configuration to wait for.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Titra };
}

export type { LangiumCoreServices, LangiumSharedCoreServices };

// Diagnostics as the server publishes them: with the version of the document they were computed on, and a link to each code's documentation.
import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { ClientCapabilities, PublishDiagnosticsParams } from 'vscode-languageserver';
import { CHECKS_DOCUMENTATION_URL } from '../project.js';

export class DiagnosticPublication {
    private versionSupport = false;
    /** The version of each open document's text when it was last parsed: the text its diagnostics belong to. */
    private readonly parsedVersions = new Map<string, number>();

    /** Reads what the client announced: whether it wants the document version with the diagnostics. */
    initialize(capabilities: ClientCapabilities, shared: LangiumSharedServices): void {
        this.versionSupport = capabilities.textDocument?.publishDiagnostics?.versionSupport === true;
        if (!this.versionSupport) return;
        const open = shared.workspace.TextDocuments;
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Parsed, (document) => {
            const key = document.uri.toString();
            if (open?.get(key)) this.parsedVersions.set(key, document.textDocument.version);
            else this.parsedVersions.delete(key);
        });
    }

    /**
     * Adds the version of the text the diagnostics were computed on (for documents open in the editor, when the
     * client supports it) and `codeDescription` to each diagnostic with a code.
     */
    decorate(params: PublishDiagnosticsParams): PublishDiagnosticsParams {
        const diagnostics = params.diagnostics.map((d) => d.code === undefined || d.codeDescription ? d : { ...d, codeDescription: { href: CHECKS_DOCUMENTATION_URL } });
        const version = this.parsedVersions.get(params.uri);
        return { ...params, diagnostics, ...(version === undefined ? {} : { version }) };
    }
}

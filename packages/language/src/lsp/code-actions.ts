// Quick fixes (LSP code actions) for Titra diagnostics: each diagnostic's data.code selects its fix in the quick-fix registry.
import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeAction, CodeActionParams, Command, Diagnostic } from 'vscode-languageserver';
import type { Code, DiagnosticDataOf } from '../validation/codes.js';
import { quickFixes, type QuickFix } from './quick-fixes.js';

export class TitraCodeActionProvider implements CodeActionProvider {
    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions = params.context.diagnostics.flatMap((diagnostic) => this.actionsFor(document, diagnostic));
        return actions.length > 0 ? actions : undefined;
    }

    /** The fixes registered for the diagnostic's code, given the data the client echoed back; none without data. */
    protected actionsFor(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const data = diagnostic.data as DiagnosticDataOf<Code> | undefined;
        const quickFix = data ? quickFixes[data.code] as QuickFix<Code> | undefined : undefined;
        const actions = quickFix?.(document, diagnostic, data as never);
        return actions === undefined ? [] : Array.isArray(actions) ? actions : [actions];
    }
}

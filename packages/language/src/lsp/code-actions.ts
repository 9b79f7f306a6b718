// Quick fixes (LSP code actions) for Titra diagnostics: each diagnostic's code selects its fix in the quick-fix registry.
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

    /** The fixes registered for the diagnostic's code, given its data: as the client echoed it back, else as the last validation computed it. */
    protected actionsFor(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const data = (diagnostic.data ?? validatedData(document, diagnostic)) as DiagnosticDataOf<Code> | undefined;
        const quickFix = data ? quickFixes[data.code] as QuickFix<Code> | undefined : undefined;
        const actions = quickFix?.(document, diagnostic, data as never);
        return actions === undefined ? [] : Array.isArray(actions) ? actions : [actions];
    }
}

/**
 * The data of the document's own diagnostic with the same code and range, for clients that do not echo `data`
 * back; code actions wait for validation, so the document's diagnostics are those of its current text.
 */
function validatedData(document: LangiumDocument, diagnostic: Diagnostic): unknown {
    const sameRange = (a: Diagnostic['range'], b: Diagnostic['range']) =>
        a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
    return document.diagnostics?.find((d) => d.code === diagnostic.code && sameRange(d.range, diagnostic.range))?.data;
}

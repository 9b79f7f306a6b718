// Code lenses: over each step-up dose of a protocol, "Preview schedule at <dose>", which opens the editor's schedule preview at that dose.
import { AstUtils, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import * as ast from '../grammar/generated/ast.js';

/** The extension's command the lenses run, with the document's URI and the dose's name as arguments. */
export const PREVIEW_SCHEDULE_COMMAND = 'titra.previewSchedule';

export class TitraCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const root = document.parseResult.value;
        if (!ast.isProtocol(root)) return [];
        return AstUtils.streamAst(root).filter(ast.isStepUpDose).flatMap((dose) => {
            const range = dose.$cstNode?.range;
            if (!range || !dose.name) return [];
            return [{
                range: { start: range.start, end: range.start },
                command: { title: `Preview schedule at ${dose.name}`, command: PREVIEW_SCHEDULE_COMMAND, arguments: [document.uri.toString(), dose.name] }
            }];
        }).toArray();
    }
}

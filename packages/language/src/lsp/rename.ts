// Rename of declared names (doses, phases, premedication sets, panels, holds, flags) that refuses, in plain words, a new name the grammar could not read back.
import type { LangiumCoreServices, LangiumDocument } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import { ErrorCodes, ResponseError, type PrepareRenameParams, type Range, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver';

/** Why `name` cannot be written as a Titra name, or undefined when it can: the grammar's own lexer decides. */
export function nameProblem(lexer: LangiumCoreServices['parser']['Lexer'], name: string): string | undefined {
    const { tokens, errors } = lexer.tokenize(name);
    if (errors.length === 0 && tokens.length === 1 && tokens[0].image === name) {
        if (tokens[0].tokenType.name === 'ID') return undefined;
        // A keyword's token type is named by the keyword itself.
        if (tokens[0].tokenType.name === name) return `'${name}' is a Titra keyword, so it cannot be a name`;
    }
    return `'${name}' is not a name Titra can read: a name starts with a letter or _ and goes on with letters, digits, _ or -, without spaces`;
}

export class TitraRenameProvider extends DefaultRenameProvider {
    private readonly lexer: LangiumCoreServices['parser']['Lexer'];

    constructor(services: LangiumServices) {
        super(services);
        this.lexer = services.parser.Lexer;
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const problem = nameProblem(this.lexer, params.newName);
        if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
        if (!this.renameNodeRange(document, params.position)) throw new ResponseError(ErrorCodes.InvalidParams, NOTHING_TO_RENAME);
        return super.rename(document, params);
    }

    /** The range of the name at the position; a position on anything else is refused with the reason. */
    override prepareRename(document: LangiumDocument, params: PrepareRenameParams): Range {
        const range = this.renameNodeRange(document, params.position);
        if (!range) throw new ResponseError(ErrorCodes.InvalidParams, NOTHING_TO_RENAME);
        return range;
    }
}

const NOTHING_TO_RENAME = 'Nothing to rename here: put the cursor on the name of a dose, phase, premedication set, panel, hold, flag or library, where it is declared or used';

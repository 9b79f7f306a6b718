// User-facing sentences for compile, schedule and compare failures reported by the language server (pure; no vscode API).
import type { CompileFailure, DiffWithHeadResult } from '@titra/language/requests';

/** What to tell the user when nothing was compiled. */
export function compileFailureMessage(failure: CompileFailure): string {
    switch (failure.kind) {
        case 'errors': {
            const errors = `${failure.errors} error${failure.errors === 1 ? '' : 's'}`;
            const files = failure.files > 1 ? ` in ${failure.files} files (the protocol and its imports)` : '';
            const { file, line, character, message } = failure.first;
            return `Titra: ${errors}${files}; nothing was written. See the Problems panel. First: ${file}:${line + 1}:${character + 1}: ${message}`;
        }
        case 'compile-error': {
            const where = failure.line !== undefined ? ` (line ${failure.line + 1}${failure.character !== undefined ? `, column ${failure.character + 1}` : ''})` : '';
            return `Titra: cannot compile${where}: ${failure.message}; nothing was written.`;
        }
        case 'draft':
            return `Titra: ${failure.message} (line ${failure.line + 1}); nothing was written.`;
        case 'library':
        case 'unknown-document':
            return `Titra: ${failure.message}.`;
    }
}

/** What to tell the user when the comparison with git HEAD could not be made. */
export function compareFailureMessage(failure: Exclude<DiffWithHeadResult, { kind: 'ok' }>): string {
    switch (failure.kind) {
        case 'git-error':
            return `Titra: cannot read the committed version: ${failure.message}. Is the protocol committed in a git repository?`;
        case 'head-has-errors':
            return `Titra: ${failure.message}`;
        default:
            return compileFailureMessage(failure);
    }
}

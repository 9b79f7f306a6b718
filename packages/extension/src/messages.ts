// User-facing sentences for compile and schedule failures reported by the language server (pure; no vscode API).
import type { CompileFailure } from '../../language/src/lsp/requests.js';

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
        case 'library':
        case 'unknown-document':
            return `Titra: ${failure.message}.`;
    }
}

export const COMPARE_NOT_BUILT =
    'Titra: "Compare with git HEAD" (the clinical diff of a protocol against its committed version) is not built yet. '
    + 'Until it is, compare the .titra text with Git (Source Control view) and review the compiled order sets side by side.';

// The deviations of a compiled protocol: the errors that suppression comments silenced in it and in its imports, on the record of the order set.
import type { LangiumDocument } from 'langium';
import type { Deviation } from '../orderset/schema.js';
import type { SuppressedFindings } from '../validation/suppression.js';

/**
 * The suppressed errors (not warnings) of the protocol and its imports, with their files relative to the workspace:
 * the protocol's first, then each library's by path, each by line and column.
 */
export function deviationsOf(protocol: LangiumDocument, closure: LangiumDocument[], suppressed: SuppressedFindings, relativePath: (uri: string) => string): Deviation[] {
    const deviations = closure.flatMap((document) => suppressed.of(document)
        .filter((finding) => (finding.diagnostic.severity ?? 1) === 1)
        .map(({ diagnostic, code, reason, suppression }) => ({
            own: document === protocol,
            deviation: {
                code,
                message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
                reason,
                suppression,
                location: { file: relativePath(document.uri.toString()), line: diagnostic.range.start.line + 1, column: diagnostic.range.start.character + 1 }
            } satisfies Deviation
        })));
    const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return deviations
        .sort((a, b) => Number(b.own) - Number(a.own) || order(a.deviation.location.file, b.deviation.location.file)
            || a.deviation.location.line - b.deviation.location.line || a.deviation.location.column - b.deviation.location.column
            || order(a.deviation.code, b.deviation.code))
        .map((d) => d.deviation);
}

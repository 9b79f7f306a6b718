// Deviations (suppressed errors) in human-readable order-set text: the section title, where each one is, and the one-line fact.
import type { Deviation } from '../schema.js';

/** The title under which every document and report lists the deviations. */
export const DEVIATIONS_TITLE = 'Deviations from the label and guidelines';

/** What the deviations section of a document says before listing them. */
export const DEVIATIONS_INTRO = 'Titra reported these errors; the authors suppressed each with the reason given. Approving this version approves each deviation.';

/** How the error was suppressed: "suppressed on its line", "suppressed in the whole file". */
export function suppressionText(deviation: Deviation): string {
    return deviation.suppression === 'file' ? 'suppressed in the whole file' : 'suppressed on its line';
}

/** Where the error is: "shared/imwg-crs.titra:12:5". */
export function deviationLocationText(deviation: Deviation): string {
    return `${deviation.location.file}:${deviation.location.line}:${deviation.location.column}`;
}

/**
 * The deviation as one clinical fact, without its line (which reformatting moves) and, for the protocol's own
 * deviations (file `protocolSource`), without its file: "safety/trailing-zero: Write '16', ... (suppressed on its line: reason)".
 */
export function deviationFactText(deviation: Deviation, protocolSource: string): string {
    const file = deviation.location.file === protocolSource ? '' : ` in ${deviation.location.file}`;
    return `${deviation.code}${file}: ${deviation.message} (${suppressionText(deviation)}: ${deviation.reason})`;
}

// What each check code catches, read from the README's table of checks (its one home), for SARIF rules.
import readme from '../../../README.md';

export interface CheckDescription {
    /** The codes the row documents, e.g. `safety/naked-decimal`. */
    codes: string[];
    severity: string;
    catches: string;
    source: string;
}

/** Markdown table cells of a row; an empty cell (`||`) is a layout slip, not a column. */
function cells(row: string): string[] {
    return row.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim()).filter((cell) => cell.length > 0);
}

/** The rows of the README's `## Checks` table. */
export function checkDescriptions(markdown: string = readme): CheckDescription[] {
    const section = markdown.split(/^## Checks$/m)[1]?.split(/^#{2,3} /m)[0] ?? '';
    return section.split('\n').filter((line) => line.startsWith('| `')).map((row) => {
        const [codes, severity, catches, ...source] = cells(row);
        return { codes: [...codes.matchAll(/`([^`]+)`/g)].map((m) => m[1]), severity, catches, source: source.join('; ') };
    });
}

/** The table by code, read on first use: only the SARIF output needs it, so other commands do not parse the README. */
let byCode: ReadonlyMap<string, CheckDescription> | undefined;

/** The README's description of a check code; undefined for a code the table does not document. */
export function checkDescription(code: string): CheckDescription | undefined {
    byCode ??= new Map(checkDescriptions().flatMap((row) => row.codes.map((code) => [code, row] as const)));
    return byCode.get(code);
}

// Escaping for Markdown: protocol text as literal text on one line, safe in a table cell, heading, list item or paragraph.
import { oneLine } from './lines.js';

/** Text that reads literally in Markdown: no HTML, no emphasis, links or code, no pipes, on one line. */
export function markdownText(text: string): string {
    return oneLine(text)
        .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]|#])/g, '\\$1');
}

/** A Markdown table row of literal cells: "| a | b |". */
export function markdownTableRow(cells: readonly string[]): string {
    return `| ${cells.map(markdownText).join(' | ')} |`;
}

// Escaping for Markdown: protocol text as literal text on one line, safe in a table cell, heading, list item or paragraph.

/** Line breaks and other control characters, folded to one space: a table row or a heading can never break. */
const LINE_BREAKING = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;

/** Text that reads literally in Markdown: no HTML, no emphasis, links or code, no pipes, on one line. */
export function markdownText(text: string): string {
    return text.replace(LINE_BREAKING, ' ')
        .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]|#])/g, '\\$1');
}

/** A Markdown table row of literal cells: "| a | b |". */
export function markdownTableRow(cells: readonly string[]): string {
    return `| ${cells.map(markdownText).join(' | ')} |`;
}

// Protocol text on one line: line breaks and other control characters folded, so a fact, a row or a heading never breaks.

const LINE_BREAKING = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;

/** The text with every run of line breaks and control characters folded to one space. */
export function oneLine(text: string): string {
    return text.replace(LINE_BREAKING, ' ');
}

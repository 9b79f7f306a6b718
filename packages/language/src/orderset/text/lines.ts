// Protocol text on one line: line breaks and other control characters folded, text-direction characters shown, so a fact, a row or a heading never breaks or hides.

const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** Text-direction marks, embeddings, overrides and isolates, which would reorder what a reviewer's terminal shows. */
const TEXT_DIRECTION = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text with every run of line breaks and control characters folded to one space, and text-direction characters shown as <U+202E>. */
export function oneLine(text: string): string {
    return text.replace(LINE_BREAKING, ' ')
        .replace(TEXT_DIRECTION, (character) => `<U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
}

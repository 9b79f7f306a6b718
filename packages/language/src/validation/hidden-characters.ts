// Control and bidirectional-formatting characters inside strings and comments: invisible or reordering text ("Trojan Source"), each an error with a fix that removes them.
import type { AstNode, ValidationAcceptor } from 'langium';
import { codePointName } from '../grammar/titra-lexer.js';
import { Codes, diagnostic } from './codes.js';
import { tokensOfType } from './tokens.js';

/**
 * Characters a reviewer cannot see or that reorder what is shown: C0 controls except tab and line breaks, DEL, C1
 * controls, the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the directional
 * marks (U+200E, U+200F, U+061C). Outside strings and comments the lexer already refuses them.
 */
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/** Tokens whose text may hold any character: strings and comments (Titra names cannot). */
const FREE_TEXT_TOKENS = ['STRING', 'SL_COMMENT', 'ML_COMMENT'];

export function checkHiddenCharacters(root: AstNode, accept: ValidationAcceptor): void {
    const document = root.$document?.textDocument;
    if (!document) return;
    for (const leaf of tokensOfType(root, ...FREE_TEXT_TOKENS)) {
        for (const match of leaf.text.matchAll(HIDDEN)) {
            const start = leaf.offset + match.index;
            const range = { start: document.positionAt(start), end: document.positionAt(start + match[0].length) };
            const names = [...new Set(match[0])].map(codePointName).join(', ');
            accept('error', `Invisible control or text-direction character (${names}): it hides or reorders what a reviewer sees. Remove it.`, {
                node: leaf.astNode, range, ...diagnostic(Codes.hiddenCharacter)
            });
        }
    }
}

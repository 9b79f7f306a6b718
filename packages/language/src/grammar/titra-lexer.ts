// Titra's lexer: refuses conditions nested beyond the structure limits before the parser would overflow its stack, and names unexpected characters by code point.
import { DefaultLexer, DefaultLexerErrorMessageProvider, type LexerResult, type TokenizeOptions } from 'langium';
import type { IToken } from 'chevrotain';

/**
 * How deeply a condition may nest, counting each open parenthesis and each `not` in force, and how many `and`/`or`
 * operators one condition may have. Real protocols stay far below; beyond these the parser and every later step
 * would run out of stack.
 */
export const NESTING_LIMITS = { depth: 32, operators: 256 } as const;

/** Tokens after which a new condition starts (or none is being read), so the counts start again. */
const CONDITION_BOUNDARIES: ReadonlySet<string> = new Set(['when', 'if', 'until', 'while', 'resume', '{', '}']);

/** The first token that exceeds a nesting limit, and what it exceeds. */
export function firstTooDeep(tokens: readonly IToken[]): { token: IToken; message: string } | undefined {
    // The `not`s in force when each open parenthesis opened, the `not`s since, and their total with the parentheses.
    const open: number[] = [];
    let nots = 0;
    let enclosing = 0;
    let operators = 0;
    for (const token of tokens) {
        const word = token.image;
        if (CONDITION_BOUNDARIES.has(word)) {
            open.length = 0;
            enclosing = 0;
            operators = 0;
        }
        if (word === '(') {
            open.push(nots);
            enclosing += nots + 1;
        } else if (word === ')' && open.length > 0) {
            enclosing -= open.pop()! + 1;
        }
        nots = word === 'not' ? nots + 1 : 0;
        if (word === 'and' || word === 'or') operators++;
        const exceeded = enclosing + nots > NESTING_LIMITS.depth ? `it nests more than ${NESTING_LIMITS.depth} levels deep (parentheses and 'not' together)`
            : operators > NESTING_LIMITS.operators ? `it has more than ${NESTING_LIMITS.operators} 'and'/'or' operators`
            : undefined;
        if (exceeded) {
            return { token, message: `This condition is too deeply nested: ${exceeded}. Simplify it (Titra reads conditions up to these limits); the rest of the file is not read until then.` };
        }
    }
    return undefined;
}

export class TitraLexer extends DefaultLexer {
    /** The tokens up to the first one beyond a nesting limit, with an error there: the parser never sees a structure it cannot hold. */
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        const tooDeep = firstTooDeep(result.tokens);
        if (!tooDeep) return result;
        const { token, message } = tooDeep;
        result.tokens = result.tokens.slice(0, result.tokens.indexOf(token));
        result.errors.push({ offset: token.startOffset, line: token.startLine, column: token.startColumn, length: token.image.length, message });
        return result;
    }
}

/** Unicode names of the letters that pass for Latin ones (homoglyphs) in Titra names; other characters are named by code point only. */
const LOOKALIKE_NAMES: Readonly<Record<string, string>> = {
    '\u0430': 'CYRILLIC SMALL LETTER A', '\u0435': 'CYRILLIC SMALL LETTER IE', '\u043e': 'CYRILLIC SMALL LETTER O',
    '\u0440': 'CYRILLIC SMALL LETTER ER', '\u0441': 'CYRILLIC SMALL LETTER ES', '\u0443': 'CYRILLIC SMALL LETTER U',
    '\u0445': 'CYRILLIC SMALL LETTER HA', '\u0456': 'CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I', '\u0458': 'CYRILLIC SMALL LETTER JE',
    '\u0455': 'CYRILLIC SMALL LETTER DZE', '\u0410': 'CYRILLIC CAPITAL LETTER A', '\u0412': 'CYRILLIC CAPITAL LETTER VE',
    '\u0415': 'CYRILLIC CAPITAL LETTER IE', '\u041a': 'CYRILLIC CAPITAL LETTER KA', '\u041c': 'CYRILLIC CAPITAL LETTER EM',
    '\u041d': 'CYRILLIC CAPITAL LETTER EN', '\u041e': 'CYRILLIC CAPITAL LETTER O', '\u0420': 'CYRILLIC CAPITAL LETTER ER',
    '\u0421': 'CYRILLIC CAPITAL LETTER ES', '\u0422': 'CYRILLIC CAPITAL LETTER TE', '\u0425': 'CYRILLIC CAPITAL LETTER HA',
    '\u03bf': 'GREEK SMALL LETTER OMICRON', '\u03b1': 'GREEK SMALL LETTER ALPHA', '\u0391': 'GREEK CAPITAL LETTER ALPHA',
    '\u0392': 'GREEK CAPITAL LETTER BETA', '\u0395': 'GREEK CAPITAL LETTER EPSILON', '\u039f': 'GREEK CAPITAL LETTER OMICRON',
    '\u03a1': 'GREEK CAPITAL LETTER RHO', '\u03a4': 'GREEK CAPITAL LETTER TAU', '\u0399': 'GREEK CAPITAL LETTER IOTA'
};

/** `U+0430 CYRILLIC SMALL LETTER A`, or `U+202E` for a character without a listed name. */
export function codePointName(character: string): string {
    const code = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    const name = LOOKALIKE_NAMES[character];
    return name ? `${code} ${name}` : code;
}

/** An unexpected character is named by its code point, so that a look-alike letter (Cyrillic 'а' for 'a') can be told apart. */
export class TitraLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number): string {
        const character = String.fromCodePoint(fullText.codePointAt(startOffset) ?? 0);
        const lookalike = LOOKALIKE_NAMES[character] ? '; it looks like a Latin letter but is not one: retype it' : '';
        const shown = /[\p{L}\p{N}\p{P}\p{S}]/u.test(character) ? `'${character}' ` : '';
        return `Unexpected character ${shown}(${codePointName(character)})${lookalike}.`;
    }
}

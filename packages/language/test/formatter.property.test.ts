// Formatter properties (fast-check, fixed seed): whitespace changes do not change the canonical layout; formatting is idempotent and keeps comments and meaning.
import fc from 'fast-check';
import type { AstNode } from 'langium';
import { describe, expect, test } from 'vitest';
import { formatTitraText } from '../src/lsp/formatter.js';
import { exampleFiles, parseOnly, services } from '#test-support/language-services.js';

const RUNS = { seed: 42, numRuns: 100 };
const examples = exampleFiles();
const examplePaths = Object.keys(examples).sort();

/** Tokens after or before which whitespace may be left out without changing how the text lexes. */
const PUNCTUATION = new Set([',', ';', ':', '(', ')', '{', '}']);

interface Item {
    image: string;
    offset: number;
    comment: boolean;
}

/** Tokens and comments of a text in order (whitespace is what lies between them). */
function itemsOf(text: string): Item[] {
    const lexed = services.Titra.parser.Lexer.tokenize(text);
    return [
        ...lexed.tokens.map((t) => ({ image: t.image, offset: t.startOffset, comment: false })),
        ...lexed.hidden.filter((t) => t.image.startsWith('/')).map((t) => ({ image: t.image, offset: t.startOffset, comment: true }))
    ].sort((a, b) => a.offset - b.offset);
}

/** A small deterministic generator, seeded by fast-check, for the many whitespace choices of one text. */
function random(seed: number): (n: number) => number {
    let state = seed >>> 0;
    return (n) => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return (((t ^ (t >>> 14)) >>> 0) % n);
    };
}

function blanks(next: (n: number) => number, min: number): string {
    let out = '';
    for (let i = 0, count = min + next(4); i < count; i++) out += next(3) === 0 ? '\t' : ' ';
    return out;
}

function lineBreaks(next: (n: number) => number, count: number): string {
    let out = blanks(next, 0);
    for (let i = 0; i < count; i++) out += (next(2) === 0 ? '\r\n' : '\n') + blanks(next, 0);
    return out;
}

/**
 * Rewrites the whitespace between every two items of `text`. With `keepShape`, a gap keeps its shape: no line
 * break, one, or a blank line (two or three breaks); without it, any gap may get or lose line breaks.
 */
function perturb(text: string, seed: number, keepShape: boolean): string {
    const next = random(seed);
    const items = itemsOf(text);
    let out = lineBreaks(next, next(3));
    items.forEach((item, index) => {
        out += item.image;
        const following = items[index + 1];
        if (!following) return;
        const breaks = text.slice(item.offset + item.image.length, following.offset).match(/\r\n|\r|\n/g)?.length ?? 0;
        const shape = keepShape ? breaks : next(3) === 0 ? 1 + next(2) : 0;
        const needsBreak = item.comment && item.image.startsWith('//');
        const mayTouch = !item.comment && !following.comment && (PUNCTUATION.has(item.image) || PUNCTUATION.has(following.image)
            || (keepShape && breaks === 0 && item.offset + item.image.length === following.offset));
        if (shape === 0 && !needsBreak) out += blanks(next, mayTouch ? 0 : 1);
        else out += lineBreaks(next, shape >= 2 ? 2 + next(2) : Math.max(shape, 1));
    });
    return out + lineBreaks(next, next(3));
}

function format(text: string): string {
    const result = formatTitraText(services.Titra, text);
    if (!result.ok) throw new Error(`syntax error at ${result.error.line}:${result.error.column}: ${result.error.message}`);
    return result.text;
}

/** The comments of a text, as the formatter is allowed to write them (LF line ends, no trailing blanks on `//`). */
function comments(text: string): string[] {
    return itemsOf(text).filter((i) => i.comment)
        .map((i) => (i.image.startsWith('//') ? i.image.trimEnd() : i.image.replace(/\r\n?/g, '\n'))).sort();
}

/** The AST of a text as JSON: values and cross-reference texts, without CST, containers or documents. */
function astDump(text: string): string {
    const result = parseOnly(text);
    expect(result.lexerErrors).toEqual([]);
    expect(result.parserErrors).toEqual([]);
    return JSON.stringify(result.value as AstNode, (key, value: unknown) => {
        if (value !== null && typeof value === 'object' && '$refText' in value) return (value as { $refText: string }).$refText;
        return key.startsWith('$') && key !== '$type' ? undefined : value;
    });
}

const canonical = new Map(examplePaths.map((path) => [path, format(examples[path])]));
const meaning = new Map(examplePaths.map((path) => [path, astDump(examples[path])]));
const cases = fc.record({ path: fc.constantFrom(...examplePaths), seed: fc.noShrink(fc.integer()) });

describe('formatter properties over the examples', () => {
    test('whitespace changes that keep line breaks and blank lines give the same canonical text', () => {
        fc.assert(fc.property(cases, ({ path, seed }) => {
            const perturbed = perturb(examples[path], seed, true);
            expect(format(perturbed)).toBe(canonical.get(path));
        }), RUNS);
    });

    test('after any whitespace change, formatting is idempotent and keeps the comments and the AST', () => {
        fc.assert(fc.property(cases, ({ path, seed }) => {
            const perturbed = perturb(examples[path], seed, false);
            const once = format(perturbed);
            expect(format(once)).toBe(once);
            expect(comments(once)).toEqual(comments(examples[path]));
            expect(astDump(once)).toBe(meaning.get(path));
        }), RUNS);
    });
});

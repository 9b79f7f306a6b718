// Hostile text in a protocol: conditions nested beyond the limits, look-alike letters, hidden control and text-direction characters, and their quick fix.
import { clearDocuments, testCodeAction } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { NESTING_LIMITS } from '../src/grammar/titra-lexer.js';
import { oneLine } from '../src/orderset/text/lines.js';
import { Codes } from '../src/validation/codes.js';
import { buildOne, diagnosticsWithCode, lineOfText, parseOnly, protocolText, services } from '#test-support/language-services.js';

afterEach(() => clearDocuments(services.shared));

/** A protocol whose only member is a hold rule on `condition`. */
const withHold = (condition: string) => protocolText(`  hold {\n    when ${condition} resume when resolved\n  }`);

const tooDeep = (text: string) => parseOnly(text).lexerErrors.filter((e) => e.message.startsWith('This condition is too deeply nested'));

describe('nesting limits', () => {
    test.each([
        ['parentheses', (n: number) => `${'('.repeat(n)}active-infection${')'.repeat(n)}`],
        ["'not'", (n: number) => `${'not '.repeat(n)}active-infection`],
        ["parentheses and 'not' together", (n: number) => `${'not ('.repeat(n / 2)}active-infection${')'.repeat(n / 2)}`]
    ])('%s: %i levels parse, one more is refused at the token beyond the limit', (_, nest) => {
        expect(tooDeep(withHold(nest(NESTING_LIMITS.depth)))).toEqual([]);
        const text = withHold(nest(NESTING_LIMITS.depth + 2));
        const [error] = tooDeep(text);
        expect(error?.line).toBe(lineOfText(text, 'when'));
        expect(parseOnly(text).lexerErrors).toHaveLength(1);
    });

    test(`${NESTING_LIMITS.operators} 'and'/'or' operators parse, one more is refused`, () => {
        const chain = (n: number) => Array(n + 1).fill('active-infection').join(' and ');
        expect(tooDeep(withHold(chain(NESTING_LIMITS.operators)))).toEqual([]);
        expect(tooDeep(withHold(chain(NESTING_LIMITS.operators + 1)))).toHaveLength(1);
    });

    test('the counts start again with each condition', () => {
        const rules = Array(40).fill(`    when ${'('.repeat(20)}active-infection${')'.repeat(20)} and active-infection resume when resolved`).join('\n');
        expect(tooDeep(protocolText(`  hold {\n${rules}\n  }`))).toEqual([]);
    });
});

describe('look-alike letters', () => {
    test('a Cyrillic letter in a name is named by code point and Unicode name', () => {
        const [error] = parseOnly(protocolText('  hold {\n    when \u0430ctive-infection resume when resolved\n  }')).lexerErrors;
        expect(error.message).toBe("Unexpected character '\u0430' (U+0430 CYRILLIC SMALL LETTER A); it looks like a Latin letter but is not one: retype it.");
    });
});

describe(Codes.hiddenCharacter, () => {
    const owned = (owner: string) => protocolText(`  owner "${owner}"`);

    test.each([
        ['U+202E', '\u202e'], ['U+2066', '\u2066'], ['U+200F', '\u200f'], ['U+0007', '\u0007'], ['U+001B', '\u001b'], ['U+007F', '\u007f'], ['U+0085', '\u0085']
    ])('%s inside a string is an error on exactly that character', async (name, character) => {
        const text = owned(`Pharmacy${character}Committee`);
        const [finding, ...more] = diagnosticsWithCode(await buildOne(text), Codes.hiddenCharacter);
        expect(more).toEqual([]);
        expect(finding.severity).toBe(1);
        expect(finding.message).toContain(`(${name})`);
        const line = lineOfText(text, character) - 1;
        const character0 = text.split('\n')[line].indexOf(character);
        expect(finding.range).toEqual({ start: { line, character: character0 }, end: { line, character: character0 + 1 } });
    });

    test('inside a comment too; tab and line breaks in a string are not findings', async () => {
        const text = protocolText(`  // note \u202e reversed\n  owner "Pharmacy\tand\nCommittee"`);
        const findings = diagnosticsWithCode(await buildOne(text), Codes.hiddenCharacter);
        expect(findings.map((d) => d.range.start.line + 1)).toEqual([lineOfText(text, '\u202e')]);
    });

    test('the quick fix removes the characters', async () => {
        const result = await testCodeAction(services.Titra)(owned('Pharmacy\u202e\u2066 Committee'), Codes.hiddenCharacter, owned('Pharmacy Committee'));
        expect(result.action?.title).toBe('Remove the invisible characters');
    });
});

describe('oneLine', () => {
    test('folds line breaks and controls and shows text-direction characters', () => {
        expect(oneLine('a\nforged: line\u0007\u009bb\u202ec')).toBe('a forged: line b<U+202E>c');
    });
});

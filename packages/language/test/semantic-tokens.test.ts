// Semantic tokens: declarations and their references by kind, numbers and units, drugs, routes, inputs, keywords.
import { expectSemanticToken, highlightHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { exampleFiles, services } from '#test-support/language-services.js';

const highlight = highlightHelper(services.Titra);
const provider = services.Titra.lsp.SemanticTokenProvider!;

/** Every token of the protocol below, with the ranges marked by `<|...|>` in order. */
const marked = `<|protocol|> <|P|> "P" {
  version <|1.0.0|>
  agent <|teclistamab|> route <|subcut|>
  requires <|weight|>, ANC
  flag <|high-risk|> "High risk"
  premedication <|std|> { <|dexamethasone|> 16 <|mg|> PO give 1 to 3 <|hours|> before dose }
  step-up {
    dose <|SUD1|> <|0.06|> <|mg/kg|> day 1 premedicate <|std|>
    dose SUD2 0.3 mg/kg day 4 window 2 to 7 days after <|SUD1|>
  }
  maintenance { phase <|QW|> 1.5 mg/kg every 1 week after SUD2 when flag <|high-risk|> }
  hold { when <|ANC|> <|<=|> 0.5 <|x10^9/L|> resume when resolved }
  crs-panel <|c|> { grade 1: tocilizumab 8 mg/kg <|IV|> max 800 mg per dose; <|"observe"|> }
  crs-panel uses <|c|>
}`;

const expected: Array<[string, SemanticTokenTypes]> = [
    ['protocol keyword', SemanticTokenTypes.keyword],
    ['protocol name', SemanticTokenTypes.namespace],
    ['version', SemanticTokenTypes.number],
    ['agent', SemanticTokenTypes.function],
    ['route of the agent', SemanticTokenTypes.modifier],
    ['required input', SemanticTokenTypes.parameter],
    ['flag declaration', SemanticTokenTypes.enumMember],
    ['premedication set declaration', SemanticTokenTypes.struct],
    ['drug name', SemanticTokenTypes.function],
    ['dose unit', SemanticTokenTypes.type],
    ['time unit', SemanticTokenTypes.type],
    ['dose declaration', SemanticTokenTypes.variable],
    ['dose amount', SemanticTokenTypes.number],
    ['compound dose unit', SemanticTokenTypes.type],
    ['premedication set reference', SemanticTokenTypes.struct],
    ['dose reference', SemanticTokenTypes.variable],
    ['phase declaration', SemanticTokenTypes.property],
    ['flag reference', SemanticTokenTypes.enumMember],
    ['observation', SemanticTokenTypes.parameter],
    ['comparator', SemanticTokenTypes.operator],
    ['threshold unit', SemanticTokenTypes.type],
    ['panel declaration', SemanticTokenTypes.class],
    ['route of an order', SemanticTokenTypes.modifier],
    ['instruction', SemanticTokenTypes.string],
    ['panel reference', SemanticTokenTypes.class]
];

describe('semantic tokens', async () => {
    const tokens = await highlight(marked);

    test('every marked range is found', () => {
        expect(tokens.ranges).toHaveLength(expected.length);
    });

    test.each(expected.map(([what, type], rangeIndex) => ({ what, type, rangeIndex })))('$what is a $type token', ({ type, rangeIndex }) => {
        expectSemanticToken(tokens, { rangeIndex, tokenType: type });
    });

    test('declarations carry the declaration modifier and references do not', () => {
        const declaration = provider.tokenModifiers[SemanticTokenModifiers.declaration];
        const modifiersOf = (rangeIndex: number) => tokens.tokens.find((t) => t.offset === tokens.ranges[rangeIndex][0])!.tokenModifiers;
        expect(modifiersOf(11) & declaration).toBe(declaration); // dose SUD1
        expect(modifiersOf(15) & declaration).toBe(0); // after SUD1
        expect(modifiersOf(21) & declaration).toBe(declaration); // crs-panel c
        expect(modifiersOf(24) & declaration).toBe(0); // uses c
    });

    test('an unresolved reference is still highlighted, as a variable', async () => {
        const result = await highlight('protocol P "P" {\n  step-up {\n    dose A 1 mg day 1 premedicate <|missing|>\n  }\n}');
        expectSemanticToken(result, { tokenType: SemanticTokenTypes.variable });
    });

    test('a document with syntax errors still gets tokens for what parsed', async () => {
        const result = await highlight('protocol P "P" {\n  agent <|teclistamab|> route\n  step-up { dose ??? }\n');
        expectSemanticToken(result, { tokenType: SemanticTokenTypes.function });
    });

    test('the tokens of every example are disjoint, with units among them', async () => {
        for (const [path, text] of Object.entries(exampleFiles())) {
            const { tokens: found } = await highlight(text);
            const sorted = [...found].sort((a, b) => a.offset - b.offset);
            for (let i = 1; i < sorted.length; i++) {
                expect(sorted[i].offset, `${path}: '${sorted[i - 1].text}' overlaps '${sorted[i].text}'`).toBeGreaterThanOrEqual(sorted[i - 1].offset + sorted[i - 1].text.length);
            }
            expect(found.filter((t) => t.tokenType === SemanticTokenTypes.type).length, path).toBeGreaterThan(0);
        }
    });

    test('every line prefix of an example gets tokens without an error', async () => {
        const lines = exampleFiles()['teclistamab-outpatient.titra'].split('\n');
        for (let i = 1; i <= lines.length; i++) {
            await expect(highlight(lines.slice(0, i).join('\n'))).resolves.toBeDefined();
        }
    });
});

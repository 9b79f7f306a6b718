// Suppression comments: a code silenced on its line, the line below or the whole file; reasons required; unused ones reported.
import type { LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import { Codes } from '../src/validation/codes.js';
import { buildOne, codesOf, lineOfText, linesOf, protocolText, services } from '#test-support/language-services.js';

const suppressedFindingsOf = (document: LangiumDocument) => services.Titra.validation.SuppressedFindings.of(document);

const ORDER = 'dexamethasone 16.0 mg PO';

/** A protocol whose supportive care has one order with a trailing zero (safety/trailing-zero); `before` and `after` go around it. */
function withTrailingZero(after = '', before = ''): string {
    return protocolText(`  supportive-care {\n${before}    ${ORDER} throughout${after}\n  }`);
}

describe('titra-ignore on a line', () => {
    test('failing: without a suppression the finding is reported', async () => {
        const text = withTrailingZero();
        expect(linesOf(await buildOne(text), Codes.trailingZero)).toEqual([lineOfText(text, ORDER)]);
    });

    test('passing: a comment at the end of the line silences that code there, and records the finding with its reason', async () => {
        const document = await buildOne(withTrailingZero(' // titra-ignore safety/trailing-zero: dose as printed by the pharmacy system'));
        expect(codesOf(document)).toEqual([]);
        expect(suppressedFindingsOf(document).map((f) => [f.code, f.reason])).toEqual([
            [Codes.trailingZero, 'dose as printed by the pharmacy system']
        ]);
    });

    test('passing: a comment alone on the line above silences the next line', async () => {
        const document = await buildOne(withTrailingZero('', '    // titra-ignore safety/trailing-zero: dose as printed\n'));
        expect(codesOf(document)).toEqual([]);
        expect(suppressedFindingsOf(document)).toHaveLength(1);
    });

    test('failing: another code, or a comment two lines above, silences nothing and is reported as unused', async () => {
        const other = withTrailingZero(' // titra-ignore safety/naked-decimal: not this one');
        const otherDocument = await buildOne(other);
        expect(linesOf(otherDocument, Codes.trailingZero)).toEqual([lineOfText(other, ORDER)]);
        expect(linesOf(otherDocument, Codes.suppressionUnused)).toEqual([lineOfText(other, ORDER)]);
        expect(otherDocument.diagnostics?.find((d) => d.code === Codes.suppressionUnused)?.severity).toBe(2);

        const far = withTrailingZero('', '    // titra-ignore safety/trailing-zero: too far away\n\n');
        const farDocument = await buildOne(far);
        expect(linesOf(farDocument, Codes.trailingZero)).toEqual([lineOfText(far, ORDER)]);
        expect(linesOf(farDocument, Codes.suppressionUnused)).toEqual([lineOfText(far, 'titra-ignore')]);
    });

    test('a comment after code on the line above does not reach the next line', async () => {
        const text = protocolText(`  supportive-care { // titra-ignore safety/trailing-zero: only this line\n    ${ORDER} throughout\n  }`);
        const document = await buildOne(text);
        expect(linesOf(document, Codes.trailingZero)).toEqual([lineOfText(text, ORDER)]);
        expect(linesOf(document, Codes.suppressionUnused)).toEqual([lineOfText(text, 'titra-ignore')]);
    });
});

describe('titra-ignore-file', () => {
    test('passing: silences the code anywhere in the file', async () => {
        const text = `// titra-ignore-file safety/trailing-zero: doses copied from the 2019 order set, under review\n${protocolText(`  supportive-care {\n    ${ORDER} throughout\n    acyclovir 400.0 mg PO 2 times daily throughout\n  }`)}`;
        const document = await buildOne(text);
        expect(codesOf(document)).toEqual([]);
        expect(suppressedFindingsOf(document).map((f) => f.code)).toEqual([Codes.trailingZero, Codes.trailingZero]);
    });

    test('failing: a file-wide suppression of a code that does not occur is unused', async () => {
        const text = `${protocolText('')}// titra-ignore-file safety/naked-decimal: none here\n`;
        expect(linesOf(await buildOne(text), Codes.suppressionUnused)).toEqual([lineOfText(text, 'titra-ignore-file')]);
    });
});

describe(Codes.suppressionMissingReason, () => {
    test('failing: a suppression without a reason is an error and silences nothing', async () => {
        for (const comment of [' // titra-ignore safety/trailing-zero', ' // titra-ignore safety/trailing-zero:', ' // titra-ignore']) {
            const text = withTrailingZero(comment);
            const document = await buildOne(text);
            expect(linesOf(document, Codes.suppressionMissingReason)).toEqual([lineOfText(text, ORDER)]);
            expect(document.diagnostics?.find((d) => d.code === Codes.suppressionMissingReason)?.severity).toBe(1);
            expect(linesOf(document, Codes.trailingZero)).toEqual([lineOfText(text, ORDER)]);
            expect(suppressedFindingsOf(document)).toEqual([]);
        }
    });

    test('passing: with a reason', async () => {
        const document = await buildOne(withTrailingZero(' // titra-ignore safety/trailing-zero: as printed'));
        expect(codesOf(document)).not.toContain(Codes.suppressionMissingReason);
    });

    test('text that mentions titra-ignore inside a string or another comment is no suppression', async () => {
        const text = protocolText(`  supportive-care {\n    "see titra-ignore docs" throughout // why titra-ignore exists\n  }`);
        expect(codesOf(await buildOne(text))).toEqual([]);
    });
});

// Suppression comments: a code silenced on its line, the line below or the whole file; reasons required; unused ones reported;
// never-suppressible findings stay, and the comment gets a finding of its own.
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { describe, expect, test } from 'vitest';
import { Codes } from '../src/validation/codes.js';
import { neverSuppressible } from '../src/validation/never-suppressible.js';
import { buildOne, codesOf, diagnosticsWithCode, lineOfText, linesOf, protocolText, services } from '#test-support/language-services.js';

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

describe(Codes.suppressionNotAllowed, () => {
    /** A teclistamab step-up whose dose `TD1` is `td1`, with `comment` at the end of its line. */
    const withStepUp = (td1: string, comment = '') =>
        protocolText(`  requires weight\n  step-up {\n    dose SUD1 0.06 mg/kg day 1\n    dose SUD2 0.3 mg/kg day 4\n    dose TD1 ${td1} day 7${comment}\n  }`);
    const severityOf = (document: LangiumDocument, code: string) => document.diagnostics?.find((d) => d.code === code)?.severity;

    test('failing: a 10-fold dose with a suppression comment still reports its error, and the comment gets one of its own', async () => {
        const text = withStepUp('15 mg/kg', ' // titra-ignore reference/dose-differs: the committee wants 15 mg/kg');
        const document = await buildOne(text);
        const line = lineOfText(text, 'dose TD1');
        expect(linesOf(document, Codes.referenceDoseDiffers)).toEqual([line]);
        expect(severityOf(document, Codes.referenceDoseDiffers)).toBe(1);
        expect(linesOf(document, Codes.suppressionNotAllowed)).toEqual([line]);
        expect(severityOf(document, Codes.suppressionNotAllowed)).toBe(1);
        expect(diagnosticsWithCode(document, Codes.suppressionNotAllowed)[0].message).toBe(
            `'reference/dose-differs' on line ${line} cannot be suppressed: a dose 10-fold or more from its reference, or a dose of another kind (mg for mg/kg) is never silenced. Fix the protocol, or, if the reference is wrong, correct the knowledge base with its source.`
        );
        expect(codesOf(document)).not.toContain(Codes.suppressionUnused);
        expect(suppressedFindingsOf(document)).toEqual([]);
    });

    test('failing: a unit-kind swap (mg for mg/kg) is not silenced either', async () => {
        const text = withStepUp('1.5 mg', ' // titra-ignore reference/dose-differs: flat dose');
        const document = await buildOne(text);
        expect(linesOf(document, Codes.referenceDoseDiffers)).toEqual([lineOfText(text, 'dose TD1')]);
        expect(linesOf(document, Codes.suppressionNotAllowed)).toEqual([lineOfText(text, 'dose TD1')]);
    });

    test('passing: a dose difference below 10-fold is silenced as before', async () => {
        const document = await buildOne(withStepUp('2 mg/kg', ' // titra-ignore reference/dose-differs: institutional dose'));
        expect(codesOf(document)).not.toContain(Codes.referenceDoseDiffers);
        expect(codesOf(document)).not.toContain(Codes.suppressionNotAllowed);
        expect(suppressedFindingsOf(document).map((f) => [f.code, f.suppression])).toEqual([[Codes.referenceDoseDiffers, 'line']]);
    });

    test('failing: a Joint Commission "Do Not Use" abbreviation is not silenced, on its line or in the whole file', async () => {
        const order = 'dexamethasone 4 mg PO qd throughout';
        const online = protocolText(`  supportive-care {\n    ${order} // titra-ignore safety/do-not-use-abbreviation: as the order system prints it\n  }`);
        const onlineDocument = await buildOne(online);
        expect(linesOf(onlineDocument, Codes.unsafeAbbreviation)).toEqual([lineOfText(online, order)]);
        expect(linesOf(onlineDocument, Codes.suppressionNotAllowed)).toEqual([lineOfText(online, order)]);
        expect(diagnosticsWithCode(onlineDocument, Codes.suppressionNotAllowed)[0].message).toContain('a Joint Commission "Do Not Use" abbreviation is never silenced. Write it out as the finding says.');

        const fileWide = `// titra-ignore-file safety/do-not-use-abbreviation: copied from the old order set\n${protocolText(`  supportive-care {\n    ${order}\n  }`)}`;
        const fileDocument = await buildOne(fileWide);
        expect(linesOf(fileDocument, Codes.unsafeAbbreviation)).toEqual([lineOfText(fileWide, order)]);
        expect(linesOf(fileDocument, Codes.suppressionNotAllowed)).toEqual([1]);
        expect(suppressedFindingsOf(fileDocument)).toEqual([]);
    });

    test('passing: the same file-wide comment still silences the suppressible findings of another code', async () => {
        const text = `// titra-ignore-file safety/trailing-zero: doses copied from the 2019 order set\n${protocolText(`  supportive-care {\n    ${ORDER} throughout\n  }`)}`;
        const document = await buildOne(text);
        expect(codesOf(document)).toEqual([]);
        expect(suppressedFindingsOf(document).map((f) => [f.code, f.suppression])).toEqual([[Codes.trailingZero, 'file']]);
    });
});

describe('the never-suppressible policy', () => {
    const finding = (data?: object): Diagnostic => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'm', ...(data ? { data } : {}) });

    test('grave findings of any code, "Do Not Use" abbreviations and unknown agents are never suppressible', () => {
        expect(neverSuppressible('dose/above-maximum', finding({ code: 'dose/above-maximum', grave: true }))?.what).toContain('10-fold');
        expect(neverSuppressible(Codes.unsafeAbbreviation, finding({ code: Codes.unsafeAbbreviation }))?.what).toContain('Do Not Use');
        expect(neverSuppressible('agent/unknown', finding())?.what).toBe('an agent Titra does not know');
    });

    test('other findings are suppressible', () => {
        expect(neverSuppressible(Codes.referenceDoseDiffers, finding({ code: Codes.referenceDoseDiffers, expected: '1.5 mg/kg' }))).toBeUndefined();
        expect(neverSuppressible(Codes.trailingZero, finding({ code: Codes.trailingZero, grave: false }))).toBeUndefined();
    });
});

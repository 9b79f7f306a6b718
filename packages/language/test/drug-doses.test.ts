// Drug dose checks: every order of a drug other than the agent against the dose reference, a failing and a passing case per code.
import { clearDocuments, testCodeAction } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { Codes } from '../src/validation/codes.js';
import { buildFiles, codesOf, diagnosticsWithCode, exampleFiles, lineOfText, protocolText, services } from '#test-support/language-services.js';

const examples = exampleFiles();
const shared = Object.fromEntries(Object.entries(examples).filter(([path]) => path.startsWith('shared/')));
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' } as const;
const DRUG_DOSE_CODES = [
    Codes.drugDoseAboveMaximum, Codes.drugDoseTooFrequent, Codes.drugDoseMissingCap, Codes.drugDoseBelowUsual,
    Codes.drugDoseNotComparable, Codes.drugDoseNoReference
];

afterEach(() => clearDocuments(services.shared));

/** A protocol (teclistamab, weight required) with one supportive-care order. */
function withOrder(order: string): string {
    return protocolText(`  requires weight, IgG\n  supportive-care {\n    ${order}\n  }`);
}

/** Replaces `from` (which must occur) by `to` in an example or shared library text. */
function mutated(path: string, from: string, to: string): string {
    if (!examples[path].includes(from)) throw new Error(`'${from}' is not in ${path}`);
    return examples[path].replace(from, to);
}

interface Finding { line: number; severity: string; message: string; data: { grave?: boolean } }

async function findings(text: string, code: string, path = 'p.titra'): Promise<Finding[]> {
    const documents = await buildFiles({ ...shared, [path]: text });
    return diagnosticsWithCode(documents.get(path)!, code).map((d) => ({
        line: d.range.start.line + 1, severity: SEVERITY[(d.severity ?? 1) as 1 | 2 | 3 | 4], message: String(d.message), data: d.data as { grave?: boolean }
    }));
}

/** Expects exactly one finding of `code`, with this severity, on the line of `needle`; returns it. */
async function expectFinding(text: string, code: string, severity: string, needle: string, path = 'p.titra'): Promise<Finding> {
    const found = await findings(text, code, path);
    expect(found.map((f) => [f.line, f.severity])).toEqual([[lineOfText(text, needle), severity]]);
    return found[0];
}

async function expectNone(text: string, code: string, path = 'p.titra'): Promise<void> {
    expect(await findings(text, code, path)).toEqual([]);
}

describe(Codes.drugDoseAboveMaximum, () => {
    test('dexamethasone 100 mg every 8 hours in an ICANS panel: an error naming the drug, the dose, the reference value and its source', async () => {
        const text = mutated('shared/imwg-icans.titra', 'dexamethasone 10 mg IV every 12 hours', 'dexamethasone 100 mg IV every 8 hours');
        const finding = await expectFinding(text, Codes.drugDoseAboveMaximum, 'error', 'grade 2 (ICE 3 to 6)', 'shared/imwg-icans.titra');
        expect(finding.message).toContain('dexamethasone 100 mg');
        expect(finding.message).toContain('300 mg per 24 hours (3 doses)');
        expect(finding.message).toContain('the highest daily dose in the reference (ICANS grade 2, no improvement after 48 h (IMWG panel 2)), 80 mg (source: IMWG 2024 panel 2)');
        expect(finding.data.grave).toBeUndefined();
    });

    test('premedication dexamethasone 200 mg: an error, not only the label warning', async () => {
        const text = mutated('teclistamab-inpatient.titra', 'dexamethasone 16 mg PO or IV', 'dexamethasone 200 mg PO or IV');
        await expectFinding(text, Codes.drugDoseAboveMaximum, 'error', 'dexamethasone 200 mg', 'teclistamab-inpatient.titra');
    });

    test('10-fold or more is grave (no suppression may silence it), also against an unconfirmed value', async () => {
        const grave = await expectFinding(withOrder('acetaminophen 10000 mg PO once'), Codes.drugDoseAboveMaximum, 'error', 'acetaminophen');
        expect(grave.data.grave).toBe(true);
        expect(grave.message).toContain('(10-fold)');
        const obinutuzumab = await expectFinding(withOrder('obinutuzumab 10000 mg IV'), Codes.drugDoseAboveMaximum, 'error', 'obinutuzumab');
        expect(obinutuzumab.data.grave).toBe(true);
        const perKg = await expectFinding(withOrder('methylprednisolone 2 g/kg IV every 12 hours'), Codes.drugDoseAboveMaximum, 'error', 'methylprednisolone');
        expect(perKg.message).toContain('(1000-fold)');
    });

    test('above an unconfirmed maximum only: a warning marked (unconfirmed); a confirmed daily maximum keeps it an error', async () => {
        const unconfirmed = await expectFinding(withOrder('acetaminophen 1500 mg PO once'), Codes.drugDoseAboveMaximum, 'warning', 'acetaminophen');
        expect(unconfirmed.message).toContain('1000 mg');
        expect(unconfirmed.message).toContain('(unconfirmed)');
        const daily = await expectFinding(withOrder('acetaminophen 2000 mg PO every 6 hours'), Codes.drugDoseAboveMaximum, 'error', 'acetaminophen');
        expect(daily.message).toContain('8000 mg per 24 hours (4 doses) is above the maximum per day, 4000 mg');
    });

    test('per day from the frequency: every 2 hours, 3 times daily, a count per 24 hours', async () => {
        expect((await expectFinding(withOrder('acetaminophen 1000 mg PO every 2 hours'), Codes.drugDoseAboveMaximum, 'error', 'acetaminophen')).message)
            .toContain('12000 mg per 24 hours (12 doses)');
        expect((await expectFinding(withOrder('levetiracetam 1500 mg IV 3 times daily'), Codes.drugDoseAboveMaximum, 'error', 'levetiracetam')).message)
            .toContain('4500 mg per 24 hours (3 doses) is above the maximum per day, 3000 mg');
        expect((await expectFinding(withOrder('diphenhydramine 50 mg PO every 2 hours as needed max 10 doses per 24 hours'), Codes.drugDoseAboveMaximum, 'error', 'diphenhydramine')).message)
            .toContain('500 mg per 24 hours (10 doses)');
    });

    test('per kg per day; a written per-dose cap above the maximum; combination strengths by component', async () => {
        await expectFinding(withOrder('anakinra 10 mg/kg subcut daily'), Codes.drugDoseAboveMaximum, 'error', 'anakinra');
        await expectFinding(withOrder('tocilizumab 8 mg/kg IV max 1000 mg per dose'), Codes.drugDoseAboveMaximum, 'error', 'tocilizumab');
        const combination = await expectFinding(withOrder('Bactrim 8000/1600 mg PO daily'), Codes.drugDoseAboveMaximum, 'error', 'Bactrim');
        expect(combination.message).toContain('trimethoprim 1600 mg');
    });

    test('passing: the examples; a cap per 24 hours that binds; another unit of the same kind; a combination in either order', async () => {
        for (const [path, text] of Object.entries(examples)) await expectNone(text, Codes.drugDoseAboveMaximum, path);
        await expectNone(withOrder('acetaminophen 1000 mg PO every 4 hours as needed max 4000 mg per 24 hours'), Codes.drugDoseAboveMaximum);
        await expectNone(withOrder('methylprednisolone 1 g IV daily'), Codes.drugDoseAboveMaximum);
        await expectNone(withOrder('trimethoprim-sulfamethoxazole 800/160 mg PO daily'), Codes.drugDoseAboveMaximum);
        await expectNone(withOrder('TMP-SMX 160/800 mg PO daily'), Codes.drugDoseAboveMaximum);
    });
});

describe(Codes.drugDoseTooFrequent, () => {
    test('tocilizumab 4 doses per 24 hours or every 4 hours: errors citing IMWG 2024; acetaminophen every 2 hours', async () => {
        const crs = 'shared/imwg-crs.titra';
        const count = await expectFinding(mutated(crs, 'per dose max 3 doses per 24 hours; oxygen', 'per dose max 4 doses per 24 hours; oxygen'), Codes.drugDoseTooFrequent, 'error', 'grade 2:', crs);
        expect(count.message).toContain('IMWG 2024');
        await expectFinding(withOrder('tocilizumab 8 mg/kg IV every 4 hours max 800 mg per dose'), Codes.drugDoseTooFrequent, 'error', 'every 4 hours');
        const interval = await expectFinding(withOrder('acetaminophen 650 mg PO every 2 hours'), Codes.drugDoseTooFrequent, 'error', 'acetaminophen');
        expect(interval.message).toContain('minimum interval of 4 hours');
    });

    test('more than 4 tocilizumab doses in total: a warning, the secondary source is unconfirmed', async () => {
        const finding = await expectFinding(withOrder('tocilizumab 8 mg/kg IV max 800 mg per dose max 5 doses total'), Codes.drugDoseTooFrequent, 'warning', 'tocilizumab');
        expect(finding.message).toContain('(unconfirmed)');
    });

    test('passing: max 3 doses per 24 hours; acetaminophen every 4 hours', async () => {
        await expectNone(examples['shared/imwg-crs.titra'], Codes.drugDoseTooFrequent, 'shared/imwg-crs.titra');
        await expectNone(withOrder('acetaminophen 650 mg PO every 4 hours as needed max 6 doses per 24 hours'), Codes.drugDoseTooFrequent);
    });
});

describe(Codes.drugDoseMissingCap, () => {
    const fixes = testCodeAction(services.Titra);

    test('tocilizumab 8 mg/kg without max 800 mg per dose: an error whose quick fix inserts the cap', async () => {
        const finding = await expectFinding(withOrder('tocilizumab 8 mg/kg IV once'), Codes.drugDoseMissingCap, 'error', 'tocilizumab');
        expect(finding.message).toContain("'max 800 mg per dose'");
        const result = await fixes(withOrder('tocilizumab 8 mg/kg IV once'), Codes.drugDoseMissingCap, withOrder('tocilizumab 8 mg/kg IV max 800 mg per dose once'));
        expect(result.action?.title).toBe("Add 'max 800 mg per dose'");
        await fixes(withOrder('tocilizumab 8 mg/kg once'), Codes.drugDoseMissingCap, withOrder('tocilizumab 8 mg/kg max 800 mg per dose once'));
    });

    test('an unconfirmed cap: a warning (acetaminophen 15 mg/kg)', async () => {
        await expectFinding(withOrder('acetaminophen 15 mg/kg IV every 6 hours'), Codes.drugDoseMissingCap, 'warning', 'acetaminophen');
    });

    test('passing: with its cap; a flat dose; a drug without a per-dose cap', async () => {
        await expectNone(withOrder('tocilizumab 8 mg/kg IV max 800 mg per dose once'), Codes.drugDoseMissingCap);
        await expectNone(withOrder('tocilizumab 800 mg IV once'), Codes.drugDoseMissingCap);
        await expectNone(withOrder('immune globulin 400 mg/kg IV if IgG < 400 mg/dL'), Codes.drugDoseMissingCap);
    });
});

describe(Codes.drugDoseBelowUsual, () => {
    test('below the lowest reference dose: a warning, information against an unconfirmed dose', async () => {
        const finding = await expectFinding(withOrder('dexamethasone 2 mg PO once'), Codes.drugDoseBelowUsual, 'warning', 'dexamethasone');
        expect(finding.message).toContain('4 mg');
        await expectFinding(withOrder('oxycodone 2 mg PO every 4 hours as needed'), Codes.drugDoseBelowUsual, 'info', 'oxycodone');
    });

    test('passing: within the reference; the lowest dose of the route written', async () => {
        await expectNone(withOrder('dexamethasone 10 mg IV every 12 hours'), Codes.drugDoseBelowUsual);
        await expectNone(withOrder('cyclophosphamide 2 mg/kg PO daily'), Codes.drugDoseBelowUsual);
    });
});

describe(Codes.drugDoseNotComparable, () => {
    test('a weight-based dose of a drug dosed flat: an error; a flat dose of a drug dosed by weight: a warning', async () => {
        const perKg = await expectFinding(withOrder('diphenhydramine 25 mg/kg IV once'), Codes.drugDoseNotComparable, 'error', 'diphenhydramine');
        expect(perKg.message).toContain('(mg)');
        await expectFinding(withOrder('filgrastim 480 mcg subcut daily'), Codes.drugDoseNotComparable, 'warning', 'filgrastim');
        await expectFinding(withOrder('dexamethasone 8/2 mg PO once'), Codes.drugDoseNotComparable, 'warning', 'dexamethasone');
    });

    test('passing: the same kind in another unit (IVIG 0.4 g/kg)', async () => {
        await expectNone(withOrder('immune globulin 0.4 g/kg IV if IgG < 400 mg/dL'), Codes.drugDoseNotComparable);
    });
});

describe(Codes.drugDoseNoReference, () => {
    test('a drug without a dose reference: information, never silence', async () => {
        const finding = await expectFinding(withOrder('ibuprofen 400 mg PO every 6 hours'), Codes.drugDoseNoReference, 'info', 'ibuprofen');
        expect(finding.message).toBe('No dose reference for ibuprofen: Titra cannot check its dose.');
    });

    test('passing: brand names and several-word names resolve (Tylenol, immune globulin, Actemra)', async () => {
        for (const order of ['Tylenol 650 mg PO once', 'immune globulin 400 mg/kg IV if IgG < 400 mg/dL', 'Actemra 8 mg/kg IV max 800 mg per dose once']) {
            await expectNone(withOrder(order), Codes.drugDoseNoReference);
        }
    });
});

describe('the protocol\'s agent', () => {
    test('is left to the label checks: no drug-dose finding for teclistamab or Tecvayli in supportive care', async () => {
        for (const order of ['teclistamab 15 mg/kg subcut', 'Tecvayli 15 mg/kg subcut']) {
            const documents = await buildFiles({ 'p.titra': withOrder(order) });
            expect(codesOf(documents.get('p.titra')!).filter((c) => (DRUG_DOSE_CODES as string[]).includes(c))).toEqual([]);
        }
    });
});

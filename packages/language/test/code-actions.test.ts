// Quick fixes: for every code action, the text before and after (langium/test testCodeAction), and codes without a fix.
import { clearDocuments, testCodeAction } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { Codes } from '../src/validation/codes.js';
import { buildOne, lineOfText, linesOf, services } from '#test-support/language-services.js';

const fixes = testCodeAction(services.Titra);

// The helper's own dispose() does not wait for the removal of its documents; clear them, awaited, after each test.
afterEach(() => clearDocuments(services.shared));

/** A protocol with a version, draft status and the teclistamab agent; `body` follows the agent line. */
function p(body: string, agent = 'agent teclistamab route subcut dose-basis actual-weight'): string {
    return `protocol P "Test" {\n  version 1.0.0\n  status draft\n  ${agent}\n${body}\n}\n`;
}

/** A supportive-care block with one order. */
function care(order: string): string {
    return `  supportive-care {\n    ${order} throughout\n  }`;
}

async function expectFix(before: string, code: string, after: string): Promise<void> {
    const result = await fixes(before, code, after);
    expect(result.action?.title).toBeTruthy();
}

async function expectNoFix(before: string, code: string): Promise<void> {
    const result = await fixes(before, code, undefined);
    expect(result.action).toBeUndefined();
}

describe('numbers', () => {
    test(`${Codes.nakedDecimal}: .5 -> 0.5`, async () => {
        await expectFix(p(care('lorazepam .5 mg PO')), Codes.nakedDecimal, p(care('lorazepam 0.5 mg PO')));
    });

    test(`${Codes.trailingZero}: 16.0 -> 16`, async () => {
        await expectFix(p(care('dexamethasone 16.0 mg PO')), Codes.trailingZero, p(care('dexamethasone 16 mg PO')));
    });
});

describe(Codes.unsafeAbbreviation, () => {
    test('qd -> daily, QOD -> every other day, TIW -> 3 times weekly', async () => {
        await expectFix(p(care('acyclovir 800 mg PO qd')), Codes.unsafeAbbreviation, p(care('acyclovir 800 mg PO daily')));
        await expectFix(p(care('acyclovir 800 mg PO QOD')), Codes.unsafeAbbreviation, p(care('acyclovir 800 mg PO every other day')));
        await expectFix(p(care('acyclovir 800 mg PO TIW')), Codes.unsafeAbbreviation, p(care('acyclovir 800 mg PO 3 times weekly')));
    });

    test('U and IU -> units', async () => {
        await expectFix(p(care('filgrastim 300 U subcut')), Codes.unsafeAbbreviation, p(care('filgrastim 300 units subcut')));
        await expectFix(p(care('filgrastim 300 IU subcut')), Codes.unsafeAbbreviation, p(care('filgrastim 300 units subcut')));
    });

    test('HS has no quick fix: the time of day is a clinical choice', async () => {
        await expectNoFix(p(care('acyclovir 800 mg PO HS')), Codes.unsafeAbbreviation);
    });
});

describe(Codes.errorProneSpelling, () => {
    test('ug, µg -> mcg (also inside a unit such as ug/kg)', async () => {
        await expectFix(p(care('filgrastim 300 ug subcut')), Codes.errorProneSpelling, p(care('filgrastim 300 mcg subcut')));
        await expectFix(p(care('filgrastim 300 µg subcut')), Codes.errorProneSpelling, p(care('filgrastim 300 mcg subcut')));
        await expectFix(p('  requires weight\n' + care('filgrastim 5 ug/kg subcut')), Codes.errorProneSpelling,
            p('  requires weight\n' + care('filgrastim 5 mcg/kg subcut')));
    });

    test('cc -> mL; mg. -> mg', async () => {
        await expectFix(p(care('sodium chloride 500 cc IV')), Codes.errorProneSpelling, p(care('sodium chloride 500 mL IV')));
        await expectFix(p(care('dexamethasone 8 mg. PO')), Codes.errorProneSpelling, p(care('dexamethasone 8 mg PO')));
    });

    test('SC and SQ -> subcut (agent and order routes)', async () => {
        await expectFix(p('', 'agent teclistamab route SC dose-basis actual-weight'), Codes.errorProneSpelling,
            p('', 'agent teclistamab route subcut dose-basis actual-weight'));
        await expectFix(p(care('filgrastim 300 mcg PO or SQ')), Codes.errorProneSpelling, p(care('filgrastim 300 mcg PO or subcut')));
    });
});

describe(`${Codes.errorProneSpelling}: typing habits`, () => {
    test('1,000 -> 1000; po -> PO; iv -> IV; sc -> subcut', async () => {
        await expectFix(p(care('methylprednisolone 1,000 mg IV')), Codes.errorProneSpelling, p(care('methylprednisolone 1000 mg IV')));
        await expectFix(p(care('acyclovir 400 mg po')), Codes.errorProneSpelling, p(care('acyclovir 400 mg PO')));
        await expectFix(p(care('acyclovir 400 mg PO or iv')), Codes.errorProneSpelling, p(care('acyclovir 400 mg PO or IV')));
        await expectFix(p('', 'agent teclistamab route sc dose-basis actual-weight'), Codes.errorProneSpelling,
            p('', 'agent teclistamab route subcut dose-basis actual-weight'));
    });
});

describe('missing required inputs', () => {
    test(`${Codes.doseBasisMissingInput}: adds a requires line after the agent, or the names to the requires line`, async () => {
        await expectFix(p(care('tocilizumab 8 mg/kg IV max 800 mg per dose')), Codes.doseBasisMissingInput,
            `protocol P "Test" {\n  version 1.0.0\n  status draft\n  agent teclistamab route subcut dose-basis actual-weight\n  requires weight\n${care('tocilizumab 8 mg/kg IV max 800 mg per dose')}\n}\n`);
        await expectFix(p('  requires ANC\n' + care('rituximab 375 mg/m2 IV')), Codes.doseBasisMissingInput,
            p('  requires ANC, weight, height\n' + care('rituximab 375 mg/m2 IV')));
    });

    test(`${Codes.observationNotRequired}: adds the observation of a condition`, async () => {
        const hold = '  hold {\n    when ANC < 1 x10^9/L discontinue permanently\n  }';
        await expectFix(p('  requires weight\n' + hold), Codes.observationNotRequired, p('  requires weight, ANC\n' + hold));
    });
});

describe(Codes.panelMissingGrade, () => {
    test('a CRS grade stub is inserted in grade order, as an instruction that says what to write', async () => {
        const before = p('  crs-panel c {\n    grade 1: observe\n    grade 2: observe\n    grade 4: transfer ICU\n  }');
        const after = p('  crs-panel c {\n    grade 1: observe\n    grade 2: observe\n'
            + '    grade 3: "TODO: write the management of CRS grade 3 (ASTCT: One vasopressor (+/- vasopressin) and/or high-flow oxygen (> 6 L/min), facemask, non-rebreather or Venturi)"\n'
            + '    grade 4: transfer ICU\n  }');
        await expectFix(before, Codes.panelMissingGrade, after);
    });

    test('ICANS stubs carry the ASTCT ICE range; a one-line panel is opened up', async () => {
        const before = p('  icans-panel i { grade 1 (ICE 7 to 9): observe grade 2 (ICE 3 to 6): observe }');
        const after = p('  icans-panel i { grade 1 (ICE 7 to 9): observe grade 2 (ICE 3 to 6): observe\n'
            + '    grade 3 (ICE 0 to 2): "TODO: write the management of ICANS grade 3 (ASTCT: ICE 0-2; awakens only to touch, any rapidly resolving seizure, focal edema)"\n'
            + '    grade 4 (ICE 0): "TODO: write the management of ICANS grade 4 (ASTCT: ICE 0 (unarousable); prolonged or repetitive seizures, deep focal motor weakness, diffuse cerebral edema)"\n'
            + '  }');
        await expectFix(before, Codes.panelMissingGrade, after);
    });
});

describe(Codes.panelPlaceholder, () => {
    test('failing: a placeholder grade is an error until its management is written; passing: written', async () => {
        const placeholder = p('  crs-panel c {\n    grade 1: "TODO: write the management of CRS grade 1 (ASTCT: Fever >= 38 C)"\n  }');
        expect(linesOf(await buildOne(placeholder), Codes.panelPlaceholder)).toEqual([lineOfText(placeholder, 'grade 1')]);
        const written = p('  crs-panel c {\n    grade 1: "supportive care"; consider "tocilizumab if fever persists"\n  }');
        expect(linesOf(await buildOne(written), Codes.panelPlaceholder)).toEqual([]);
    });
});

describe('reference values', () => {
    test(`${Codes.referenceDoseDiffers}: the label dose replaces the written one`, async () => {
        const stepUp = (dose: string) => `  requires weight\n  step-up {\n    dose SUD1 ${dose} day 1 monitor inpatient 48 hours\n  }`;
        const result = await fixes(p(stepUp('0.6 mg/kg')), Codes.referenceDoseDiffers, p(stepUp('0.06 mg/kg')));
        expect(result.action?.title).toBe("Use the label value '0.06 mg/kg'");
        // Offered, never preferred: a protocol may differ from the label on purpose.
        expect(result.action?.isPreferred).toBe(false);
    });

    test(`${Codes.referenceRouteDiffers}: the label route replaces the written one`, async () => {
        await expectFix(p('', 'agent teclistamab route IV dose-basis actual-weight'), Codes.referenceRouteDiffers,
            p('', 'agent teclistamab route subcut dose-basis actual-weight'));
    });
});

describe('agent names', () => {
    test(`${Codes.agentUnknown}: the closest known agent replaces a typo, as the preferred fix`, async () => {
        const result = await fixes(p('', 'agent teclistamb route subcut dose-basis actual-weight'), Codes.agentUnknown, p(''));
        expect(result.action?.title).toBe("Write the agent 'teclistamab'");
        expect(result.action?.isPreferred).toBe(true);
    });

    test(`${Codes.agentNotGenericName}: the generic replaces a brand or suffixed US name`, async () => {
        await expectFix(p('', 'agent Tecvayli route subcut dose-basis actual-weight'), Codes.agentNotGenericName, p(''));
        await expectFix(p('', 'agent teclistamab-cqyv route subcut dose-basis actual-weight'), Codes.agentNotGenericName, p(''));
    });

    test(`${Codes.agentUnknown}: no fix for a name close to no known agent`, async () => {
        await expectNoFix(p('', 'agent newmab route IV dose-basis flat'), Codes.agentUnknown);
    });
});

describe('no quick fix where the fix would be a clinical decision', () => {
    test(`${Codes.premedicationTiming}: the time before the dose comes from the source, not from Titra`, async () => {
        await expectNoFix(p('  premedication pm {\n    dexamethasone 16 mg PO\n  }'), Codes.premedicationTiming);
    });
});

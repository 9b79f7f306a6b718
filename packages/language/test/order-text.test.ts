// The one text of order sets (units, numbers, durations, conditions, orders, monitoring) and the HTML and Markdown escaping.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { clinicalText, OrderSet, toFhirBundle, type MedicationOrder, type PlanDefinition } from '../src/index.js';
import {
    beforeDoseText, conditionText, courseText, cycleRangeText, durationText, escapeHtml, formatNumber, markdownTableRow, markdownText,
    monitoringText, numberListText, numberRangeText, orderText, unitText
} from '../src/orderset/text/index.js';

const inpatient = (): OrderSet =>
    OrderSet.parse(JSON.parse(readFileSync(new URL('../../../examples/golden/teclistamab-inpatient.orderset.json', import.meta.url), 'utf8')));

describe('units and numbers', () => {
    test('UCUM codes read in the language spelling', () => {
        expect(unitText('10*9/L')).toBe('x10^9/L');
        expect(unitText('ug/kg')).toBe('mcg/kg');
        expect(unitText('[iU]')).toBe('units');
        expect(unitText('mg/m2')).toBe('mg/m2');
    });

    test('numbers without floating-point noise; ranges and lists', () => {
        expect(formatNumber(0.3 * 72)).toBe('21.6');
        expect(formatNumber(0.5)).toBe('0.5');
        expect(numberRangeText(3, 6)).toBe('3 to 6');
        expect(numberRangeText(0, 0)).toBe('0');
        expect(numberListText([15, 1, 8])).toBe('1, 8, 15');
    });
});

describe('durations and timing', () => {
    test('singular and plural', () => {
        expect(durationText({ value: 1, unit: 'h' })).toBe('1 hour');
        expect(durationText({ value: 48, unit: 'h' })).toBe('48 hours');
        expect(courseText({ value: 1, unit: 'd' })).toBe('for 1 day');
        expect(courseText({ value: 1, upper: 3, unit: 'd' })).toBe('for 1 to 3 days');
    });

    test('premedication timing, cycle ranges', () => {
        expect(beforeDoseText({ min: { value: 1, unit: 'h' }, max: { value: 3, unit: 'h' }, approximate: true })).toBe('about 1 to 3 hours before the dose');
        expect(cycleRangeText({ firstCycle: 4, lastCycle: 4 })).toBe('4');
        expect(cycleRangeText({ firstCycle: 2, lastCycle: 3 })).toBe('2 to 3');
        expect(cycleRangeText({ firstCycle: 10 })).toBe('10 onward');
    });

    test('monitoring reads one way', () => {
        expect(monitoringText({ setting: 'inpatient', duration: { value: 48, unit: 'h' } })).toBe('inpatient 48 hours');
        expect(monitoringText({ setting: 'outpatient' })).toBe('outpatient');
        expect(monitoringText({ setting: 'outpatient', note: 'daily phone call' })).toBe('outpatient: daily phone call');
    });
});

describe('conditions', () => {
    test('read as written, operands of and/or in a canonical order', () => {
        expect(conditionText({ type: 'all', of: [{ type: 'observation', observation: 'platelets', op: 'lt', value: 50, unit: '10*9/L' }, { type: 'state', state: 'bleeding' }] }))
            .toBe('bleeding and platelets < 50 x10^9/L');
        expect(conditionText({ type: 'not', condition: { type: 'any', of: [{ type: 'flag', flag: 'a' }, { type: 'grade', toxicity: 'crs', op: 'ge', grade: 2 }] } }))
            .toBe('not (CRS grade >= 2 or flag a)');
    });

    test('a hold condition reads the same in the clinical text and in the FHIR export', () => {
        const orderSet = inpatient();
        const plan = toFhirBundle(orderSet).entry.map((e) => e.resource).find((r): r is PlanDefinition => r.resourceType === 'PlanDefinition')!;
        const descriptions = JSON.stringify(plan).match(/"url":"description","valueString":"[^"]*"/g)!.map((d) => d.split('"valueString":"')[1].slice(0, -1));
        expect(descriptions).toContain('ANC < 0.5 x10^9/L');
        expect(clinicalText(orderSet)).toContain('hold rule ANC < 0.5 x10^9/L: trigger ANC < 0.5 x10^9/L\n');
    });
});

describe('orders', () => {
    const tocilizumab: MedicationOrder = {
        id: 'toci', type: 'medication', consider: true, drug: 'tocilizumab', routes: ['intravenous'],
        dose: { text: '8 mg/kg', value: 8, unit: 'mg/kg', per: 'kg', basis: 'actual-weight', maxPerDose: { value: 800, unit: 'mg' } },
        maxDoses: [{ count: 3, period: { value: 24, unit: 'h' } }, { count: 4 }],
        infusionDuration: { value: 1, unit: 'h' },
        asNeeded: false
    };

    test('every clinical detail for review, only the written instructions on request', () => {
        expect(orderText(tocilizumab)).toBe('consider tocilizumab 8 mg/kg (max 800 mg per dose), intravenous, dose basis actual-weight, '
            + 'max 3 doses per 24 hours, max 4 doses in total, over 1 hour');
        expect(orderText(tocilizumab, { details: 'instructions' })).toBe('consider tocilizumab 8 mg/kg (max 800 mg per dose), intravenous');
        expect(orderText({ id: 'h', type: 'dosing', consider: false, action: 'hold-next-dose' })).toBe('hold next dose');
    });

    test('a frequency range reads as written', () => {
        const oxycodone: MedicationOrder = {
            id: 'oxy', type: 'medication', consider: false, drug: 'oxycodone', routes: ['oral'], asNeeded: true,
            dose: { text: '5 mg', value: 5, unit: 'mg', basis: 'flat' },
            frequency: { kind: 'interval', interval: { value: 3, unit: 'h' }, intervalMax: { value: 4, unit: 'h' }, text: 'every 3 to 4 hours' }
        };
        expect(orderText(oxycodone, { details: 'instructions' })).toBe('oxycodone 5 mg, oral, every 3 to 4 hours, as needed');
    });
});

describe('escaping', () => {
    test('HTML: the five significant characters, nothing else', () => {
        expect(escapeHtml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
        expect(escapeHtml('0.06 mg/kg x 70 kg = 4.2 mg')).toBe('0.06 mg/kg x 70 kg = 4.2 mg');
    });

    test('Markdown: one line, literal text, no HTML', () => {
        expect(markdownText('a\nb\r\nc\u0007d\u2028e')).toBe('a b c d e');
        expect(markdownText('<script>x</script> *a* _b_ [c](d) `e` #f \\g')).toBe('&lt;script&gt;x&lt;/script&gt; \\*a\\* \\_b\\_ \\[c\\](d) \\`e\\` \\#f \\\\g');
    });

    test('Markdown: a table row keeps its cells whatever the text', () => {
        const row = markdownTableRow(['owner', 'P&T\n| forged | row |']);
        expect(row).toBe('| owner | P&amp;T \\| forged \\| row \\| |');
        expect(row.split(/(?<!\\)\|/)).toHaveLength(4);
    });
});

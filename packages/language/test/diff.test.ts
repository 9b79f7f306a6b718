// The clinical diff of two order sets: by stable ids, classified by risk, blind to order, formatting and provenance.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { labelStepUpDose } from '../src/knowledge/reference.js';
import { clinicalText, diffMarkdown, diffOrderSets, OrderSet, type MedicationOrder } from '../src/orderset/index.js';

const golden = (name: string): OrderSet =>
    OrderSet.parse(JSON.parse(readFileSync(new URL(`../../../examples/golden/${name}.orderset.json`, import.meta.url), 'utf8')));
const inpatient = () => golden('teclistamab-inpatient');
const labelDose = (agent: string, _stepUp: unknown, sequence: number) => (agent === 'teclistamab' ? ['0.06 mg/kg', '0.3 mg/kg', '1.5 mg/kg'][sequence - 1] : undefined);
const texts = (before: OrderSet, after: OrderSet) => diffOrderSets(before, after, { labelDose }).changes.map((c) => c.text);

/** Every list of the order set reversed, recursively (not a combination product's strengths): the same protocol in another order. */
function reversed<T>(value: T): T {
    if (Array.isArray(value)) return value.map(reversed).reverse() as T;
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, k === 'components' ? v : reversed(v)])) as T;
    }
    return value;
}

function crsGrade2Tocilizumab(orderSet: OrderSet): MedicationOrder {
    const order = orderSet.panels.find((p) => p.kind === 'crs')!.grades.find((g) => g.grade === 2)!.orders.find((o) => o.type === 'medication')!;
    return order as MedicationOrder;
}

describe('clinically identical order sets', () => {
    test('an order set against itself has no changes and no problems', () => {
        const diff = diffOrderSets(inpatient(), inpatient());
        expect(diff.changes).toEqual([]);
        expect(diff.problems).toEqual([]);
    });

    test.each(['teclistamab-inpatient', 'teclistamab-high-risk', 'epcoritamab-dlbcl', 'talquetamab-biweekly', 'elranatamab'])(
        '%s: reordering every list changes nothing, in the diff or the canonical text', (name) => {
            const orderSet = golden(name);
            expect(diffOrderSets(orderSet, reversed(orderSet)).changes).toEqual([]);
            expect(clinicalText(reversed(orderSet))).toBe(clinicalText(orderSet));
        });

    test('provenance, library sources and the dose text as written are ignored', () => {
        const after = inpatient();
        after.provenance = { ...after.provenance, source: 'elsewhere/x.titra', sha256: 'a'.repeat(64), compiler: { name: 'titra', version: '9.9.9' } };
        for (const hold of after.holds) delete hold.source;
        after.panels[0].source = 'inline';
        after.stepUp[1].dose.text = '0.30 mg/kg';
        expect(diffOrderSets(inpatient(), after).changes).toEqual([]);
    });
});

describe('changes', () => {
    test('a step-up dose change names the labeled dose and comes first', () => {
        const after = inpatient();
        after.protocol.version = '3.2.0';
        after.stepUp[1].dose.value = 0.35;
        const diff = diffOrderSets(inpatient(), after, { labelDose });
        expect(diff.changes.map((c) => [c.risk, c.kind, c.text])).toEqual([
            ['dose', 'changed', 'SUD2 dose 0.3 mg/kg -> 0.35 mg/kg (label: 0.3 mg/kg)'],
            ['metadata', 'changed', 'version 3.1.0 -> 3.2.0']
        ]);
        expect(diff.changes[0]).toMatchObject({ before: '0.3 mg/kg', after: '0.35 mg/kg' });
        expect(diff.problems).toEqual([]);
    });

    test('without a label lookup the sentence has no label', () => {
        const after = inpatient();
        after.stepUp[1].dose.value = 0.35;
        expect(diffOrderSets(inpatient(), after).changes[0].text).toBe('SUD2 dose 0.3 mg/kg -> 0.35 mg/kg');
    });

    test('a panel order limit', () => {
        const after = inpatient();
        after.protocol.version = '3.2.0';
        crsGrade2Tocilizumab(after).maxDoses = [{ count: 2, period: { value: 24, unit: 'h' } }];
        const diff = diffOrderSets(inpatient(), after);
        expect(diff.changes[0]).toMatchObject({ risk: 'panel', text: 'CRS grade 2: tocilizumab max doses per 24 hours 3 -> 2' });
    });

    test('a hold rule added and removed', () => {
        const before = inpatient();
        const after = inpatient();
        after.protocol.version = '3.2.0';
        before.holds = before.holds.filter((h) => h.id !== 'hold.imwg-cytopenias.platelets-lt-25');
        expect(texts(before, after)).toEqual([
            'hold rule added: platelets < 25 x10^9/L; resume when platelets > 50 x10^9/L',
            'version 3.1.0 -> 3.2.0'
        ]);
        expect(texts(after, before)[0]).toBe('hold rule removed: platelets < 25 x10^9/L; resume when platelets > 50 x10^9/L');
        expect(diffOrderSets(before, after).changes[0].risk).toBe('safety-rule');
    });

    test('schedule: day, window, monitoring, maintenance transition and restart rules', () => {
        const after = inpatient();
        after.protocol.version = '4.0.0';
        after.stepUp[2].day = 8;
        after.stepUp[2].window!.max = { value: 5, unit: 'd' };
        after.stepUp[0].monitoring = { setting: 'inpatient', duration: { value: 24, unit: 'h' } };
        after.maintenance[1].when = { type: 'response', op: 'ge', level: 'VGPR', sustained: { value: 6, unit: 'mo' } };
        after.restartAfterDelay[1].action = { type: 'continue' };
        expect(texts(inpatient(), after)).toEqual([
            'TD1 day 7 -> 8',
            'TD1 window 2 to 7 days after SUD2 -> 2 to 5 days after SUD2',
            'Q2W transition when response >= CR sustained 6 months -> when response >= VGPR sustained 6 months',
            'restart after SUD2 8 to 28 days action restart from SUD2 -> continue',
            'SUD1 monitoring inpatient 48 hours -> inpatient 24 hours',
            'version 3.1.0 -> 4.0.0'
        ]);
    });

    test('premedication, supportive care and metadata', () => {
        const after = inpatient();
        after.protocol.version = '3.1.1';
        (after.premedication[0].orders[0].order.dose).value = 20;
        after.supportiveCare[0].continueAfterLastDose = { value: 6, unit: 'mo' };
        after.protocol.owner = 'Hematology';
        after.protocol.references = [...after.protocol.references.slice(1), 'New reference'];
        expect(texts(inpatient(), after)).toEqual([
            'premedication standard: dexamethasone dose 16 mg -> 20 mg',
            'supportive care: acyclovir or valacyclovir (HSV/VZV prophylaxis), dose per formulary continue after last dose 3 months -> 6 months',
            'version 3.1.0 -> 3.1.1',
            'owner Pharmacy and Therapeutics Committee -> Hematology',
            'reference added: New reference',
            'reference removed: Tecvayli (teclistamab-cqyv) US prescribing information'
        ]);
    });

    test('orders before dosing and what monitoring watches', () => {
        const before = inpatient();
        delete before.beforeDose;
        const after = inpatient();
        after.protocol.version = '3.1.1';
        after.stepUp[0].monitoring = { setting: 'inpatient', duration: { value: 48, unit: 'h' }, watch: [{ text: 'vital signs', frequency: { kind: 'interval', interval: { value: 4, unit: 'h' }, text: 'every 4 hours' } }] };
        expect(texts(before, after)).toEqual([
            'SUD1 monitoring inpatient 48 hours -> inpatient 48 hours (vital signs every 4 hours)',
            'order added: before each dose: CBC with differential',
            'order added: before the first dose: TECVAYLI REMS: complete the Patient Wallet Card and give it to the patient',
            'order added: before the first dose: TECVAYLI REMS: counsel the patient to recognize and report signs of CRS and neurologic toxicity including ICANS',
            'version 3.1.0 -> 3.1.1'
        ]);
        expect(diffOrderSets(before, after).changes.find((c) => c.text.startsWith('order added'))?.risk).toBe('safety-rule');
    });

    test('variants: a changed variant dose is named with its variant', () => {
        const before = golden('teclistamab-high-risk');
        const after = golden('teclistamab-high-risk');
        after.protocol.version = '9.0.0';
        after.variants[0].stepUp![0].dose.value = 0.05;
        expect(texts(before, after)[0]).toBe('variant high-risk: SUD1 dose 0.06 mg/kg -> 0.05 mg/kg (label: 0.06 mg/kg)');
    });

    test('the result is deterministic and sorted by risk', () => {
        const after = reversed(inpatient());
        after.protocol.status = 'retired';
        crsGrade2Tocilizumab(after).maxDoses = [{ count: 2, period: { value: 24, unit: 'h' } }];
        after.maintenance.find((m) => m.id === 'QW')!.dose.value = 1;
        after.holds = after.holds.slice(1);
        const first = diffOrderSets(inpatient(), after);
        expect(diffOrderSets(inpatient(), after)).toEqual(first);
        expect(first.changes.map((c) => [c.risk, c.kind])).toEqual([['dose', 'changed'], ['safety-rule', 'removed'], ['panel', 'changed'], ['metadata', 'changed']]);
    });
});

describe('a rule that kept its place and purpose is changed, not removed and added', () => {
    test('a hold trigger: matched by what it tests and its position', () => {
        const after = inpatient();
        after.protocol.version = '3.2.0';
        const hold = after.holds.find((h) => h.id === 'hold.imwg-cytopenias.platelets-lt-25')!;
        hold.id = 'hold.imwg-cytopenias.platelets-lt-20';
        hold.trigger = { type: 'observation', observation: 'platelets', op: 'lt', value: 20, unit: '10*9/L' };
        const diff = diffOrderSets(inpatient(), after);
        expect(diff.changes.map((c) => [c.risk, c.kind, c.text])).toEqual([
            ['safety-rule', 'changed', 'hold rule changed from platelets < 25 x10^9/L; resume when platelets > 50 x10^9/L to platelets < 20 x10^9/L; resume when platelets > 50 x10^9/L'],
            ['metadata', 'changed', 'version 3.1.0 -> 3.2.0']
        ]);
    });

    test('a restart gap: matched by the dose it refers to', () => {
        const after = inpatient();
        after.protocol.version = '3.2.0';
        const rule = after.restartAfterDelay.find((r) => r.id === 'restart.SUD1.gt7d')!;
        rule.id = 'restart.SUD1.gt10d';
        rule.gap = { minDays: 10, minExclusive: true };
        expect(texts(inpatient(), after)[0]).toBe('restart rule changed from last SUD1 more than 7 days: restart from SUD1 to last SUD1 more than 10 days: restart from SUD1');
    });

    test('a panel action: matched by grade and position; a new action at a new position is an addition', () => {
        const after = inpatient();
        after.protocol.version = '3.2.0';
        const grade2 = after.panels.find((p) => p.kind === 'crs')!.grades.find((g) => g.grade === 2)!;
        grade2.orders[0] = { ...crsGrade2Tocilizumab(after), id: 'panel.crs.imwg-crs.g2.siltuximab', drug: 'siltuximab', dose: { value: 11, unit: 'mg/kg', basis: 'actual-weight', per: 'kg', text: '11 mg/kg' }, maxDoses: undefined };
        grade2.orders.push({ id: 'panel.crs.imwg-crs.g2.monitor', type: 'instruction', consider: false, text: 'monitor' });
        const changes = diffOrderSets(inpatient(), after).changes.filter((c) => c.risk === 'panel');
        expect(changes.map((c) => [c.kind, c.text])).toEqual([
            ['added', 'panel order added: CRS grade 2: monitor'],
            ['changed', 'panel order changed from CRS grade 2: tocilizumab 8 mg/kg (max 800 mg per dose), intravenous, dose basis actual-weight, max 3 doses per 24 hours to CRS grade 2: siltuximab 11 mg/kg, intravenous, dose basis actual-weight']
        ]);
    });

    test('panel and premedication-set titles are compared', () => {
        const after = inpatient();
        after.panels[0].title = 'CRS management (IMWG 2024)';
        after.premedication[0].title = 'Premedication before each step-up dose';
        expect(texts(inpatient(), after)).toEqual([
            'premedication standard title Step-up premedication -> Premedication before each step-up dose',
            'CRS panel title CRS grades 1-4 -> CRS management (IMWG 2024)'
        ]);
    });
});

describe('the label beside a dose change', () => {
    test('comes from the schedule the protocol follows: epcoritamab FL (3 mg), not the first (DLBCL, 48 mg)', () => {
        const before = golden('epcoritamab-fl');
        const after = golden('epcoritamab-fl');
        after.protocol.version = '9.0.0';
        after.stepUp[2].dose.value = 4;
        expect(diffOrderSets(before, after, { labelDose: labelStepUpDose }).changes[0].text).toBe('SUD3 dose 3 mg -> 4 mg (label: 3 mg)');
        const dlbcl = golden('epcoritamab-dlbcl');
        const changed = golden('epcoritamab-dlbcl');
        changed.stepUp[2].dose.value = 40;
        expect(diffOrderSets(dlbcl, changed, { labelDose: labelStepUpDose }).changes[0].text).toMatch(/dose 48 mg -> 40 mg \(label: 48 mg\)$/);
    });
});

describe('problems', () => {
    test('a changed body without a version bump', () => {
        const after = inpatient();
        after.stepUp[1].dose.value = 0.35;
        expect(diffOrderSets(inpatient(), after).problems).toEqual([
            'the protocol changed clinically but its version is still 3.1.0; bump the version'
        ]);
    });

    test('two different protocols', () => {
        expect(diffOrderSets(golden('teclistamab-inpatient'), golden('elranatamab')).problems[0])
            .toBe('these are two different protocols: TEC-STEPUP-INPATIENT and ELRANATAMAB');
    });

    test('metadata alone needs no bump; a version going backwards is reported', () => {
        const after = inpatient();
        after.protocol.status = 'retired';
        expect(diffOrderSets(inpatient(), after).problems).toEqual([]);
        after.protocol.version = '3.0.9';
        expect(diffOrderSets(inpatient(), after).problems).toEqual(['the version goes backwards: 3.1.0 -> 3.0.9']);
    });
});

describe('canonical clinical text', () => {
    test('one line per fact, covering every section', () => {
        const lines = clinicalText(inpatient()).trimEnd().split('\n');
        expect(lines).toContain('step-up dose SUD2: dose 0.3 mg/kg');
        expect(lines).toContain('step-up dose SUD2: window 2 to 7 days after SUD1');
        expect(lines).toContain('maintenance phase Q2W: transition when response >= CR sustained 6 months');
        expect(lines).toContain('restart after SUD2 8 to 28 days: action restart from SUD2');
        expect(lines).toContain('hold rule platelets < 25 x10^9/L: then resume when platelets > 50 x10^9/L');
        expect(lines).toContain('panel order CRS grade 2: tocilizumab: max doses per 24 hours 3');
        expect(lines).toContain('panel grade ICANS grade 2: escalation if no improvement after 48 hours');
        expect(lines).toContain('protocol: version 3.1.0');
        expect(new Set(lines).size).toBe(lines.length);
        expect(lines.some((l) => l.includes('sha256') || l.includes('examples/shared'))).toBe(false);
    });

    test('a line break inside protocol text keeps one fact a line', () => {
        const orderSet = inpatient();
        orderSet.protocol.owner = 'Pharmacy\nand Therapeutics\r\nCommittee';
        const lines = clinicalText(orderSet).trimEnd().split('\n');
        expect(lines.filter((l) => l.includes('Pharmacy') || l.includes('Committee'))).toEqual(['protocol: owner Pharmacy and Therapeutics Committee']);
        expect(diffOrderSets(inpatient(), orderSet).changes).toEqual([]);
    });

});

describe('markdown report', () => {
    test('a dose or schedule change brings the timeline of both versions by day, changed days in bold', () => {
        const after = inpatient();
        after.protocol.version = '3.2.0';
        after.stepUp[1].dose.value = 0.25;
        after.stepUp[2].day = 8;
        const lines = diffMarkdown(diffOrderSets(inpatient(), after, { labelDose })).split('\n');
        const timeline = lines.slice(lines.indexOf('#### Timeline'));
        expect(timeline).toEqual([
            '#### Timeline',
            '',
            '| Day | Before (3.1.0) | After (3.2.0) |',
            '| ---: | --- | --- |',
            '| 1 | SUD1 0.06 mg/kg, premedicated, inpatient 2 days | SUD1 0.06 mg/kg, premedicated, inpatient 2 days |',
            '| 4 | **SUD2 0.3 mg/kg, premedicated, inpatient 2 days** | **SUD2 0.25 mg/kg, premedicated, inpatient 2 days** |',
            '| 7 | **TD1 1.5 mg/kg, premedicated, inpatient 2 days** |  |',
            '| 8 |  | **TD1 1.5 mg/kg, premedicated, inpatient 2 days** |',
            '| 14 | **QW 1.5 mg/kg** |  |',
            '| 15 |  | **QW 1.5 mg/kg** |',
            '| 21 | **QW 1.5 mg/kg** |  |',
            '| 22 |  | **QW 1.5 mg/kg** |'
        ]);
    });

    test('no timeline when only rules, panels or metadata changed', () => {
        const after = inpatient();
        after.protocol.owner = 'Hematology';
        expect(diffMarkdown(diffOrderSets(inpatient(), after))).not.toContain('Timeline');
    });

    test('a newline, a pipe or markup in protocol text cannot break the table or inject HTML', () => {
        const after = inpatient();
        after.protocol.owner = 'P&T\n| Risk | x | <script>alert(1)</script>\r\n# heading';
        const markdown = diffMarkdown(diffOrderSets(inpatient(), after));
        const rows = markdown.split('\n').filter((line) => line.startsWith('| '));
        expect(rows).toEqual([
            '| Risk | | Change |',
            '| --- | --- | --- |',
            '| Metadata | changed | owner Pharmacy and Therapeutics Committee -&gt; P&amp;T \\| Risk \\| x \\| &lt;script&gt;alert(1)&lt;/script&gt; \\# heading |'
        ]);
        expect(markdown).not.toMatch(/<script/);
    });
});

// The clinical knowledge base (knowledge/*.json): loaded and zod-checked at start-up, every entry sourced, unconfirmed values flagged.
import { describe, expect, test } from 'vitest';
import { observationDefinition, observationPlausibleRange } from '../src/knowledge/knowledge-base.js';
import {
    agentByAnyName, agentReference, drugDoseReference, gradingReference, guidelinePanel, knownAgentNames, knownDrugNames,
    knownSupportiveDrugNames, referenceTables, supportiveDrugReference, type DrugDoseReference
} from '../src/knowledge/reference.js';

const HOURS_PER = { minutes: 1 / 60, hours: 1, days: 24, weeks: 168 } as const;

describe('agents', () => {
    test('every T-cell engager of the clinical reference and tebentafusp is known, with route, dose basis and a sourced step-up schedule', () => {
        expect(knownAgentNames().sort()).toEqual([
            'blinatumomab', 'elranatamab', 'epcoritamab', 'glofitamab', 'linvoseltamab', 'mosunetuzumab', 'talquetamab', 'tarlatamab',
            'tebentafusp', 'teclistamab'
        ]);
        for (const name of knownAgentNames()) {
            const agent = agentReference(name)!;
            expect(agent.source.length).toBeGreaterThan(0);
            for (const schedule of agent.schedules) expect(schedule.source.length).toBeGreaterThan(0);
        }
    });

    test('teclistamab: 0.06 / 0.3 / 1.5 mg/kg on days 1, 4, 7, windows of 2 to 7 days, 48 h monitoring', () => {
        const tec = agentReference('Teclistamab')!;
        expect(tec.route).toBe('subcut');
        expect(tec.schedules[0].steps.map((s) => [s.value, s.unit, s.day, s.window?.min, s.window?.max, s.monitorHours]))
            .toEqual([[0.06, 'mg/kg', 1, undefined, undefined, 48], [0.3, 'mg/kg', 4, 2, 7, 48], [1.5, 'mg/kg', 7, 2, 7, 48]]);
        expect(tec.restart?.rows).toHaveLength(9);
    });

    test('within every step-up schedule the doses never decrease', () => {
        for (const name of knownAgentNames()) {
            for (const schedule of agentReference(name)!.schedules) {
                const values = schedule.steps.map((s) => s.value);
                expect(new Set(schedule.steps.map((s) => s.unit)).size, `${name} ${schedule.name}`).toBe(1);
                expect(values, `${name} ${schedule.name}`).toEqual([...values].sort((a, b) => a - b));
            }
        }
    });

    test('brand and suffixed US names resolve to the generic; blinatumomab has no suffix', () => {
        expect(agentByAnyName('Tecvayli')?.name).toBe('teclistamab');
        expect(agentByAnyName('teclistamab-cqyv')?.name).toBe('teclistamab');
        expect(agentByAnyName(' KIMMTRAK ')?.name).toBe('tebentafusp');
        expect(agentByAnyName('tebentafusp-tebn')?.name).toBe('tebentafusp');
        expect(agentByAnyName('teclistamab-xxxx')).toBeUndefined();
        expect(agentReference('Tecvayli')).toBeUndefined();
        expect(Object.fromEntries(knownAgentNames().map((n) => [n, agentReference(n)!.usNonproprietaryName.name]))).toEqual({
            teclistamab: 'teclistamab-cqyv', elranatamab: 'elranatamab-bcmm', talquetamab: 'talquetamab-tgvs', linvoseltamab: 'linvoseltamab-gcpt',
            epcoritamab: 'epcoritamab-bysp', glofitamab: 'glofitamab-gxbm', mosunetuzumab: 'mosunetuzumab-axgb', blinatumomab: null,
            tarlatamab: 'tarlatamab-dlle', tebentafusp: 'tebentafusp-tebn'
        });
    });

    test('tebentafusp: 20, 30, 68 mcg IV on days 1, 8, 15 over 15-20 minutes, 16 h monitoring, then 68 mcg weekly', () => {
        const kim = agentReference('tebentafusp')!;
        expect([kim.brand, kim.route]).toEqual(['Kimmtrak', 'IV']);
        expect(kim.schedules[0].steps.map((s) => [s.value, s.unit, s.day, s.monitorHours, s.infusionDuration?.value, s.infusionDuration?.upper]))
            .toEqual([[20, 'mcg', 1, 16, 15, 20], [30, 'mcg', 8, 16, 15, 20], [68, 'mcg', 15, 16, 15, 20]]);
        expect(kim.maintenance.map((m) => [m.value, m.unit, m.every?.value, m.every?.unit])).toEqual([[68, 'mcg', 1, 'weeks']]);
    });

    test('cycle plans: glofitamab 12 cycles of 21 days, 4 h then 2 h infusions; mosunetuzumab 8 cycles after CR, 17 after PR/SD', () => {
        const glofitamab = agentReference('glofitamab')!.cyclePlans![0];
        expect([glofitamab.cycleLength?.value, glofitamab.maxCycles]).toEqual([21, 12]);
        expect(glofitamab.cycleDoses.map((d) => [d.cycles.from, d.cycles.to, d.days, d.value, d.drug, d.infusionDuration?.value])).toEqual([
            [1, 1, [1], 1000, 'obinutuzumab', undefined], [1, 1, [8], 2.5, undefined, 4], [1, 1, [15], 10, undefined, 4],
            [2, 2, [1], 30, undefined, 4], [3, 12, [1], 30, undefined, 2]
        ]);
        const mosunetuzumab = agentReference('mosunetuzumab')!.cyclePlans![0];
        expect(mosunetuzumab.conditionalCycles?.map((c) => [c.condition, c.maxCycles])).toEqual([
            ['complete response after cycle 8', 8], ['partial response or stable disease after cycle 8', 17]
        ]);
    });

    test('blinatumomab: < 45 kg doses capped at 9 and 28 mcg/day; 28 days of continuous infusion per cycle; bags of 24 h to 7 days', () => {
        const blinatumomab = agentReference('blinatumomab')!;
        expect(blinatumomab.schedules[1].steps.map((s) => [s.value, s.unit, s.cap?.value, s.cap?.unit]))
            .toEqual([[5, 'mcg/m2/day', 9, 'mcg/day'], [15, 'mcg/m2/day', 28, 'mcg/day']]);
        expect(blinatumomab.cyclePlans!.map((p) => [p.cycleLength?.value, p.appliesToCycles?.from, p.appliesToCycles?.to])).toEqual([[42, 1, 5], [84, 6, 9]]);
        expect(blinatumomab.infusion?.bagHours).toEqual([24, 48, 72, 96, 168]);
    });

    test('every cycle dose lies within its plan: days inside the cycle length, cycles within the maximum', () => {
        for (const name of knownAgentNames()) {
            for (const plan of agentReference(name)!.cyclePlans ?? []) {
                for (const dose of plan.cycleDoses) {
                    const lastDay = dose.days ? Math.max(...dose.days) : dose.infusedDays!.to;
                    if (plan.cycleLength) expect(lastDay, `${name} ${plan.name}`).toBeLessThanOrEqual(plan.cycleLength.value);
                    if (plan.maxCycles) expect(dose.cycles.to ?? dose.cycles.from, `${name} ${plan.name}`).toBeLessThanOrEqual(plan.maxCycles);
                }
            }
        }
    });

    test('values marked UNCONFIRMED in the clinical reference are stored with confirmed: false', () => {
        expect(agentReference('talquetamab')!.restart?.confirmed).toBe(false);
        const premedication = agentReference('teclistamab')!.premedication!.orders;
        expect(premedication.map((o) => [o.drug, o.confirmed])).toEqual([['dexamethasone', true], ['diphenhydramine', false], ['acetaminophen', false]]);
        expect(referenceTables.ctcae.filter((row) => !row.confirmed).map((row) => [row.observation, row.grade])).toEqual([['platelets', 3], ['platelets', 4]]);
    });
});

describe('drug dose reference', () => {
    const drugs = knownDrugNames().map((name) => drugDoseReference(name)!);

    test('every drug an order may name around a T-cell engager has a sourced entry', () => {
        expect(knownDrugNames()).toEqual(expect.arrayContaining([
            'dexamethasone', 'methylprednisolone', 'acetaminophen', 'diphenhydramine', 'cetirizine', 'famotidine', 'tocilizumab', 'siltuximab',
            'anakinra', 'levetiracetam', 'filgrastim', 'immune globulin', 'acyclovir', 'valacyclovir', 'trimethoprim-sulfamethoxazole',
            'atovaquone', 'entecavir', 'levofloxacin', 'fluconazole', 'posaconazole', 'obinutuzumab', 'cyclophosphamide', 'doxorubicin',
            'morphine', 'oxycodone', 'pregabalin'
        ]));
        for (const drug of drugs) {
            for (const entry of [drug, ...drug.doses, ...drug.limits]) expect(entry.source.trim().length, drug.name).toBeGreaterThan(0);
        }
    });

    test('brand names and synonyms resolve to the generic, case-insensitively', () => {
        expect(['Tylenol', 'paracetamol', 'APAP', 'Bactrim', 'tmp-smx', 'IVIG', 'Keppra', 'Actemra'].map((n) => drugDoseReference(n)?.name)).toEqual([
            'acetaminophen', 'acetaminophen', 'acetaminophen', 'trimethoprim-sulfamethoxazole', 'trimethoprim-sulfamethoxazole', 'immune globulin',
            'levetiracetam', 'tocilizumab'
        ]);
        expect(drugDoseReference('Tecvayli')).toBeUndefined();
    });

    test('no name, brand or synonym belongs to two drugs or to a drug and an agent', () => {
        const names = [
            ...drugs.flatMap((d) => [d.name, ...d.synonyms]),
            ...knownAgentNames().flatMap((n) => {
                const agent = agentReference(n)!;
                return [agent.name, agent.brand, ...(agent.usNonproprietaryName.name ? [agent.usNonproprietaryName.name] : [])];
            })
        ].map((n) => n.toLowerCase());
        expect(new Set(names).size).toBe(names.length);
    });

    test('the premedication of every agent and every order of the IMWG panels names a drug of the dose reference', () => {
        const named = [
            ...knownAgentNames().flatMap((n) => agentReference(n)!.premedication?.orders.map((o) => o.drug) ?? []),
            ...(['crs', 'icans'] as const).flatMap((s) => guidelinePanel(s).grades.flatMap((g) => g.orders.map((o) => o.drug)))
        ];
        expect(named.filter((drug) => drugDoseReference(drug) === undefined)).toEqual([]);
    });

    test('tocilizumab: 8 mg/kg, max 800 mg per dose, max 3 doses per 24 h (IMWG 2024); max 4 in total unconfirmed', () => {
        const limits = supportiveDrugReference('tocilizumab')!.limits;
        expect(limits.map((l) => [l.kind, l.value, l.confirmed])).toEqual([
            ['per-kg-per-dose', 8, true], ['per-dose', 800, true], ['doses-per-period', 3, true], ['doses-total', 4, false]
        ]);
    });

    test('dexamethasone and methylprednisolone as in the IMWG panels', () => {
        expect(supportiveDrugReference('dexamethasone')!.doses.filter((d) => d.context.startsWith('ICANS grade 3')).map((d) => [d.value, d.every?.value]))
            .toEqual([[10, 6], [20, 6]]);
        expect(supportiveDrugReference('methylprednisolone')!.doses.filter((d) => d.context.startsWith('ICANS')).map((d) => [d.value, d.upper, d.unit]))
            .toEqual([[1000, 2000, 'mg'], [2, undefined, 'mg/kg']]);
    });

    test('the supportive drugs of the panels are the drugs used in the IMWG CRS/ICANS panels; premedication-only drugs are not', () => {
        expect(knownSupportiveDrugNames()).toEqual(['tocilizumab', 'dexamethasone', 'methylprednisolone', 'anakinra']);
        expect(supportiveDrugReference('diphenhydramine')).toBeUndefined();
        expect(drugDoseReference('diphenhydramine')?.limits.map((l) => [l.kind, l.value, l.unit])).toEqual([['per-dose', 100, 'mg'], ['per-day', 400, 'mg']]);
    });

    test('acetaminophen: 4000 mg per day and 75 mg/kg per day under 50 kg (Ofirmev label); 1000 mg per dose unconfirmed', () => {
        expect(drugDoseReference('acetaminophen')!.limits.map((l) => [l.kind, l.value, l.unit, l.confirmed])).toEqual([
            ['per-day', 4000, 'mg', true], ['per-kg-per-day', 75, 'mg/kg', true], ['min-interval', 4, 'hours', true], ['per-dose', 1000, 'mg', false]
        ]);
    });

    test('doxorubicin: lifetime cumulative 550 mg/m2, 400 mg/m2 after other cardiotoxic therapy (label)', () => {
        expect(drugDoseReference('doxorubicin')!.limits.map((l) => [l.kind, l.value, l.unit, l.population !== undefined])).toEqual([
            ['cumulative', 550, 'mg/m2', false], ['cumulative', 400, 'mg/m2', true]
        ]);
    });

    test('no usual dose of a drug exceeds its own per-day limit when given at its stated interval', () => {
        const perDay = (drug: DrugDoseReference) => drug.limits.filter((l) => l.kind === 'per-day' || l.kind === 'per-kg-per-day');
        for (const drug of drugs) {
            for (const dose of drug.doses.filter((d) => d.every !== undefined)) {
                const daily = (dose.upper ?? dose.value) * 24 / (dose.every!.value * HOURS_PER[dose.every!.unit]);
                for (const limit of perDay(drug).filter((l) => l.unit === dose.unit)) {
                    expect(daily, `${drug.name}: ${dose.context}`).toBeLessThanOrEqual(limit.value);
                }
            }
        }
    });

    test('a dose range always has its upper bound above its value', () => {
        for (const dose of drugs.flatMap((d) => d.doses)) if (dose.upper !== undefined) expect(dose.upper, dose.context).toBeGreaterThan(dose.value);
    });
});

describe('observations', () => {
    test('plausible ranges in the observation unit: a platelet threshold of 50,000 x10^9/L is outside, 50 x10^9/L inside', () => {
        const platelets = observationPlausibleRange('platelets')!;
        expect([platelets.low, platelets.high, platelets.unit]).toEqual([undefined, 1000, observationDefinition('platelets')!.unit]);
        expect(50000).toBeGreaterThan(platelets.high!);
        expect(50).toBeLessThan(platelets.high!);
    });

    test('the IMWG thresholds of the knowledge base lie inside the plausible ranges; IgG and CD4 have none', () => {
        const inside = (name: string, value: number) => {
            const range = observationPlausibleRange(name)!;
            return (range.low === undefined || value >= range.low) && (range.high === undefined || value <= range.high);
        };
        expect([inside('ANC', 0.5), inside('ANC', 1.0), inside('hemoglobin', 8), inside('weight', 45), inside('height', 150)]).toEqual([true, true, true, true, true]);
        expect([inside('ANC', 500), inside('hemoglobin', 80), inside('weight', 0.5)]).toEqual([false, false, false]);
        expect([observationPlausibleRange('IgG'), observationPlausibleRange('CD4')]).toEqual([undefined, undefined]);
    });
});

describe('grading and IMWG panels', () => {
    test('ASTCT ICE ranges: grade 1 7-9, 2 3-6, 3 0-2, 4 0; the ICE score adds up to 10', () => {
        expect(gradingReference('icans').grades.map((g) => [g.grade, g.ice?.min, g.ice?.max])).toEqual([[1, 7, 9], [2, 3, 6], [3, 0, 2], [4, 0, 0]]);
        expect(referenceTables.ice.components.reduce((sum, c) => sum + c.points, 0)).toBe(10);
        expect(gradingReference('crs').grades.map((g) => g.grade)).toEqual([1, 2, 3, 4]);
    });

    test.each([
        ['crs', 'tocilizumab considered at grade 1 and given from grade 2, steroids from grade 3 (grade 2 if no improvement), ICU from grade 3', [
            [1, 'consider', 'not-stated', 'not-stated', 'not-stated', undefined],
            [2, 'recommended', 'if-no-improvement', 'not-stated', 'not-stated', undefined],
            [3, 'recommended', 'recommended', 'recommended', 'consider', undefined],
            [4, 'recommended', 'recommended', 'recommended', 'consider', undefined]
        ]],
        ['icans', 'no tocilizumab, dexamethasone from grade 2, ICU from grade 3, anakinra if no improvement at grades 2-3 and given at grade 4', [
            [1, 'not-stated', 'consider', 'not-stated', 'not-stated', 'consider'],
            [2, 'not-stated', 'recommended', 'not-stated', 'if-no-improvement', 'recommended'],
            [3, 'not-stated', 'recommended', 'recommended', 'if-no-improvement', 'not-stated'],
            [4, 'not-stated', 'recommended', 'recommended', 'recommended', 'not-stated']
        ]]
    ] as const)('%s panel: %s', (system, _summary, expected) => {
        expect(guidelinePanel(system).grades.map((g) => [g.grade, g.tocilizumab, g.steroids, g.icu, g.anakinra, g.antiEpileptics])).toEqual(expected);
    });

    test('the panels grade as ASTCT does, and every panel order is a dose of the drug dose reference', () => {
        for (const system of ['crs', 'icans'] as const) {
            expect(guidelinePanel(system).grades.map((g) => g.grade)).toEqual(gradingReference(system).grades.map((g) => g.grade));
            for (const order of guidelinePanel(system).grades.flatMap((g) => g.orders)) {
                const doses = drugDoseReference(order.drug)!.doses;
                const same = doses.some((d) => d.value === order.value && d.unit === order.unit && d.upper === order.upper
                    && d.every?.value === order.every?.value && d.every?.unit === order.every?.unit);
                expect(same, `${system}: ${order.drug} ${order.value} ${order.unit}`).toBe(true);
            }
        }
    });
});

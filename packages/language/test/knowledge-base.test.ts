// The clinical knowledge base (knowledge/*.json): loaded and zod-checked at start-up, every entry sourced, unconfirmed values flagged.
import { describe, expect, test } from 'vitest';
import {
    agentReference, gradingReference, knownAgentNames, referenceTables, supportiveDrugReference
} from '../src/knowledge/reference.js';

describe('agents', () => {
    test('every agent of the clinical reference is known, with route, dose basis and a sourced step-up schedule', () => {
        expect(knownAgentNames().sort()).toEqual([
            'blinatumomab', 'elranatamab', 'epcoritamab', 'glofitamab', 'linvoseltamab', 'mosunetuzumab', 'talquetamab', 'tarlatamab', 'teclistamab'
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

    test('values marked UNCONFIRMED in the clinical reference are stored with confirmed: false', () => {
        expect(agentReference('talquetamab')!.restart?.confirmed).toBe(false);
        const premedication = agentReference('teclistamab')!.premedication!.orders;
        expect(premedication.map((o) => [o.drug, o.confirmed])).toEqual([['dexamethasone', true], ['diphenhydramine', false], ['acetaminophen', false]]);
        expect(referenceTables.ctcae.filter((row) => !row.confirmed).map((row) => [row.observation, row.grade])).toEqual([['platelets', 3], ['platelets', 4]]);
    });
});

describe('supportive drugs', () => {
    test('tocilizumab: 8 mg/kg, max 800 mg per dose, max 3 doses per 24 h (IMWG 2024); max 4 in total unconfirmed', () => {
        const limits = supportiveDrugReference('tocilizumab')!.limits;
        expect(limits.map((l) => [l.kind, l.value, l.confirmed])).toEqual([
            ['per-kg-per-dose', 8, true], ['per-dose', 800, true], ['doses-per-period', 3, true], ['doses-total', 4, false]
        ]);
    });

    test('dexamethasone and methylprednisolone as in the IMWG panels', () => {
        expect(supportiveDrugReference('dexamethasone')!.doses.filter((d) => d.context.startsWith('ICANS grade 3')).map((d) => [d.value, d.every?.value]))
            .toEqual([[10, 6], [20, 6]]);
        expect(supportiveDrugReference('methylprednisolone')!.doses.map((d) => [d.value, d.upper, d.unit])).toEqual([[1000, 2000, 'mg'], [2, undefined, 'mg/kg']]);
    });
});

describe('grading', () => {
    test('ASTCT ICE ranges: grade 1 7-9, 2 3-6, 3 0-2, 4 0; the ICE score adds up to 10', () => {
        expect(gradingReference('icans').grades.map((g) => [g.grade, g.ice?.min, g.ice?.max])).toEqual([[1, 7, 9], [2, 3, 6], [3, 0, 2], [4, 0, 0]]);
        expect(referenceTables.ice.components.reduce((sum, c) => sum + c.points, 0)).toBe(10);
        expect(gradingReference('crs').grades.map((g) => g.grade)).toEqual([1, 2, 3, 4]);
    });
});

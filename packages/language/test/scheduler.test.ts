// Examples of the scheduler's calendar rules: cycle 1 day 1, notices, variants decided by patient facts, lab events it refuses.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { addDays, computeSchedule, OrderSet, ScheduleInputError, type ScheduleRequest, type TimelineEvent } from '../src/orderset/index.js';

function golden(name: string): OrderSet {
    return OrderSet.parse(JSON.parse(readFileSync(new URL(`../../../examples/golden/${name}.orderset.json`, import.meta.url), 'utf8')));
}

const START = '2026-12-01';
const inpatient = golden('teclistamab-inpatient');
const epcoritamab = golden('epcoritamab-dlbcl');

function request(orderSet: OrderSet, overrides: Partial<ScheduleRequest> = {}): ScheduleRequest {
    return { orderSet, patient: { weight: 72, flags: [] }, start: START, until: addDays(START, 120), events: [], ...overrides };
}

describe('--start is cycle 1 day 1', () => {
    // Glofitamab's shape (Columvi USPI): obinutuzumab on C1D1, step-up doses on C1D8 and C1D15, 21-day cycles.
    const dayEightStart = {
        ...epcoritamab,
        stepUp: epcoritamab.stepUp.slice(0, 2).map((d, i) => ({ ...d, day: 8 + 7 * i })),
        cycles: { ...epcoritamab.cycles!, length: { value: 21, unit: 'd' as const }, rules: [{ ...epcoritamab.cycles!.rules[2], firstCycle: 2, lastCycle: undefined, days: [1] }] },
        preTreatment: [{ id: 'obinutuzumab', orders: [], completeWithin: { value: 7, unit: 'd' as const }, before: 'SUD1' }]
    };

    test('a step-up dose on day N is given N - 1 days after the start; cycle 2 begins a cycle length after the start', () => {
        const schedule = computeSchedule(request(dayEightStart));
        expect(schedule.administrations.slice(0, 4).map((a) => [a.date, a.dose])).toEqual([
            ['2026-12-08', 'SUD1'], ['2026-12-15', 'SUD2'], ['2026-12-22', `${dayEightStart.cycles.rules[0].id}.C2D1`], ['2027-01-12', `${dayEightStart.cycles.rules[0].id}.C3D1`]
        ]);
        expect(schedule.preTreatment).toEqual([{ id: 'obinutuzumab', text: '', notBefore: START, completeBy: '2026-12-08' }]);
    });

    test('a step-up starting on day 1 is given on the start, as before', () => {
        expect(computeSchedule(request(inpatient)).administrations[0]).toMatchObject({ date: START, dose: 'SUD1' });
    });
});

describe('notices', () => {
    test('an active protocol in effect has none', () => {
        expect(computeSchedule(request(inpatient)).notices).toBeUndefined();
    });

    test('a draft scheduled before its effective date has both, and is still scheduled', () => {
        const draft = { ...inpatient, protocol: { ...inpatient.protocol, status: 'draft' as const, effective: '2027-01-01' } };
        const schedule = computeSchedule(request(draft));
        expect(schedule.notices).toEqual([
            { kind: 'not-active', message: 'TEC-STEPUP-INPATIENT is a draft, not active: this schedule is for trying the protocol out, not for treating a patient' },
            { kind: 'not-yet-effective', message: 'TEC-STEPUP-INPATIENT takes effect on 2027-01-01, after cycle 1 day 1 (2026-12-01): it may not be used for a patient before then' }
        ]);
        expect(schedule.administrations.length).toBeGreaterThan(0);
    });
});

describe('patient facts decide variants', () => {
    const highRisk = golden('teclistamab-high-risk');
    const byHeight = { ...highRisk, variants: highRisk.variants.map((v) => ({ ...v, when: { type: 'observation' as const, observation: 'height', op: 'lt' as const, value: 150, unit: 'cm' } })) };

    test('a variant on a patient input that is not given is an input error, not the base pathway', () => {
        expect(() => computeSchedule(request(byHeight))).toThrow(new ScheduleInputError(
            'variant.high-risk depends on height, not given on 2026-12-01: give it (--weight, --height, --age, or a lab event on or before cycle 1 day 1)'));
    });

    test('a variant on a patient input that is given is decided on it', () => {
        expect(computeSchedule(request(byHeight, { patient: { weight: 40, height: 145, flags: [] } })).administrations[0].dose).toBe('high-risk.SUD1');
        expect(computeSchedule(request(byHeight, { patient: { weight: 40, height: 160, flags: [] } })).administrations[0].dose).toBe('SUD1');
    });
});

describe('lab events the scheduler cannot read are refused by their position', () => {
    const lab = (observation: string, value: number, unit: string): TimelineEvent => ({ date: '2026-12-03', type: 'lab', observation, value, unit });

    test.each([
        [lab('ANC', 0.4, 'mg'), "event 2 (2026-12-03, ANC 0.4 mg): 'mg' cannot be converted to 10*9/L, the unit the protocol compares ANC in"],
        [lab('ANC', 0.4, 'cells'), "event 2 (2026-12-03, ANC 0.4 cells): 'cells' is not a unit Titra knows (UCUM)"],
        [lab('creatinine', 1.1, 'mg/dL'), "event 2 (2026-12-03, creatinine 1.1 mg/dL): the protocol does not use 'creatinine' (inputs: weight, ANC, platelets, hemoglobin, IgG, CD4)"]
    ])('%j', (event, message) => {
        const events = [lab('platelets', 120, '10*9/L'), event];
        expect(() => computeSchedule(request(inpatient, { events }))).toThrow(new ScheduleInputError(message));
    });
});

describe('the phase after a used-up one', () => {
    const linvoseltamab = golden('linvoseltamab');
    const [weekly] = linvoseltamab.maintenance;
    const oneOff = { ...weekly, id: 'A', name: 'A', doseCount: 1, minSpacing: undefined };
    const withNext = (next: Partial<typeof weekly>) => ({ ...linvoseltamab, maintenance: [oneOff, { ...weekly, id: 'B', name: 'B', doseCount: undefined, minSpacing: undefined, after: 'A', interval: { value: 2, unit: 'wk' as const }, ...next }] });
    const doses = (orderSet: OrderSet) => computeSchedule(request(orderSet, { until: '2027-03-01' }));

    test('waits for its from week without repeating the used-up phase', () => {
        const schedule = doses(withNext({ fromWeek: 10 }));
        expect(schedule.administrations.filter((a) => a.dose === 'A').map((a) => a.date)).toEqual(['2026-12-22']);
        expect(schedule.administrations.find((a) => a.dose === 'B')?.date).toBe(addDays(START, 63));
    });

    test('whose condition does not hold ends the course with a decision saying why', () => {
        const schedule = doses(withNext({ when: { type: 'response', op: 'ge', level: 'PR' } }));
        expect(schedule.administrations.map((a) => a.dose)).toEqual(['SUD1', 'SUD2', 'TD1', 'A']);
        expect(schedule.decisions).toContainEqual({
            date: '2027-01-05', kind: 'transition', rule: 'B', message: 'A is complete; B needs response >= PR, not reported on 2027-01-05: no further dose is scheduled'
        });
    });
});

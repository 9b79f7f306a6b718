// Property tests of the scheduler on the example order sets: holds respected, caps respected, deterministic; patient facts, lab units, phase counts.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
    addDays, computeSchedule, daysBetween, evaluateCondition, OrderSet, patientFacts, type MaintenancePhase,
    type Schedule, type TimelineEvent
} from '../src/orderset/index.js';
import { reverseDays, stateOn } from '#test-support/timeline.js';

const goldenFolder = new URL('../../../examples/golden/', import.meta.url);
const orderSets = readdirSync(goldenFolder).filter((f) => f.endsWith('.orderset.json'))
    .map((f) => OrderSet.parse(JSON.parse(readFileSync(new URL(f, goldenFolder), 'utf8'))));

const START = '2026-12-01';
const HORIZON_DAYS = 120;

const day = fc.integer({ min: -3, max: HORIZON_DAYS }).map((n) => addDays(START, n));
const event: fc.Arbitrary<TimelineEvent> = fc.oneof(
    fc.record({ date: day, type: fc.constant('lab' as const), observation: fc.constantFrom('ANC', 'platelets'),
        value: fc.double({ min: 0, max: 300, noNaN: true }), unit: fc.constant('10*9/L') }),
    fc.record({ date: day, type: fc.constant('lab' as const), observation: fc.constant('ANC'),
        value: fc.integer({ min: 0, max: 5000 }), unit: fc.constant('/uL') }),
    fc.record({ date: day, type: fc.constant('toxicity' as const), toxicity: fc.constantFrom('crs', 'icans', 'tumor-flare'),
        grade: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ date: day, type: fc.constant('response' as const), level: fc.constantFrom('sCR', 'CR', 'VGPR', 'PR', 'SD', 'PD') }),
    fc.record({ date: day, type: fc.constant('state' as const), state: fc.constantFrom('active-infection', 'bleeding', 'febrile-neutropenia'),
        present: fc.boolean() }),
    fc.tuple(day, fc.integer({ min: 1, max: 70 })).map(([date, length]): TimelineEvent => ({ date, type: 'delay', until: addDays(date, length) }))
);

const scenario = fc.record({
    orderSet: fc.constantFrom(...orderSets),
    weight: fc.double({ min: 35, max: 180, noNaN: true }),
    height: fc.integer({ min: 140, max: 200 }),
    age: fc.integer({ min: 18, max: 95 }),
    flags: fc.subarray(['extramedullary-disease', 'high-tumor-burden']),
    events: fc.array(event, { maxLength: 12 })
});

function run(request: ReturnType<typeof build>): Schedule {
    return computeSchedule(request);
}

/** The scheduler refuses a lab result on an observation the protocol does not require, so each protocol gets only the labs it reads. */
function build(s: { orderSet: OrderSet; weight: number; height: number; age?: number; flags: string[]; events: TimelineEvent[] }) {
    const required = new Set(s.orderSet.requiredInputs.map((input) => input.name));
    return {
        orderSet: s.orderSet, patient: { weight: s.weight, height: s.height, ...(s.age !== undefined ? { age: s.age } : {}), flags: s.flags },
        start: START, until: addDays(START, HORIZON_DAYS), events: s.events.filter((e) => e.type !== 'lab' || required.has(e.observation))
    };
}

const options = { seed: 42, numRuns: 400 };

describe('scheduler properties', () => {
    test('the example order sets are loaded', () => {
        expect(orderSets.length).toBeGreaterThanOrEqual(8);
    });

    test('no dose is given on a day on which a hold trigger holds', () => {
        fc.assert(fc.property(scenario, (s) => {
            const request = build(s);
            const schedule = run(request);
            for (const administration of schedule.administrations) {
                const state = stateOn(request.events, request.patient, administration.date);
                for (const hold of s.orderSet.holds) {
                    expect(evaluateCondition(hold.trigger, state), `${hold.id} on ${administration.date}`).not.toBe(true);
                }
            }
        }), options);
    });

    test('no dose is given between a panel\'s "hold next dose" grade and its resolution, nor after a "discontinue permanently" grade', () => {
        const probe = (id: string, action: 'hold-next-dose' | 'discontinue-permanently') => ({ id, type: 'dosing' as const, consider: false, action });
        const panel: OrderSet['panels'][number] = {
            id: 'panel.toxicity.probe', kind: 'toxicity', name: 'probe', grading: 'CTCAE-v5',
            grades: [{ grade: 2, orders: [probe('probe.g2', 'hold-next-dose')] }, { grade: 4, orders: [probe('probe.g4', 'discontinue-permanently')] }]
        };
        const report = fc.record({ date: day, type: fc.constant('toxicity' as const), toxicity: fc.constant('probe'), grade: fc.constantFrom(0, 1, 2, 4) });
        fc.assert(fc.property(scenario, fc.array(report, { maxLength: 4 }), (s, reports) => {
            const request = build({ ...s, orderSet: { ...s.orderSet, panels: [...s.orderSet.panels, panel] }, events: [...s.events, ...reports] });
            const schedule = run(request);
            for (const administration of schedule.administrations) {
                for (const held of reports.filter((r) => r.grade >= 2 && r.date <= administration.date)) {
                    const resolved = reports.some((r) => r.grade === 0 && r.date > held.date && r.date <= administration.date);
                    expect(held.grade === 4 || !resolved, `dose on ${administration.date} after grade ${held.grade} on ${held.date}`).toBe(false);
                }
            }
        }), options);
    });

    test('no computed dose exceeds its maximum per dose', () => {
        fc.assert(fc.property(scenario, (s) => {
            const schedule = run(build(s));
            const definitions = [...s.orderSet.stepUp, ...s.orderSet.maintenance, ...(s.orderSet.variants.flatMap((v) => [...(v.stepUp ?? []), ...(v.maintenance ?? [])]))];
            for (const a of schedule.administrations) {
                const cap = definitions.find((d) => d.id === a.dose)?.dose.maxPerDose;
                if (cap) expect(a.amount.value).toBeLessThanOrEqual(cap.value);
            }
            const panelMedications = s.orderSet.panels.flatMap((p) => p.grades.flatMap((g) => g.orders))
                .flatMap((o) => (o.type === 'medication' ? [o] : []));
            for (const panel of schedule.panelOrders) {
                for (const order of panel.orders) {
                    const cap = panelMedications.find((m) => m.id === order.id)?.dose.maxPerDose;
                    if (cap && order.amount) expect(order.amount.value).toBeLessThanOrEqual(cap.value);
                }
            }
        }), options);
    });

    test('the schedule is deterministic and does not depend on the order in which days are listed', () => {
        fc.assert(fc.property(scenario, (s) => {
            const first = run(build(s));
            expect(run(build(s))).toEqual(first);
            expect(run(build({ ...s, events: reverseDays(s.events) }))).toEqual(first);
        }), options);
    });

    test('doses are in date order, inside the horizon, never two on one day', () => {
        fc.assert(fc.property(scenario, (s) => {
            const request = build(s);
            const dates = run(request).administrations.map((a) => a.date);
            expect([...dates].sort()).toEqual(dates);
            expect(new Set(dates).size).toBe(dates.length);
            for (const date of dates) {
                expect(date >= request.start && date <= request.until).toBe(true);
            }
        }), options);
    });
});

function goldenOrderSet(id: string): OrderSet {
    const found = orderSets.find((o) => o.protocol.id === id);
    if (!found) throw new Error(`no golden order set ${id}`);
    return found;
}

/** The high-risk teclistamab protocol with its variant chosen by weight instead of flags. */
const underweightVariant: OrderSet = (() => {
    const base = goldenOrderSet('TEC-HIGH-RISK');
    return { ...base, variants: base.variants.map((v) => ({ ...v, when: { type: 'observation' as const, observation: 'weight', op: 'lt' as const, value: 45, unit: 'kg' } })) };
})();

/** Lab events in 10*9/L, and the same results in the other spellings a protocol accepts. */
const countEvents = fc.array(fc.record({
    date: day, type: fc.constant('lab' as const), observation: fc.constantFrom('ANC', 'platelets'),
    value: fc.integer({ min: 0, max: 300_000 }).map((n) => n / 1000), unit: fc.constant('10*9/L')
}), { maxLength: 10 });
const SPELLINGS: Array<{ unit: string; factor: number }> = [
    { unit: 'x10^9/L', factor: 1 }, { unit: 'G/L', factor: 1 }, { unit: '/uL', factor: 1000 }, { unit: '/mcL', factor: 1000 },
    { unit: '10*3/uL', factor: 1 }
];

describe('scheduler properties of patient facts, lab units and phase counts', () => {
    test('a variant chosen by the patient\'s weight is used from the first dose', () => {
        fc.assert(fc.property(fc.double({ min: 30, max: 120, noNaN: true }), (weight) => {
            const schedule = run(build({ orderSet: underweightVariant, weight, height: 170, flags: [], events: [] }));
            const variantUsed = weight < 45;
            expect(schedule.administrations[0].dose.startsWith('high-risk.'), `weight ${weight}`).toBe(variantUsed);
            expect(schedule.decisions.some((d) => d.kind === 'variant' && d.date === START)).toBe(variantUsed);
        }), options);
    });

    test('lab results in equivalent units give the same calendar', () => {
        fc.assert(fc.property(fc.constantFrom(...orderSets), countEvents, fc.constantFrom(...SPELLINGS), (orderSet, events, spelling) => {
            const base = run(build({ orderSet, weight: 70, height: 170, flags: [], events }));
            const respelled = events.map((e) => ({ ...e, value: e.value * spelling.factor, unit: spelling.unit }));
            expect(run(build({ orderSet, weight: 70, height: 170, flags: [], events: respelled }))).toEqual(base);
        }), { seed: 42, numRuns: 150 });
    });

    test('a phase given for N doses gives exactly N, each phase on its own interval', () => {
        const linvoseltamab = goldenOrderSet('LINVOSELTAMAB');
        const phase = (id: string, weeks: number, count: number, after: string): MaintenancePhase => ({
            ...linvoseltamab.maintenance[0], id, name: id, after, interval: { value: weeks, unit: 'wk' }, doseCount: count
        });
        fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }),
            (countA, weeksA, countB, weeksB) => {
                const orderSet = { ...linvoseltamab, maintenance: [phase('A', weeksA, countA, 'TD1'), phase('B', weeksB, countB, 'A')] };
                const schedule = computeSchedule({ orderSet, patient: { weight: 70, flags: [] }, start: START, until: addDays(START, 400), events: [] });
                const dates = (id: string) => schedule.administrations.filter((a) => a.dose === id).map((a) => a.date);
                const [a, b] = [dates('A'), dates('B')];
                expect(a).toHaveLength(countA);
                expect(b).toHaveLength(countB);
                expect(schedule.administrations).toHaveLength(linvoseltamab.stepUp.length + countA + countB);
                for (let i = 1; i < a.length; i++) expect(daysBetween(a[i - 1], a[i])).toBe(weeksA * 7);
                for (let i = 1; i < b.length; i++) expect(daysBetween(b[i - 1], b[i])).toBe(weeksB * 7);
                // After a single dose the next phase keeps its own interval; after several, the next dose is due on the phase's rhythm.
                expect(daysBetween(a[a.length - 1], b[0])).toBe((countA > 1 ? weeksA : weeksB) * 7);
            }), options);
    });

    test('the patient inputs are the observations a condition sees before any event', () => {
        const facts = patientFacts({ weight: 30, height: 140, age: 12 });
        expect([...facts.entries()]).toEqual([['weight', { value: 30, unit: 'kg' }], ['height', { value: 140, unit: 'cm' }], ['age', { value: 12, unit: 'a' }]]);
        const state = { observations: facts, grades: new Map(), states: new Set<string>(), flags: new Set<string>(), today: START };
        expect(evaluateCondition({ type: 'observation', observation: 'weight', op: 'lt', value: 45, unit: 'kg' }, state)).toBe(true);
        expect(evaluateCondition({ type: 'observation', observation: 'weight', op: 'lt', value: 45000, unit: 'g' }, state)).toBe(true);
    });
});


// Property tests of the scheduler on the example order sets: holds respected, caps respected, deterministic.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
    addDays, computeSchedule, evaluateCondition, OrderSet, type Schedule, type TimelineEvent
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
    flags: fc.subarray(['extramedullary-disease', 'high-tumor-burden']),
    events: fc.array(event, { maxLength: 12 })
});

function run(request: ReturnType<typeof build>): Schedule {
    return computeSchedule(request);
}

function build(s: { orderSet: OrderSet; weight: number; height: number; flags: string[]; events: TimelineEvent[] }) {
    return {
        orderSet: s.orderSet, patient: { weight: s.weight, height: s.height, flags: s.flags },
        start: START, until: addDays(START, HORIZON_DAYS), events: s.events
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
                const state = stateOn(request.events, s.flags, administration.date);
                for (const hold of s.orderSet.holds) {
                    expect(evaluateCondition(hold.trigger, state), `${hold.id} on ${administration.date}`).not.toBe(true);
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

// Property tests of continuous infusions on the blinatumomab order set: no infusion under a hold, daily caps respected, deterministic.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
    addDays, computeSchedule, evaluateCondition, OrderSet, type InfusionPeriod, type TimelineEvent
} from '../src/orderset/index.js';
import { reverseDays, stateOn } from '#test-support/timeline.js';

const orderSet = OrderSet.parse(JSON.parse(readFileSync(new URL('../../../examples/golden/blinatumomab.orderset.json', import.meta.url), 'utf8')));
const segments = [orderSet.continuousInfusion, ...orderSet.variants.map((v) => v.continuousInfusion)]
    .flatMap((infusion) => infusion?.rules.flatMap((r) => r.segments) ?? []);

const START = '2026-12-01';
const HORIZON_DAYS = 150;

const day = fc.integer({ min: -3, max: HORIZON_DAYS }).map((n) => addDays(START, n));
const event: fc.Arbitrary<TimelineEvent> = fc.oneof(
    fc.record({ date: fc.constant(START), type: fc.constant('lab' as const), observation: fc.constant('weight'),
        value: fc.integer({ min: 10, max: 120 }), unit: fc.constant('kg') }),
    fc.record({ date: day, type: fc.constant('lab' as const), observation: fc.constantFrom('ANC', 'platelets'),
        value: fc.double({ min: 0, max: 300, noNaN: true }), unit: fc.constant('10*9/L') }),
    fc.record({ date: day, type: fc.constant('toxicity' as const), toxicity: fc.constantFrom('crs', 'icans'), grade: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ date: day, type: fc.constant('state' as const), state: fc.constant('active-infection'), present: fc.boolean() })
);

const interruptionPair = fc.tuple(day, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 23 }))
    .map(([date, length, hours]): TimelineEvent[] => [
        { date, type: 'infusion-interrupted' },
        { date: addDays(date, length), type: 'infusion-resumed', ...(length === 0 ? { hours } : {}) }
    ]);

const scenario = fc.record({
    // Heights and weights beyond the usual range give body surface areas large enough to reach the daily caps.
    weight: fc.double({ min: 10, max: 200, noNaN: true }),
    height: fc.integer({ min: 80, max: 230 }),
    events: fc.tuple(fc.array(event, { maxLength: 10 }), fc.array(interruptionPair, { maxLength: 2 }))
        .map(([single, pairs]) => [...single, ...pairs.flat()])
});

function build(s: { weight: number; height: number; events: TimelineEvent[] }) {
    return { orderSet, patient: { weight: s.weight, height: s.height, flags: [] }, start: START, until: addDays(START, HORIZON_DAYS), events: s.events };
}

function infusedDays(period: InfusionPeriod): string[] {
    return Array.from({ length: period.days }, (_, i) => addDays(period.from, i));
}

const options = { seed: 42, numRuns: 300 };

describe('continuous infusion properties', () => {
    test('the blinatumomab order set has capped and uncapped infusion rates', () => {
        expect(segments.some((s) => s.dose.maxPerDose)).toBe(true);
        expect(segments.some((s) => !s.dose.maxPerDose)).toBe(true);
    });

    test('no day is infused on which a hold trigger holds', () => {
        fc.assert(fc.property(scenario, (s) => {
            const schedule = computeSchedule(build(s));
            for (const day of (schedule.infusions ?? []).flatMap(infusedDays)) {
                const state = stateOn(s.events, { flags: [] }, day);
                for (const hold of orderSet.holds) expect(evaluateCondition(hold.trigger, state), `${hold.id} on ${day}`).not.toBe(true);
            }
        }), options);
    });

    test('no daily amount exceeds the daily cap of its rate', () => {
        fc.assert(fc.property(scenario, (s) => {
            for (const period of computeSchedule(build(s)).infusions ?? []) {
                const cap = segments.find((segment) => segment.id === period.segment)?.dose.maxPerDose;
                if (cap) expect(period.dailyAmount.value).toBeLessThanOrEqual(cap.value);
            }
        }), options);
    });

    test('periods are in date order, inside the horizon, never overlapping, each counting the cycle days it infuses', () => {
        fc.assert(fc.property(scenario, (s) => {
            const request = build(s);
            const periods = computeSchedule(request).infusions ?? [];
            for (let i = 0; i < periods.length; i++) {
                expect(periods[i].from >= request.start && periods[i].to <= request.until).toBe(true);
                expect(infusedDays(periods[i]).at(-1)).toBe(periods[i].to);
                if (i > 0) expect(periods[i].from > periods[i - 1].to).toBe(true);
                expect(periods[i].cycle.lastDay - periods[i].cycle.firstDay + 1).toBe(periods[i].days);
            }
        }), options);
    });

    test('the calendar is deterministic and does not depend on the order in which days are listed', () => {
        fc.assert(fc.property(scenario, (s) => {
            const first = computeSchedule(build(s));
            expect(computeSchedule(build(s))).toEqual(first);
            expect(computeSchedule(build({ ...s, events: reverseDays(s.events) }))).toEqual(first);
        }), options);
    });
});

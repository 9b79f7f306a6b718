// Property tests of cycle schedules: cycle counts, conditional cycle rules and daily caps respected; deterministic.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
    addDays, computeSchedule, evaluateCondition, OrderSet, type Condition, type CycleRule, type Schedule, type TimelineEvent
} from '../src/orderset/index.js';

const base = OrderSet.parse(JSON.parse(readFileSync(new URL('../../../examples/golden/mosunetuzumab.orderset.json', import.meta.url), 'utf8')));

const START = '2026-12-01';
const HORIZON_DAYS = 420;

const CONDITIONS: Condition[] = [
    { type: 'all', of: [{ type: 'response', op: 'ge', level: 'SD' }, { type: 'response', op: 'le', level: 'PR' }] },
    { type: 'response', op: 'ge', level: 'PR' }
];

/** Rules for consecutive cycle ranges from cycle 2: a daily-rate dose with a daily cap, some with a condition. */
const rules: fc.Arbitrary<CycleRule[]> = fc.array(fc.record({
    span: fc.integer({ min: 1, max: 6 }),
    days: fc.uniqueArray(fc.integer({ min: 1, max: 21 }), { minLength: 1, maxLength: 3 }).map((d) => d.sort((a, b) => a - b)),
    value: fc.integer({ min: 1, max: 40 }),
    cap: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    when: fc.option(fc.constantFrom(...CONDITIONS), { nil: undefined })
}), { minLength: 1, maxLength: 4 }).map((specs) => {
    let first = 2;
    return specs.map((spec, index): CycleRule => {
        const rule: CycleRule = {
            id: `cycle.${index}`, firstCycle: first, lastCycle: first + spec.span - 1, days: spec.days,
            ...(spec.when ? { when: spec.when } : {}),
            dose: {
                value: spec.value, unit: 'ug/m2/d', per: 'm2', basis: 'body-surface-area', text: `${spec.value} mcg/m2/day`,
                ...(spec.cap ? { maxPerDose: { value: spec.cap, unit: 'ug/d' } } : {})
            },
            route: 'intravenous'
        };
        first += spec.span;
        return rule;
    });
});

const day = fc.integer({ min: 0, max: HORIZON_DAYS }).map((n) => addDays(START, n));
const response: fc.Arbitrary<TimelineEvent> = fc.record({
    date: day, type: fc.constant('response' as const), level: fc.constantFrom('CR', 'PR', 'SD', 'PD')
});

const scenario = fc.record({
    rules,
    maxCycles: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
    weight: fc.integer({ min: 40, max: 120 }),
    height: fc.integer({ min: 140, max: 200 }),
    events: fc.array(response, { maxLength: 4 })
});

type Case = { rules: CycleRule[]; maxCycles?: number; weight: number; height: number; events: TimelineEvent[] };

function orderSetOf(c: Case): OrderSet {
    // Holds are left out so that every planned cycle day is given (holds have their own properties).
    return { ...base, holds: [], cycles: { length: { value: 21, unit: 'd' }, ...(c.maxCycles ? { maxCycles: c.maxCycles } : {}), rules: c.rules } };
}

function run(c: Case): Schedule {
    return computeSchedule({
        orderSet: orderSetOf(c), patient: { weight: c.weight, height: c.height, flags: [] },
        start: START, until: addDays(START, HORIZON_DAYS), events: c.events
    });
}

/** The latest response reported on or before `date` (independent re-derivation of the patient state). */
function responseOn(events: TimelineEvent[], date: string) {
    const reported = [...events].sort((a, b) => a.date.localeCompare(b.date))
        .filter((e): e is Extract<TimelineEvent, { type: 'response' }> => e.type === 'response' && e.date <= date);
    const latest = reported[reported.length - 1];
    return {
        observations: new Map(), grades: new Map(), states: new Set<string>(), flags: new Set<string>(), today: date,
        ...(latest ? { response: { level: latest.level, since: latest.date } } : {})
    };
}

const options = { seed: 7, numRuns: 300 };

describe('cycle schedule properties', () => {
    test('no cycle beyond the maximum or the rules, and each cycle is given on its rule days, from its start', () => {
        fc.assert(fc.property(scenario, (c) => {
            const cycles = run(c).administrations.filter((a) => a.phase === 'cycle');
            const lastRuleCycle = c.rules[c.rules.length - 1].lastCycle!;
            for (const a of cycles) {
                const { number, day: cycleDay } = a.cycle!;
                expect(number).toBeLessThanOrEqual(Math.min(c.maxCycles ?? Infinity, lastRuleCycle));
                const rule = c.rules.find((r) => r.firstCycle <= number && number <= r.lastCycle!)!;
                expect(rule.days).toContain(cycleDay);
                // Without holds or delays, cycle N starts (N - 1) cycle lengths after cycle 1 day 1.
                expect(a.date).toBe(addDays(START, 21 * (number - 1) + cycleDay - 1));
            }
            const numbers = cycles.map((a) => a.cycle!.number);
            expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
        }), options);
    });

    test('the cycle doses are exactly those the rules, the maximum and the conditions give', () => {
        fc.assert(fc.property(scenario, (c) => {
            const until = addDays(START, HORIZON_DAYS);
            const expected: string[] = [];
            const last = Math.min(c.maxCycles ?? Infinity, c.rules[c.rules.length - 1].lastCycle!);
            for (let cycle = 2; cycle <= last; cycle++) {
                const rule = c.rules.find((r) => r.firstCycle <= cycle && cycle <= r.lastCycle!)!;
                const due = addDays(START, 21 * (cycle - 1));
                if (due > until) break;
                if (rule.when && evaluateCondition(rule.when, responseOn(c.events, addDays(START, 21 * (rule.firstCycle - 1)))) !== true) break;
                expected.push(...rule.days.map((d) => addDays(due, d - 1)).filter((date) => date <= until));
            }
            expect(run(c).administrations.filter((a) => a.phase === 'cycle').map((a) => a.date)).toEqual(expected);
        }), options);
    });

    test('no cycle dose exceeds its daily cap', () => {
        fc.assert(fc.property(scenario, (c) => {
            for (const a of run(c).administrations.filter((x) => x.phase === 'cycle')) {
                const rule = c.rules.find((r) => r.firstCycle <= a.cycle!.number && a.cycle!.number <= r.lastCycle!)!;
                expect(a.amount.unit).toBe('ug/d');
                if (rule.dose.maxPerDose) expect(a.amount.value).toBeLessThanOrEqual(rule.dose.maxPerDose.value);
            }
        }), options);
    });

    test('the schedule is deterministic', () => {
        fc.assert(fc.property(scenario, (c) => {
            expect(run(c)).toEqual(run(c));
        }), options);
    });
});

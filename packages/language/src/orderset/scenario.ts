// Scenario files: a patient, a start date and events, and the orders and decisions the protocol must produce.
import { z } from 'zod';
import { compareWithTolerance } from '../vocabulary/tolerance.js';
import type { Schedule } from './schedule-schema.js';
import { IsoDate } from './schedule/dates.js';
import { PatientInputs, TimelineEvent } from './schedule/input.js';

/** Expected parts of a schedule; each is matched partially (see `findDifference`). */
const Expectation = z.object({
    administrations: z.array(z.record(z.string(), z.unknown())).optional(),
    administrationCount: z.number().int().nonnegative().optional(),
    holds: z.array(z.record(z.string(), z.unknown())).optional(),
    decisions: z.array(z.record(z.string(), z.unknown())).optional(),
    panelOrders: z.array(z.record(z.string(), z.unknown())).optional(),
    supportiveCare: z.array(z.record(z.string(), z.unknown())).optional(),
    preTreatment: z.array(z.record(z.string(), z.unknown())).optional(),
    notices: z.array(z.record(z.string(), z.unknown())).optional(),
    noDosesBetween: z.array(z.tuple([IsoDate, IsoDate])).optional()
}).strict();

export const Scenario = z.object({
    name: z.string().min(1),
    description: z.string().optional(),
    protocol: z.string().min(1).meta({ description: 'path of the .titra protocol (or compiled .json), relative to the scenario file' }),
    patient: PatientInputs,
    start: IsoDate,
    until: IsoDate,
    events: z.array(TimelineEvent).default([]),
    expect: Expectation
}).strict();

export type Scenario = z.infer<typeof Scenario>;

export interface Difference {
    path: string;
    expected: unknown;
    actual: unknown;
}

function describe(value: unknown): string {
    return value === undefined ? 'nothing' : JSON.stringify(value);
}

export function formatDifference(d: Difference): string {
    return `${d.path}: expected ${describe(d.expected)}, got ${describe(d.actual)}`;
}

/**
 * Partial deep match: every key the expectation gives must match (objects may have more keys); numbers
 * match within the conversion tolerance; an expected array matches when each expected element matches a
 * different actual element, in any order, an empty expected array only matches an empty one, and null matches an absent field.
 * Returns the first difference, or undefined.
 */
export function findDifference(expected: unknown, actual: unknown, path = ''): Difference | undefined {
    // null expects the field to be absent.
    if (expected === null) return actual === undefined || actual === null ? undefined : { path, expected, actual };
    if (typeof expected === 'number' && typeof actual === 'number') {
        return compareWithTolerance(expected, actual) === 0 ? undefined : { path, expected, actual };
    }
    if (Array.isArray(expected)) {
        if (!Array.isArray(actual)) return { path, expected, actual };
        // An empty expected list means "none".
        if (expected.length === 0 && actual.length > 0) return { path, expected, actual };
        const used = new Set<number>();
        for (let i = 0; i < expected.length; i++) {
            const match = actual.findIndex((a, j) => !used.has(j) && findDifference(expected[i], a) === undefined);
            if (match < 0) return { path: `${path}[${i}]`, expected: expected[i], actual: closest(expected[i], actual) };
            used.add(match);
        }
        return undefined;
    }
    if (expected !== null && typeof expected === 'object') {
        if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return { path, expected, actual };
        for (const [key, value] of Object.entries(expected)) {
            const difference = findDifference(value, (actual as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
            if (difference) return difference;
        }
        return undefined;
    }
    return expected === actual ? undefined : { path, expected, actual };
}

/** The actual element sharing the most matching keys with the expected one, to show beside a mismatch. */
function closest(expected: unknown, candidates: unknown[]): unknown {
    if (expected === null || typeof expected !== 'object') return candidates;
    let best: unknown = undefined;
    let bestScore = -1;
    for (const candidate of candidates) {
        if (candidate === null || typeof candidate !== 'object') continue;
        const score = Object.entries(expected).filter(([k, v]) => findDifference(v, (candidate as Record<string, unknown>)[k]) === undefined).length;
        if (score > bestScore) {
            best = candidate;
            bestScore = score;
        }
    }
    return best;
}

/** Checks a computed schedule against a scenario's expectations; returns the first difference. */
export function checkScenario(scenario: Scenario, schedule: Schedule): Difference | undefined {
    const expect = scenario.expect;
    if (expect.administrations) {
        // Administrations are compared in order: the i-th expected one against the i-th given.
        for (let i = 0; i < expect.administrations.length; i++) {
            const difference = findDifference(expect.administrations[i], schedule.administrations[i], `administrations[${i}]`);
            if (difference) return difference;
        }
    }
    if (expect.administrationCount !== undefined && expect.administrationCount !== schedule.administrations.length) {
        return { path: 'administrationCount', expected: expect.administrationCount, actual: schedule.administrations.length };
    }
    for (const key of ['holds', 'decisions', 'panelOrders', 'supportiveCare', 'preTreatment', 'notices'] as const) {
        const expected = expect[key];
        if (!expected) continue;
        const difference = findDifference(expected, schedule[key] ?? [], key);
        if (difference) return difference;
    }
    for (const [from, to] of expect.noDosesBetween ?? []) {
        const inside = schedule.administrations.find((a) => a.date >= from && a.date <= to);
        if (inside) return { path: `noDosesBetween ${from}..${to}`, expected: 'no dose', actual: { date: inside.date, dose: inside.dose } };
    }
    return undefined;
}

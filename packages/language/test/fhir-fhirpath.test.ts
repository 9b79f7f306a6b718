// Differential tests of the FHIR export's FHIRPath: every condition and every weight/BSA dose of every example, evaluated by the fhirpath engine on synthetic Observation bundles, agrees with Titra's own evaluator and dose calculation.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import { describe, expect, test } from 'vitest';
import { computeDose, evaluateCondition, OrderSet, toFhirBundle, type Condition, type Dose, type PatientState, type PlanDefinition, type PlanDefinitionAction, type Truth } from '../src/index.js';
import { extensionUrl } from '../src/fhir/datatypes.js';
import {
    BEST_RESPONSE_CODING, CLINICAL_STATE_CODING, conditionFhirPath, doseAmountFhirPath, gradeCoding, observationCoding, RISK_FLAG_CODING,
    TITRA_CLINICAL_STATE_SYSTEM, TITRA_RESPONSE_SYSTEM, TITRA_RISK_FLAG_SYSTEM
} from '../src/fhir/fhirpath.js';
import type { Coding } from '../src/fhir/fhir-types.js';

const golden = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/golden');
const examples = readdirSync(golden).filter((f) => f.endsWith('.orderset.json')).sort()
    .map((file) => ({ name: file.replace(/\.orderset\.json$/, ''), orderSet: OrderSet.parse(JSON.parse(readFileSync(path.join(golden, file), 'utf8'))) }));
const UCUM = 'http://unitsofmeasure.org';
const runs = { seed: 16, numRuns: 60 };
const RESPONSE_LEVELS = ['sCR', 'CR', 'VGPR', 'PR', 'MR', 'SD', 'PD'] as const;

/** A convertible UCUM unit and the factor from the condition's unit to it, so values also arrive in another unit than compared in. */
const OTHER_UNITS: Readonly<Record<string, { unit: string; factor: number }>> = {
    '10*9/L': { unit: '/uL', factor: 1000 }, '/uL': { unit: '10*9/L', factor: 0.001 }, 'g/dL': { unit: 'g/L', factor: 10 },
    'mg/dL': { unit: 'g/L', factor: 0.01 }, kg: { unit: 'g', factor: 1000 }, cm: { unit: 'm', factor: 0.01 }
};

/** What a condition reads: observations with their thresholds and units, toxicities, flags, states, and whether it reads the response. */
interface Reads {
    observations: Map<string, { unit?: string; thresholds: number[] }>;
    toxicities: Set<string>;
    flags: Set<string>;
    states: Set<string>;
    response: boolean;
}

function reads(conditions: Condition[]): Reads {
    const found: Reads = { observations: new Map(), toxicities: new Set(), flags: new Set(), states: new Set(), response: false };
    const walk = (c: Condition): void => {
        switch (c.type) {
            case 'observation': {
                const entry = found.observations.get(c.observation) ?? { unit: c.unit, thresholds: [] };
                entry.thresholds.push(c.value);
                found.observations.set(c.observation, entry);
                return;
            }
            case 'grade': found.toxicities.add(c.toxicity); return;
            case 'response': found.response = true; return;
            case 'flag': found.flags.add(c.flag); return;
            case 'state': found.states.add(c.state); return;
            case 'all': case 'any': c.of.forEach(walk); return;
            case 'not': walk(c.condition); return;
            case 'resolved': return;
        }
    };
    conditions.forEach(walk);
    return found;
}

/** One synthetic reading: its value in the compared unit, the unit it is reported in, its minute of the day, and whether it counts (final) or was entered in error. */
interface Reading { value: number; unit?: string; minute: number; final: boolean }

interface Patient {
    readings: Map<string, Reading[]>;
    grades: Map<string, { grade: number; minute: number } | undefined>;
    response?: { level: (typeof RESPONSE_LEVELS)[number]; daysAgo: number };
    flags: Set<string>;
    states: Map<string, 'ongoing' | 'ended'>;
}

/** Synthetic patients for what a condition reads: values at, near and far from its thresholds, sometimes in another unit, sometimes missing. */
function patients(read: Reads): fc.Arbitrary<Patient> {
    const reading = (unit: string | undefined, thresholds: number[]): fc.Arbitrary<Reading> => fc.record({
        value: fc.oneof(fc.constantFrom(...thresholds), fc.constantFrom(...thresholds).chain((t) => fc.double({ min: t * 0.2, max: t * 3, noNaN: true })),
            fc.double({ min: 0, max: 1000, noNaN: true })),
        unit: fc.constant(unit),
        minute: fc.integer({ min: 0, max: 60 * 24 * 30 }),
        final: fc.integer({ min: 0, max: 4 }).map((n) => n > 0)
    }).chain((r) => {
        const other = unit ? OTHER_UNITS[unit] : undefined;
        // Another unit only away from every threshold: FHIRPath compares converted quantities exactly, Titra within 1e-9 (README "FHIR R4").
        const clear = thresholds.every((t) => Math.abs(r.value - t) > 1e-6 * Math.max(1, t));
        return other && clear ? fc.boolean().map((switched) => (switched ? { ...r, value: r.value * other.factor, unit: other.unit } : r)) : fc.constant(r);
    });
    const observations = [...read.observations].map(([name, { unit, thresholds }]) =>
        fc.array(reading(unit, thresholds), { maxLength: 3 }).map((list): [string, Reading[]] => [name, list]));
    return fc.record({
        readings: fc.tuple(...observations).map((entries) => new Map(entries)),
        grades: fc.tuple(...[...read.toxicities].map((toxicity) => fc.option(fc.record({ grade: fc.integer({ min: 0, max: 4 }), minute: fc.integer({ min: 0, max: 1000 }) }), { nil: undefined })
            .map((g): [string, { grade: number; minute: number } | undefined] => [toxicity, g]))).map((entries) => new Map(entries)),
        response: read.response ? fc.option(fc.record({ level: fc.constantFrom(...RESPONSE_LEVELS), daysAgo: fc.integer({ min: 0, max: 120 }) }), { nil: undefined }) : fc.constant(undefined),
        flags: fc.subarray([...read.flags]).map((f) => new Set(f)),
        states: fc.tuple(...[...read.states].map((state) => fc.constantFrom('ongoing', 'ended', 'absent').map((s): [string, string] => [state, s])))
            .map((entries) => new Map(entries.filter((e): e is [string, 'ongoing' | 'ended'] => e[1] !== 'absent')))
    });
}

const BASE_DAY = Date.UTC(2026, 0, 1);
const dateTime = (minute: number) => new Date(BASE_DAY + minute * 60_000).toISOString();
const concept = (coding: Coding) => ({ coding: [coding] });

/** The patient as a FHIR R4 Bundle of Observations (the record a FHIRPath condition is evaluated over); readings at the same time in the order reported. */
function observationBundle(patient: Patient, today: string): unknown {
    const observation = (coding: Coding, value: Record<string, unknown>, status = 'final') => ({ resourceType: 'Observation', status, code: concept(coding), ...value });
    const resources = [
        ...[...patient.readings].flatMap(([name, list]) => list.map((r) => observation(observationCoding(name), {
            effectiveDateTime: dateTime(r.minute),
            valueQuantity: r.unit ? { value: r.value, unit: r.unit, system: UCUM, code: r.unit } : { value: r.value }
        }, r.final ? 'final' : 'entered-in-error'))),
        ...[...patient.grades].flatMap(([toxicity, g]) => g ? [observation(gradeCoding(toxicity), { effectiveDateTime: dateTime(g.minute), valueInteger: g.grade })] : []),
        ...(patient.response ? [observation(BEST_RESPONSE_CODING, {
            effectiveDateTime: addDays(today, -patient.response.daysAgo),
            valueCodeableConcept: concept({ system: TITRA_RESPONSE_SYSTEM, code: patient.response.level })
        })] : []),
        ...[...patient.flags].map((flag) => observation(RISK_FLAG_CODING, { valueCodeableConcept: concept({ system: TITRA_RISK_FLAG_SYSTEM, code: flag }) })),
        ...[...patient.states].map(([state, status]) => observation(CLINICAL_STATE_CODING, {
            effectivePeriod: { start: dateTime(0), ...(status === 'ended' ? { end: dateTime(10) } : {}) },
            valueCodeableConcept: concept({ system: TITRA_CLINICAL_STATE_SYSTEM, code: state })
        }))
    ];
    return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) };
}

/** The same patient as Titra's evaluator sees it: the latest final value of each observation, grades, response, flags, states present. */
function titraState(patient: Patient, today: string): PatientState {
    const observations = new Map([...patient.readings].flatMap(([name, list]) => {
        const final = list.filter((r) => r.final).sort((a, b) => a.minute - b.minute);
        const last = final.at(-1);
        return last ? [[name, { value: last.value, unit: last.unit ?? '1' }] as const] : [];
    }));
    return {
        observations,
        grades: new Map([...patient.grades].flatMap(([toxicity, g]) => (g ? [[toxicity, g.grade] as const] : []))),
        ...(patient.response ? { response: { level: patient.response.level, since: addDays(today, -patient.response.daysAgo) } } : {}),
        flags: patient.flags,
        states: new Set([...patient.states].filter(([, s]) => s === 'ongoing').map(([state]) => state)),
        today
    };
}

function addDays(day: string, days: number): string {
    return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function truth(result: unknown[]): Truth {
    expect(result.length, JSON.stringify(result)).toBeLessThanOrEqual(1);
    return result.length === 0 ? 'unknown' : result[0] === true;
}

function allActions(actions: PlanDefinitionAction[]): PlanDefinitionAction[] {
    return actions.flatMap((a) => [a, ...allActions(a.action ?? [])]);
}

/** The Titra Condition JSON kept beside a FHIRPath condition. */
function titraCondition(extension: PlanDefinitionAction['extension']): Condition {
    const parts = extension?.find((e) => e.url === extensionUrl('condition-expression'))?.extension ?? [];
    return JSON.parse(parts.find((p) => p.url === 'expression')!.valueString!) as Condition;
}

/** Every condition of a PlanDefinition: its FHIRPath, the Titra condition beside it, and the hold trigger `resolved` reads. */
function planConditions(plan: PlanDefinition): Array<{ id: string; fhirPath: string; condition: Condition; resolvedOf?: Condition }> {
    return allActions(plan.action).flatMap((action) => {
        const conditions = action.condition ?? [];
        const trigger = action.extension?.some((e) => e.url === extensionUrl('hold-action')) ? conditions.find((c) => c.kind === 'applicability') : undefined;
        return conditions.map((c) => {
            expect(c.expression?.language).toBe('text/fhirpath');
            return { id: `${action.id} (${c.kind})`, fhirPath: c.expression!.expression, condition: titraCondition(c.extension), ...(trigger && c.kind === 'stop' ? { resolvedOf: titraCondition(trigger.extension) } : {}) };
        });
    });
}

/** Every dose of an order set (agent doses and drug orders), as written. */
function doses(orderSet: OrderSet): Dose[] {
    const found: Dose[] = [];
    JSON.stringify(orderSet, (_key, value: unknown) => {
        const v = value as Partial<Dose> | null;
        if (v && typeof v === 'object' && typeof v.basis === 'string' && typeof v.text === 'string' && typeof v.value === 'number') found.push(v as Dose);
        return value;
    });
    return found;
}

const today = String((fhirpath.evaluate({}, 'today().toString()') as unknown[])[0]);

describe('FHIRPath conditions agree with Titra\'s condition evaluator on synthetic patients', () => {
    let total = 0;
    for (const { name, orderSet } of examples) {
        const plan = toFhirBundle(orderSet).entry[0].resource as PlanDefinition;
        const conditions = planConditions(plan);
        test(`${name}: every condition (${conditions.length}) evaluates the same with the fhirpath engine`, () => {
            for (const { id, fhirPath, condition, resolvedOf } of conditions) {
                const compiled = fhirpath.compile(fhirPath, r4);
                const read = reads([condition, ...(resolvedOf ? [resolvedOf] : [])]);
                const seen = new Set<Truth>();
                fc.assert(fc.property(patients(read), (patient) => {
                    const expected = evaluateCondition(condition, titraState(patient, today), resolvedOf);
                    const actual = truth(compiled(observationBundle(patient, today) as never) as unknown[]);
                    seen.add(actual);
                    expect(actual, `${id}: ${fhirPath}`).toBe(expected);
                }), runs);
                total += 1;
                // Synthetic data reaches more than one outcome of every condition that can have more than one.
                if (condition.type !== 'resolved') expect(seen.size, `${id} only ever gave ${[...seen].join()}`).toBeGreaterThan(1);
            }
        });
    }

    test('every example has conditions and the differential covered them all', () => {
        expect(total).toBeGreaterThan(100);
    });

    test('a missing observation is unknown in both, and unknown is an empty FHIRPath result (not met)', () => {
        const condition: Condition = { type: 'observation', observation: 'ANC', op: 'lt', value: 0.5, unit: '10*9/L' };
        const fhirPath = conditionFhirPath(condition);
        const empty: Patient = { readings: new Map([['ANC', []]]), grades: new Map(), flags: new Set(), states: new Map() };
        expect(evaluateCondition(condition, titraState(empty, today))).toBe('unknown');
        expect(fhirpath.evaluate(observationBundle(empty, today) as never, fhirPath, {}, r4)).toEqual([]);
    });
});

describe('dynamicValue doses agree with Titra\'s dose calculation', () => {
    for (const { name, orderSet } of examples) {
        const computed = doses(orderSet).filter((d) => doseAmountFhirPath(d) !== undefined);
        if (computed.length === 0) continue;
        const shipped = new Set(toFhirBundle(orderSet).entry.flatMap((e) => ('dynamicValue' in e.resource ? e.resource.dynamicValue ?? [] : []).map((v) => v.expression.expression)));
        test(`${name}: ${computed.length} per-kg or per-m2 doses, computed by the fhirpath engine as by computeDose`, () => {
            for (const dose of computed) {
                const fhirPath = doseAmountFhirPath(dose)!;
                expect(shipped, `${dose.text} is in the Bundle`).toContain(fhirPath);
                const compiled = fhirpath.compile(fhirPath, r4);
                fc.assert(fc.property(fc.integer({ min: 30, max: 2000 }), fc.integer({ min: 1000, max: 2200 }), (weightTenths, heightTenths) => {
                    const [weight, height] = [weightTenths / 10, heightTenths / 10];
                    const patient: Patient = {
                        readings: new Map([['weight', [{ value: weight, unit: 'kg', minute: 5, final: true }]], ['height', [{ value: height, unit: 'cm', minute: 5, final: true }]]]),
                        grades: new Map(), flags: new Set(), states: new Map()
                    };
                    const expected = computeDose(dose, { weight, height, flags: [] }).value;
                    const [actual] = compiled(observationBundle(patient, today) as never) as number[];
                    expect(Math.abs(actual - expected), `${dose.text} at ${weight} kg, ${height} cm: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * expected);
                }), runs);
            }
        });
    }
});

// Evaluates order-set conditions against a patient's state on one day (semantics: schema/titra.orderset-1.semantics.md#conditions).
import type { Comparison, Condition } from './schema.js';
import { compareWithTolerance } from '../vocabulary/tolerance.js';
import { durationInDays } from '../vocabulary/time-units.js';
import { daysBetween } from './schedule/dates.js';
import { convertUnit } from './units.js';
import type { PatientInputs } from './schedule/input.js';

export type Truth = true | false | 'unknown';

export interface ObservationValue {
    value: number;
    unit: string;
}

export interface PatientState {
    /** Latest value of each observation. */
    observations: ReadonlyMap<string, ObservationValue>;
    /** Current grade of each toxicity (crs, icans, or the name of a toxicity panel). */
    grades: ReadonlyMap<string, number>;
    /** Best response and the ISO day it was first reached. */
    response?: { level: ResponseLevelName; since: string };
    flags: ReadonlySet<string>;
    states: ReadonlySet<string>;
    /** The ISO day being evaluated. */
    today: string;
}

/** The patient inputs that conditions see as observations from the first day, with their UCUM units. */
const PATIENT_FACT_UNITS = { weight: 'kg', height: 'cm', age: 'a' } as const;

/** The patient inputs (weight, height, age) as observations: the value a condition sees before any event reports one. */
export function patientFacts(patient: Pick<PatientInputs, keyof typeof PATIENT_FACT_UNITS>): Map<string, ObservationValue> {
    const facts = new Map<string, ObservationValue>();
    for (const [name, unit] of Object.entries(PATIENT_FACT_UNITS)) {
        const value = patient[name as keyof typeof PATIENT_FACT_UNITS];
        if (value !== undefined) facts.set(name, { value, unit });
    }
    return facts;
}

/** The observations a condition reads, in the order it names them. */
export function conditionObservations(condition: Condition): string[] {
    switch (condition.type) {
        case 'observation': return [condition.observation];
        case 'all':
        case 'any': return [...new Set(condition.of.flatMap(conditionObservations))];
        case 'not': return conditionObservations(condition.condition);
        default: return [];
    }
}

export type ResponseLevelName = 'sCR' | 'CR' | 'VGPR' | 'PR' | 'MR' | 'SD' | 'PD';

const RESPONSE_RANK: Readonly<Record<ResponseLevelName, number>> = { PD: 0, SD: 1, MR: 2, PR: 3, VGPR: 4, CR: 5, sCR: 6 };

/** The rank of a response level: PD lowest, sCR highest. */
export function responseRank(level: ResponseLevelName): number {
    return RESPONSE_RANK[level];
}

export function compare(op: Comparison, a: number, b: number): boolean {
    const c = compareWithTolerance(a, b);
    switch (op) {
        case 'lt': return c < 0;
        case 'le': return c <= 0;
        case 'gt': return c > 0;
        case 'ge': return c >= 0;
        case 'eq': return c === 0;
    }
}

/**
 * Evaluates a condition. `resolvedOf` is the trigger of the enclosing hold, used by `resolved`.
 */
export function evaluateCondition(condition: Condition, state: PatientState, resolvedOf?: Condition): Truth {
    switch (condition.type) {
        case 'observation': {
            const observed = state.observations.get(condition.observation);
            if (!observed) return 'unknown';
            const value = condition.unit ? convertUnit(observed.value, observed.unit, condition.unit) : observed.value;
            if (value === undefined) return 'unknown';
            return compare(condition.op, value, condition.value);
        }
        case 'grade':
            return compare(condition.op, state.grades.get(condition.toxicity) ?? 0, condition.grade);
        case 'response': {
            if (!state.response) return 'unknown';
            if (!compare(condition.op, responseRank(state.response.level), responseRank(condition.level))) return false;
            return !condition.sustained || daysBetween(state.response.since, state.today) >= durationInDays(condition.sustained);
        }
        case 'flag':
            return state.flags.has(condition.flag);
        case 'state':
            return state.states.has(condition.state);
        case 'resolved': {
            if (!resolvedOf) return 'unknown';
            return not(evaluateCondition(resolvedOf, state));
        }
        case 'all': {
            const values = condition.of.map((c) => evaluateCondition(c, state, resolvedOf));
            return values.includes(false) ? false : values.includes('unknown') ? 'unknown' : true;
        }
        case 'any': {
            const values = condition.of.map((c) => evaluateCondition(c, state, resolvedOf));
            return values.includes(true) ? true : values.includes('unknown') ? 'unknown' : false;
        }
        case 'not':
            return not(evaluateCondition(condition.condition, state, resolvedOf));
    }
}

function not(value: Truth): Truth {
    return value === 'unknown' ? 'unknown' : !value;
}

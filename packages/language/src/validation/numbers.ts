// Numbers the order-set contract bounds (whole days, positive doses, grades 1-5, ICE 0-10) and ranges whose ends are in order.
import type { AstNode, ValidationAcceptor } from 'langium';
import { Codes, diagnostic } from './codes.js';

type Bound = 'positive' | 'positive-whole' | 'grade-0-5' | 'grade-1-5' | 'ice';

const BOUNDS: Readonly<Record<string, ReadonlyArray<[property: string, bound: Bound]>>> = {
    StepUpDose: [['day', 'positive-whole']],
    DoseAmount: [['value', 'positive'], ['upper', 'positive'], ['second', 'positive']],
    Frequency: [['times', 'positive-whole']],
    DoseLimit: [['count', 'positive-whole']],
    GradeCondition: [['grade', 'grade-0-5']],
    GradeEntry: [['grade', 'grade-1-5'], ['iceMin', 'ice'], ['iceMax', 'ice']],
    MaintenancePhase: [['doseCounts', 'positive-whole'], ['fromWeeks', 'positive-whole'], ['throughWeeks', 'positive-whole']],
    CycleSchedule: [['maxCycles', 'positive-whole']],
    CycleRule: [['first', 'positive-whole'], ['last', 'positive-whole'], ['days', 'positive-whole']],
    PhaseProgress: [['doses', 'positive-whole']],
    PreTreatment: [['day', 'positive-whole']]
};

const RANGES: Readonly<Record<string, ReadonlyArray<[low: string, high: string]>>> = {
    DoseWindow: [['min', 'max']],
    GapRange: [['from', 'to']],
    DurationRange: [['value', 'upper']],
    DoseAmount: [['value', 'upper']],
    GradeEntry: [['iceMin', 'iceMax']],
    CycleRule: [['first', 'last']],
    BeforeDoseTiming: [['min', 'max']]
};

function violates(value: number, bound: Bound): string | undefined {
    const whole = Number.isSafeInteger(value);
    switch (bound) {
        case 'positive': return value > 0 ? undefined : 'must be greater than 0';
        case 'positive-whole': return whole && value > 0 ? undefined : 'must be a whole number of at least 1';
        case 'grade-0-5': return whole && value <= 5 ? undefined : 'must be a grade from 0 to 5';
        case 'grade-1-5': return whole && value >= 1 && value <= 5 ? undefined : 'must be a grade from 1 to 5';
        case 'ice': return whole && value <= 10 ? undefined : 'must be an ICE score from 0 to 10';
    }
}

export function checkNumberBounds(node: AstNode, accept: ValidationAcceptor): void {
    const record = node as unknown as Record<string, unknown>;
    for (const [property, bound] of BOUNDS[node.$type] ?? []) {
        const raw = record[property];
        const values = Array.isArray(raw) ? raw : [raw];
        values.forEach((text, index) => {
            if (typeof text !== 'string') return;
            const problem = violates(Number(text), bound);
            if (problem) {
                accept('error', `'${text}' ${problem}.`, {
                    node, property, ...(Array.isArray(raw) ? { index } : {}), ...diagnostic(Codes.numberOutOfRange)
                });
            }
        });
    }
}

export function checkRangeOrder(node: AstNode, accept: ValidationAcceptor): void {
    const record = node as unknown as Record<string, unknown>;
    for (const [low, high] of RANGES[node.$type] ?? []) {
        const from = record[low];
        const to = record[high];
        if (typeof from !== 'string' || typeof to !== 'string') continue;
        if (Number(from) > Number(to)) {
            accept('error', `The range '${from} to ${to}' is reversed; write the smaller value first ('${to} to ${from}').`, {
                node, property: high, ...diagnostic(Codes.reversedRange)
            });
        }
    }
}

export const NUMBER_CHECKED_TYPES = [...new Set([...Object.keys(BOUNDS), ...Object.keys(RANGES)])];

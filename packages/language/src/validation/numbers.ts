// Numbers the order-set contract bounds (whole days, positive doses, grades 1-5, ICE 0-10), numbers it can hold, and ranges in order.
import type { AstNode, ValidationAcceptor } from 'langium';
import { Codes, diagnostic } from './codes.js';
import { tokensOfType } from './tokens.js';

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
    PreTreatment: [['day', 'positive-whole']],
    ContinuousInfusion: [['maxCycles', 'positive-whole']],
    InfusionCycleRule: [['first', 'positive-whole'], ['last', 'positive-whole']],
    InfusionSegment: [['firstDay', 'positive-whole'], ['lastDay', 'positive-whole']]
};

const RANGES: Readonly<Record<string, ReadonlyArray<[low: string, high: string]>>> = {
    DoseWindow: [['min', 'max']],
    GapRange: [['from', 'to']],
    DurationRange: [['value', 'upper']],
    DoseAmount: [['value', 'upper']],
    GradeEntry: [['iceMin', 'iceMax']],
    CycleRule: [['first', 'last']],
    InfusionCycleRule: [['first', 'last']],
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

/**
 * What a number of the order set can hold: it is stored as a double-precision number, which keeps 15 significant
 * decimal digits exactly; 20 digits in all keep every number far inside the range of a double (no overflow to
 * infinity, no underflow to zero), so that every tool reading the order set sees the number written.
 */
export const NUMBER_LIMITS = { significantDigits: 15, digits: 20 } as const;

/** The significant digits of a decimal as written: leading zeros never count, trailing zeros of a whole number neither. */
function significantDigits(text: string): number {
    const [whole, fraction = ''] = text.split('.');
    const digits = `${whole}${fraction}`.replace(/^0+/, '');
    return (fraction === '' ? digits.replace(/0+$/, '') : digits).length;
}

/** A long number shortened for a message: its first and last digits around an ellipsis. */
function shortened(text: string): string {
    return text.length <= 24 ? text : `${text.slice(0, 12)}...${text.slice(-6)}`;
}

/**
 * Every NUMBER token of the file is a number the order set can hold, written in decimals: at most 20 digits and 15
 * significant digits, no exponent (a 400-digit dose or 1e309 would become infinity, a 20-digit one would silently lose
 * its last digits).
 */
export function checkNumberRepresentable(root: AstNode, accept: ValidationAcceptor): void {
    for (const leaf of tokensOfType(root, 'NUMBER')) {
        const text = leaf.text;
        const digits = text.replace(/\D/g, '').length;
        const significant = significantDigits(text.replace(/,/g, ''));
        let problem: string | undefined;
        if (/[eE]/.test(text)) {
            const value = Number(text);
            problem = Number.isFinite(value) && value !== 0 && !/e/.test(String(value))
                ? `'${text}' is written with an exponent; write the number in decimals as an order does ('${value}').`
                : `'${shortened(text)}' is written with an exponent and is beyond the numbers an order set can hold; write the number in decimals as an order does.`;
        } else if (digits > NUMBER_LIMITS.digits) {
            problem = `'${shortened(text)}' has ${digits} digits; a number of an order set has at most ${NUMBER_LIMITS.digits} digits (${NUMBER_LIMITS.significantDigits} significant), or it cannot be stored as written.`;
        } else if (significant > NUMBER_LIMITS.significantDigits) {
            problem = `'${text}' has ${significant} significant digits; an order set holds at most ${NUMBER_LIMITS.significantDigits} (it would store ${Number(text)}). Write the number as it is meant.`;
        }
        if (problem) accept('error', problem, { node: leaf.astNode, range: leaf.range, ...diagnostic(Codes.numberNotRepresentable) });
    }
}

export const NUMBER_CHECKED_TYPES = [...new Set([...Object.keys(BOUNDS), ...Object.keys(RANGES)])];

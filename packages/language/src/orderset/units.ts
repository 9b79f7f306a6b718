// UCUM unit validation and conversion for order sets, on @lhncbc/ucum-lhc (no hand-made unit tables).
import ucum from '@lhncbc/ucum-lhc';

const utils = ucum.UcumLhcUtils.getInstance();

/** Relative tolerance used when comparing converted quantities (UCUM conversion is floating point). */
export const CONVERSION_TOLERANCE = 1e-9;

export function isValidUcum(code: string): boolean {
    return utils.validateUnitString(code, true).status === 'valid';
}

/** Converts `value` from one UCUM unit to another, or returns undefined when they are not commensurable. */
export function convertUnit(value: number, from: string, to: string): number | undefined {
    if (from === to) return value;
    const result = utils.convertUnitTo(from, value, to);
    return result.status === 'succeeded' && typeof result.toVal === 'number' ? result.toVal : undefined;
}

/** True when a quantity in `from` can be expressed in `to` (same dimension). */
export function commensurable(from: string, to: string): boolean {
    return convertUnit(1, from, to) !== undefined;
}

/** Compares two numbers with the documented relative tolerance: -1, 0 or 1. */
export function compareWithTolerance(a: number, b: number): -1 | 0 | 1 {
    const scale = Math.max(Math.abs(a), Math.abs(b), Number.MIN_VALUE);
    if (Math.abs(a - b) <= CONVERSION_TOLERANCE * scale) return 0;
    return a < b ? -1 : 1;
}

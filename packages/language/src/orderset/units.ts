// UCUM unit validation and conversion for order sets, on @lhncbc/ucum-lhc (no hand-made unit tables).
import ucum from '@lhncbc/ucum-lhc';

const utils = ucum.UcumLhcUtils.getInstance();

const validity = new Map<string, boolean>();

/** True when UCUM knows the unit code; memoized. */
export function isValidUcum(code: string): boolean {
    let valid = validity.get(code);
    if (valid === undefined) {
        valid = utils.validateUnitString(code, true).status === 'valid';
        validity.set(code, valid);
    }
    return valid;
}

/** Converts `value` from one UCUM unit to another, or returns undefined when they are not commensurable. */
export function convertUnit(value: number, from: string, to: string): number | undefined {
    if (from === to) return value;
    const result = utils.convertUnitTo(from, value, to);
    return result.status === 'succeeded' && typeof result.toVal === 'number' ? result.toVal : undefined;
}

const commensurability = new Map<string, boolean>();

/** True when a quantity in `from` can be expressed in `to` (same dimension); memoized per pair. */
export function commensurable(from: string, to: string): boolean {
    const key = `${from}\u0000${to}`;
    let result = commensurability.get(key);
    if (result === undefined) {
        result = convertUnit(1, from, to) !== undefined;
        commensurability.set(key, result);
    }
    return result;
}

// The one tolerance for comparing numbers that went through a UCUM conversion (floating point), with its comparisons.

/** Relative tolerance used when comparing converted quantities (UCUM conversion is floating point). */
export const CONVERSION_TOLERANCE = 1e-9;

/** Compares two numbers with the documented relative tolerance: -1, 0 or 1. */
export function compareWithTolerance(a: number, b: number): -1 | 0 | 1 {
    const scale = Math.max(Math.abs(a), Math.abs(b), Number.MIN_VALUE);
    if (Math.abs(a - b) <= CONVERSION_TOLERANCE * scale) return 0;
    return a < b ? -1 : 1;
}

/** Equal up to the floating-point noise of a unit conversion. */
export function equalWithinTolerance(a: number, b: number): boolean {
    return compareWithTolerance(a, b) === 0;
}

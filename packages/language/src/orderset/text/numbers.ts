// Numbers in human-readable order-set text: one rounding and one spelling for every output.

/** Removes binary floating-point noise (0.3 x 72 = 21.599999999999998 -> 21.6). */
export function tidyNumber(value: number): number {
    return Number(value.toPrecision(12));
}

/** A number as a pharmacist writes it: no floating-point noise, no trailing zeros, no exponent for usual doses. */
export function formatNumber(value: number): string {
    return String(tidyNumber(value));
}

/** A closed range of numbers, one number when both ends are equal: "3", "3 to 6". */
export function numberRangeText(min: number, max: number): string {
    return min === max ? formatNumber(min) : `${formatNumber(min)} to ${formatNumber(max)}`;
}

/** Numbers in ascending order as a list: "1, 8, 15, 22". */
export function numberListText(values: readonly number[]): string {
    return [...values].sort((a, b) => a - b).map(formatNumber).join(', ');
}

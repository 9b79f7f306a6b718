// Units in human-readable order-set text: UCUM codes in the language's display spelling (x10^9/L, mcg, units).
import { formatNumber } from './numbers.js';

/** UCUM atoms whose display spelling differs from their code; powers of ten are spelled x10^N. */
const DISPLAY_ATOMS: Readonly<Record<string, string>> = { ug: 'mcg', '[iU]': 'units' };

/** A UCUM code as pharmacists write it: 10*9/L as x10^9/L, ug as mcg, [iU] as units, a rate per d as per day (mcg/m2/day). */
export function unitText(ucum: string): string {
    return ucum.split('/').map((atom, index) => (index > 0 && atom === 'd' ? 'day' : DISPLAY_ATOMS[atom] ?? atom.replace(/^10\*(\d+)/, 'x10^$1'))).join('/');
}

/** A value with its unit in display spelling: "0.5 x10^9/L", "800 mg". */
export function quantityText(value: number, unit: string): string {
    return `${formatNumber(value)} ${unitText(unit)}`;
}

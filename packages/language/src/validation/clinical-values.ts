// Numbers, durations and dose amounts of the AST read as values for the clinical checks (undefined when incomplete).
import type { DoseAmount } from '../grammar/generated/ast.js';
import { convertUnit } from '../orderset/units.js';
import { fixedDurationInDays } from '../vocabulary/time-units.js';
import { translateUnit } from '../vocabulary/unit-spellings.js';

/** A Decimal of the grammar as a number; undefined when absent or not a finite number. */
export function numberOf(text: string | undefined): number | undefined {
    if (text === undefined) return undefined;
    const value = Number(text);
    return Number.isFinite(value) ? value : undefined;
}

/** A duration in days; undefined for months (not a fixed number of days) or an incomplete duration. */
export function daysOf(value: number | undefined, unit: string | undefined): number | undefined {
    return value === undefined || unit === undefined ? undefined : fixedDurationInDays(value, unit);
}

/** A duration in hours (see daysOf). */
export function hoursOf(value: number | undefined, unit: string | undefined): number | undefined {
    const days = daysOf(value, unit);
    return days === undefined ? undefined : days * 24;
}

/** The dose basis a unit expresses: per kg of body weight, per m2 of body surface area, or a flat dose. */
export type UnitKind = 'per-kg' | 'per-m2' | 'flat';

export interface DoseValue {
    value: number;
    ucum: string;
    kind: UnitKind;
    /** The unit as written. */
    unit: string;
}

/** A single-valued amount (not a range or ratio) with a unit UCUM knows. */
export function doseValueOf(amount: DoseAmount | undefined): DoseValue | undefined {
    if (!amount || amount.upper !== undefined || amount.second !== undefined || amount.unit === undefined) return undefined;
    const value = numberOf(amount.value);
    return value === undefined ? undefined : quantityOf(value, amount.unit);
}

/** A value in a surface unit (mg, mg/kg, mcg/day) as a DoseValue; undefined when UCUM does not know the unit. */
export function quantityOf(value: number, unit: string): DoseValue | undefined {
    const translated = translateUnit(unit);
    if (!translated) return undefined;
    const kind: UnitKind = translated.per === 'kg' ? 'per-kg' : translated.per === 'm2' ? 'per-m2' : 'flat';
    return { value, ucum: translated.ucum, kind, unit };
}

/** `dose` expressed in the unit of `target`; undefined when the kinds or dimensions differ. */
export function convertTo(dose: DoseValue, target: DoseValue): number | undefined {
    if (dose.kind !== target.kind) return undefined;
    return convertUnit(dose.value, dose.ucum, target.ucum);
}

/** Numbers in messages are spelled as in every other order-set text. */
export { formatNumber } from '../orderset/text/numbers.js';

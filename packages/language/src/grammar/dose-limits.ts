// What a written quantity limit caps: one dose, or the amount over a period ('per day' is per 1 day).
import type * as ast from './generated/ast.js';
import type { Duration } from '../orderset/schema.js';
import { timeUnitCode } from '../vocabulary/time-units.js';

/** The period of a `max <quantity> per <period>` limit, or undefined for a cap on one dose (`per dose`). */
export function limitPeriod(limit: ast.DoseLimit): Duration | undefined {
    if (limit.perDay) return { value: 1, unit: 'd' };
    return limit.period ? { value: Number(limit.period.value), unit: timeUnitCode(limit.period.unit) } : undefined;
}

/** A `max <quantity> per dose` limit. */
export function isPerDoseCap(limit: ast.DoseLimit): boolean {
    return limit.perDose !== undefined && limitPeriod(limit) === undefined;
}

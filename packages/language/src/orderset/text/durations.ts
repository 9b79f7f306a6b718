// Durations and timing in human-readable order-set text: "48 hours", "2 days to 7 days", "every 1 week".
import type { Duration, PremedicationSet } from '../schema.js';
import { timeUnitWord } from '../../vocabulary/time-units.js';
import { formatNumber } from './numbers.js';

/** "1 day", "48 hours". */
export function durationText(duration: Duration): string {
    return `${formatNumber(duration.value)} ${timeUnitWord(duration.unit, duration.value !== 1)}`;
}

/** A number of hours from a schedule as people say it: "15 minutes" under an hour (in whole minutes), else "2 hours". */
export function hoursText(hours: number): string {
    const minutes = hours * 60;
    return hours < 1 && Number.isInteger(minutes) ? durationText({ value: minutes, unit: 'min' }) : durationText({ value: hours, unit: 'h' });
}

/** From one duration to another: "2 to 7 days", "30 minutes to 2 hours". */
export function durationRangeText(min: Duration, max: Duration): string {
    return min.unit === max.unit ? `${formatNumber(min.value)} to ${durationText(max)}` : `${durationText(min)} to ${durationText(max)}`;
}

/** A duration, or a range when an upper end is given: "30 minutes", "6 to 8 hours". */
export function durationOrRangeText(min: Duration, max: Duration | undefined): string {
    return max ? durationRangeText(min, max) : durationText(min);
}

/** A repeat interval: "every 2 weeks". */
export function intervalText(interval: Duration): string {
    return `every ${durationText(interval)}`;
}

/** How long a medication order runs, in one unit with an optional upper end: "for 3 days", "for 1 to 3 days". */
export function courseText(course: { value: number; upper?: number; unit: Duration['unit'] }): string {
    const plural = course.value !== 1 || course.upper !== undefined;
    return `for ${formatNumber(course.value)}${course.upper !== undefined ? ` to ${formatNumber(course.upper)}` : ''} ${timeUnitWord(course.unit, plural)}`;
}

/** When a premedication set's `after dose` orders are given. */
export const AFTER_DOSE_TEXT = 'right after the dose';

/** When a premedication is given: "about 30 minutes to 60 minutes before the dose". */
export function beforeDoseText(timing: PremedicationSet['orders'][number]['timing']): string {
    return `${timing.approximate ? 'about ' : ''}${durationOrRangeText(timing.min, timing.max)} before the dose`;
}

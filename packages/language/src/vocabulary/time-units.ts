// Time units: their UCUM codes, how authors spell them, their words, and their length in days (no Langium inside).

/** The UCUM codes of the time units an order set uses. */
export const TIME_UNIT_CODES = ['min', 'h', 'd', 'wk', 'mo'] as const;
export type TimeUnitCode = (typeof TIME_UNIT_CODES)[number];

interface TimeUnitEntry {
    singular: string;
    plural: string;
    /** Length in days; a month counts as 30 days in schedules and conditions. */
    days: number;
    /** False for months: a calendar month has no fixed number of days, so clinical checks do not compare them. */
    fixedLength: boolean;
}

const TIME_UNITS = {
    min: { singular: 'minute', plural: 'minutes', days: 1 / 1440, fixedLength: true },
    h: { singular: 'hour', plural: 'hours', days: 1 / 24, fixedLength: true },
    d: { singular: 'day', plural: 'days', days: 1, fixedLength: true },
    wk: { singular: 'week', plural: 'weeks', days: 7, fixedLength: true },
    mo: { singular: 'month', plural: 'months', days: 30, fixedLength: false }
} as const satisfies Record<TimeUnitCode, TimeUnitEntry>;

/** A time unit as authors write it: `minute`, `minutes`, ..., `months`. */
export type TimeUnitSpelling = (typeof TIME_UNITS)[TimeUnitCode]['singular' | 'plural'];

const CODE_OF_SPELLING: ReadonlyMap<string, TimeUnitCode> = new Map(
    TIME_UNIT_CODES.flatMap((code) => [[TIME_UNITS[code].singular, code], [TIME_UNITS[code].plural, code]] as const)
);

/** The UCUM code of a time unit as authors write it (`hours` -> `h`); undefined for anything else. */
export function timeUnitCode(spelling: TimeUnitSpelling): TimeUnitCode;
export function timeUnitCode(spelling: string): TimeUnitCode | undefined;
export function timeUnitCode(spelling: string): TimeUnitCode | undefined {
    return CODE_OF_SPELLING.get(spelling);
}

/** A time unit in words: `hour`, or `hours` when plural. */
export function timeUnitWord(code: TimeUnitCode, plural: boolean): string {
    return plural ? TIME_UNITS[code].plural : TIME_UNITS[code].singular;
}

/** Length of a duration in days (months count as 30 days). */
export function durationInDays(d: { value: number; unit: TimeUnitCode }): number {
    return d.value * TIME_UNITS[d.unit].days;
}

/** Length of a duration in hours (months count as 30 days). */
export function durationInHours(d: { value: number; unit: TimeUnitCode }): number {
    return durationInDays(d) * 24;
}

/** Length in days of a duration written by an author (`3 weeks`); undefined for months and for unknown units. */
export function fixedDurationInDays(value: number, spelling: string): number | undefined {
    const code = timeUnitCode(spelling);
    return code === undefined || !TIME_UNITS[code].fixedLength ? undefined : value * TIME_UNITS[code].days;
}

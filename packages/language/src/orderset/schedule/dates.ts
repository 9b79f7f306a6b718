// Calendar days as YYYY-MM-DD strings: validation, arithmetic and distances (UTC, no time of day).
import { z } from 'zod';

/** True for a real calendar day written as YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(text: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    const time = Date.parse(`${text}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
}

export const IsoDate = z.string().refine(isIsoDate, 'a real calendar date as YYYY-MM-DD').meta({ format: 'date' });

/** The day `days` (rounded to whole days) after `date`; negative goes back. */
export function addDays(date: string, days: number): string {
    const time = Date.parse(`${date}T00:00:00Z`) + Math.round(days) * 86_400_000;
    return new Date(time).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
    return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

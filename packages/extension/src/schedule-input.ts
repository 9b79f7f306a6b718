// Validation of the weight, height and start date asked by "Titra: Preview schedule" (pure; no vscode API).

/** An error message for an input box, or undefined when `text` is a positive weight in kg. */
export function weightInputError(text: string): string | undefined {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(value) || value <= 0) return 'Enter the weight in kg as a positive number, e.g. 70';
    if (value > 500) return 'A weight above 500 kg is not plausible; enter the weight in kg';
    return undefined;
}

/** An error message for an input box, or undefined when `text` is a plausible height in cm. */
export function heightInputError(text: string): string | undefined {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(value) || value <= 0) return 'Enter the height in cm as a positive number, e.g. 170';
    if (value < 30 || value > 280) return 'Enter the height in cm (30 to 280), not in m or inches';
    return undefined;
}

/**
 * True for a real calendar day written as YYYY-MM-DD, the rule of the scheduler's isIsoDate (a test keeps them equal);
 * written here so the extension bundle does not carry the order-set runtime.
 */
export function isCalendarDate(text: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    const time = Date.parse(`${text}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
}

/** An error message for an input box, or undefined when `text` is a real calendar date as YYYY-MM-DD. */
export function startDateInputError(text: string): string | undefined {
    return isCalendarDate(text.trim()) ? undefined : 'Enter cycle 1 day 1 as a real calendar date, YYYY-MM-DD';
}

/** Today in the local time zone as YYYY-MM-DD. */
export function localIsoDate(now: Date): string {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

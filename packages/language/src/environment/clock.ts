// The date checks compare against (review-by dates): a service, so that tests and reproducible runs fix it.
export interface Clock {
    /** Today's date as YYYY-MM-DD. */
    today(): string;
}

/** TITRA_TODAY when it holds a YYYY-MM-DD date (a reproducible check), else the UTC date. */
export class SystemClock implements Clock {
    today(): string {
        const fixed = process.env.TITRA_TODAY;
        return fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed) ? fixed : new Date().toISOString().slice(0, 10);
    }
}

/** A clock that always gives the same date. */
export function fixedClock(date: string): Clock {
    return { today: () => date };
}

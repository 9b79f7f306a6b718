// Timelines of events for scheduler property tests: reordered listings and the patient state re-derived independently of the scheduler.
import type { TimelineEvent } from '@titra/language/orderset';

/** The events listed day by day in reverse, keeping the order of events within a day. */
export function reverseDays(events: TimelineEvent[]): TimelineEvent[] {
    const days = [...new Set(events.map((e) => e.date))].reverse();
    return days.flatMap((d) => events.filter((e) => e.date === d));
}

/** Patient inputs, latest value of each observation, grades and states on `date` (independent re-derivation). */
export function stateOn(events: TimelineEvent[], patient: { weight?: number; height?: number; flags: string[] }, date: string) {
    const sorted = [...events].sort((a, b) => a.date.localeCompare(b.date));
    const observations = new Map<string, { value: number; unit: string }>();
    if (patient.weight !== undefined) observations.set('weight', { value: patient.weight, unit: 'kg' });
    if (patient.height !== undefined) observations.set('height', { value: patient.height, unit: 'cm' });
    const grades = new Map<string, number>();
    const states = new Set<string>();
    for (const e of sorted) {
        if (e.date > date) break;
        if (e.type === 'lab') observations.set(e.observation, { value: e.value, unit: e.unit });
        if (e.type === 'toxicity') grades.set(e.toxicity, e.grade);
        if (e.type === 'state') {
            if (e.present) states.add(e.state);
            else states.delete(e.state);
        }
    }
    return { observations, grades, states, flags: new Set(patient.flags), today: date };
}

// Dose changes ordered by toxicity panels (reduce to a dose, extend the interval): active from the grade's report until it resolves, or for the rest of the course.
import type { DosingOrder, GradePanel } from '../schema.js';
import type { TimelineEvent } from './input.js';

/** A dose change a reported grade ordered, and the days it applies: from `from` to the day before `until`. */
export interface DoseChange {
    order: DosingOrder;
    from: string;
    until?: string;
}

/** The panel managing a reported toxicity: by kind (crs, icans), panel name or panel id. */
export function panelFor(panels: readonly GradePanel[], toxicity: string): GradePanel | undefined {
    return panels.find((p) => p.kind === toxicity || p.name === toxicity || p.id === toxicity);
}

/** Every dose change the reported grades order, in date order; standing orders only (`consider` ones are the team's choice). */
export function doseChanges(panels: readonly GradePanel[], events: readonly TimelineEvent[]): DoseChange[] {
    const toxicities = events.filter((e): e is Extract<TimelineEvent, { type: 'toxicity' }> => e.type === 'toxicity');
    const changes: DoseChange[] = [];
    for (const event of toxicities) {
        const entry = panelFor(panels, event.toxicity)?.grades.find((g) => g.grade === event.grade);
        for (const order of entry?.orders ?? []) {
            if (order.type !== 'dosing' || order.consider || (order.action !== 'change-dose' && order.action !== 'extend-interval')) continue;
            const resolved = order.untilResolved
                ? toxicities.find((e) => e.toxicity === event.toxicity && e.grade === 0 && e.date > event.date)?.date : undefined;
            changes.push({ order, from: event.date, ...(resolved ? { until: resolved } : {}) });
        }
    }
    return changes.sort((a, b) => a.from.localeCompare(b.from));
}

/** The latest change of the dose (or of the interval) in effect on a day. */
export function changeInEffect(changes: readonly DoseChange[], day: string, what: 'dose' | 'interval'): DoseChange | undefined {
    return changes.filter((c) => (what === 'dose' ? c.order.dose : c.order.interval) !== undefined
        && c.from <= day && (c.until === undefined || day < c.until)).at(-1);
}

// What toxicity panels order for the agent's doses: dose changes (reduce to a dose, extend the interval) from the grade's report until it resolves or for the rest of the course, holds ("hold next dose") and discontinuations ("discontinue permanently") from the report, and premedication of the next dose.
import type { DosingOrder, GradePanel, Order } from '../schema.js';
import type { TimelineEvent } from './input.js';

type ToxicityEvent = Extract<TimelineEvent, { type: 'toxicity' }>;

/** A dose change a reported grade ordered, and the days it applies: from `from` to the day before `until`. */
export interface DoseChange {
    order: DosingOrder;
    from: string;
    until?: string;
}

/**
 * A hold or a permanent discontinuation a reported grade ordered. A hold keeps every dose from the report until the
 * toxicity is reported resolved (grade 0): `until` is that day, absent while it has not resolved.
 */
export interface PanelHold {
    order: DosingOrder;
    from: string;
    until?: string;
    discontinue: boolean;
}

/** The panel managing a reported toxicity: by kind (crs, icans), panel name or panel id. */
export function panelFor(panels: readonly GradePanel[], toxicity: string): GradePanel | undefined {
    return panels.find((p) => p.kind === toxicity || p.name === toxicity || p.id === toxicity);
}

/** Each standing dosing order of the reported grades, with its report and the day the toxicity resolved after it. */
function orderedByGrades(panels: readonly GradePanel[], events: readonly TimelineEvent[]): Array<{ order: DosingOrder; from: string; resolved?: string }> {
    const toxicities = events.filter((e): e is ToxicityEvent => e.type === 'toxicity');
    const ordered: Array<{ order: DosingOrder; from: string; resolved?: string }> = [];
    for (const event of toxicities) {
        const entry = panelFor(panels, event.toxicity)?.grades.find((g) => g.grade === event.grade);
        for (const order of entry?.orders ?? []) {
            // `consider` orders are the team's choice, not standing orders.
            if (order.type !== 'dosing' || order.consider) continue;
            const resolved = toxicities.find((e) => e.toxicity === event.toxicity && e.grade === 0 && e.date > event.date)?.date;
            ordered.push({ order, from: event.date, ...(resolved ? { resolved } : {}) });
        }
    }
    return ordered.sort((a, b) => a.from.localeCompare(b.from));
}

/** Every dose change the reported grades order, in date order. */
export function doseChanges(panels: readonly GradePanel[], events: readonly TimelineEvent[]): DoseChange[] {
    return orderedByGrades(panels, events)
        .filter(({ order }) => order.action === 'change-dose' || order.action === 'extend-interval')
        .map(({ order, from, resolved }) => ({ order, from, ...(order.untilResolved && resolved ? { until: resolved } : {}) }));
}

/** Every hold and discontinuation the reported grades order, in date order. */
export function panelHolds(panels: readonly GradePanel[], events: readonly TimelineEvent[]): PanelHold[] {
    return orderedByGrades(panels, events)
        .filter(({ order }) => order.action === 'hold-next-dose' || order.action === 'discontinue-permanently')
        .map(({ order, from, resolved }) => order.action === 'discontinue-permanently'
            ? { order, from, discontinue: true }
            : { order, from, ...(resolved ? { until: resolved } : {}), discontinue: false });
}

/** Every `premedicate SET before next dose` the reported grades order, with the day of the report. */
export function panelPremedications(panels: readonly GradePanel[], events: readonly TimelineEvent[]): Array<{ order: DosingOrder; from: string }> {
    return orderedByGrades(panels, events).filter(({ order }) => order.action === 'premedicate-next-dose');
}

/** The premedication set a `premedicate SET before next dose` order names, or undefined for any other order. */
export function premedicationOrdered(order: Order): string | undefined {
    return order.type === 'dosing' && !order.consider && order.action === 'premedicate-next-dose' ? order.premedication : undefined;
}

/** The latest change of the dose (or of the interval) in effect on a day. */
export function changeInEffect(changes: readonly DoseChange[], day: string, what: 'dose' | 'interval'): DoseChange | undefined {
    return changes.filter((c) => (what === 'dose' ? c.order.dose : c.order.interval) !== undefined
        && c.from <= day && (c.until === undefined || day < c.until)).at(-1);
}

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

/** What the reported grades order for the agent's doses, each kind in date order. */
export interface PanelDosingOrders {
    changes: DoseChange[];
    holds: PanelHold[];
    /** `premedicate SET before next dose` orders, with the day of the report. */
    premedications: Array<{ order: DosingOrder; from: string }>;
}

/** Every standing dosing order of the reported grades (`consider` ones are the team's choice), sorted by kind. */
export function panelDosingOrders(panels: readonly GradePanel[], events: readonly TimelineEvent[]): PanelDosingOrders {
    const toxicities = events.filter((e): e is ToxicityEvent => e.type === 'toxicity');
    const ordered: Array<{ order: DosingOrder; from: string; resolved?: string }> = [];
    for (const event of toxicities) {
        const entry = panelFor(panels, event.toxicity)?.grades.find((g) => g.grade === event.grade);
        const resolved = toxicities.find((e) => e.toxicity === event.toxicity && e.grade === 0 && e.date > event.date)?.date;
        for (const order of entry?.orders ?? []) {
            if (order.type === 'dosing' && !order.consider) ordered.push({ order, from: event.date, ...(resolved ? { resolved } : {}) });
        }
    }
    ordered.sort((a, b) => a.from.localeCompare(b.from));
    const result: PanelDosingOrders = { changes: [], holds: [], premedications: [] };
    for (const { order, from, resolved } of ordered) {
        switch (order.action) {
            case 'change-dose': case 'extend-interval':
                result.changes.push({ order, from, ...(order.untilResolved && resolved ? { until: resolved } : {}) });
                break;
            case 'hold-next-dose': result.holds.push({ order, from, ...(resolved ? { until: resolved } : {}), discontinue: false }); break;
            case 'discontinue-permanently': result.holds.push({ order, from, discontinue: true }); break;
            case 'premedicate-next-dose': result.premedications.push({ order, from }); break;
        }
    }
    return result;
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

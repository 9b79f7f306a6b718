// The dose timeline of an order set (step-up doses and the first maintenance doses by day), for the sign-off document's chart and the diff report.
import { durationInDays } from '../../vocabulary/time-units.js';
import type { OrderSet } from '../schema.js';
import { doseText } from './orders.js';

/** One dose on the timeline: its day, name, amount, premedication and days of inpatient monitoring after it. */
export interface TimelineDose {
    day: number;
    label: string;
    amount: string;
    premedicated: boolean;
    monitorDays: number;
}

/** The step-up doses and the first two maintenance doses after them (a monthly interval has no fixed day and is left out). */
export function doseTimeline(orderSet: OrderSet): TimelineDose[] {
    const doses: TimelineDose[] = orderSet.stepUp.map((d) => ({
        day: d.day, label: d.name, amount: doseText(d.dose), premedicated: Boolean(d.premedication),
        monitorDays: d.monitoring?.setting === 'inpatient' ? durationInDays(d.monitoring.duration) : 0
    }));
    const last = orderSet.stepUp.at(-1);
    const first = last ? orderSet.maintenance.find((p) => p.after === last.id) : undefined;
    if (last && first && first.interval.unit !== 'mo') {
        const step = durationInDays(first.interval);
        for (let i = 1; i <= 2 && step >= 1; i++) {
            doses.push({ day: last.day + Math.round(step * i), label: first.name, amount: doseText(first.dose), premedicated: Boolean(first.premedication), monitorDays: 0 });
        }
    }
    return doses;
}

/** A timeline dose in words: "SUD2 0.3 mg/kg, premedicated, inpatient 2 days". */
export function timelineDoseText(dose: TimelineDose): string {
    return [`${dose.label} ${dose.amount}`, dose.premedicated ? 'premedicated' : '', dose.monitorDays > 0 ? `inpatient ${dose.monitorDays} day${dose.monitorDays === 1 ? '' : 's'}` : '']
        .filter(Boolean).join(', ');
}

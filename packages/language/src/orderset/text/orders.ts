// Doses and orders in human-readable order-set text: "0.3 mg/kg", "consider tocilizumab 8 mg/kg (max 800 mg per dose), intravenous".
import type { Dose, DosingOrder, Duration, MedicationOrder, Order } from '../schema.js';
import { courseText, durationOrRangeText, durationText, intervalText } from './durations.js';
import { formatNumber } from './numbers.js';
import { quantityText, unitText } from './units.js';

/** The amount of a dose from its structured values (not the text as written), e.g. "0.3 mg/kg", "800/160 mg (max 800 mg per dose)". */
export function doseText(dose: Dose): string {
    const amount = dose.components ? dose.components.map(formatNumber).join('/')
        : `${formatNumber(dose.value)}${dose.upper !== undefined ? ` to ${formatNumber(dose.upper)}` : ''}`;
    const limits = [
        // A cap in a daily-rate unit (ug/d) caps the daily amount: "max 28 mcg/day".
        dose.maxPerDose ? `max ${quantityText(dose.maxPerDose.value, dose.maxPerDose.unit)}${dose.maxPerDose.unit.endsWith('/d') ? '' : ' per dose'}` : undefined,
        dose.rounding ? `round to ${quantityText(dose.rounding.value, dose.rounding.unit)}` : undefined
    ].filter(Boolean);
    return `${amount} ${unitText(dose.unit)}${limits.length > 0 ? ` (${limits.join(', ')})` : ''}`;
}

/** What an order gives or does, without its details: the drug, the dosing action, or the order's own text. */
export function orderName(order: Order): string {
    switch (order.type) {
        case 'medication': return order.drug;
        case 'dosing': return dosingActionText(order);
        default: return order.text;
    }
}

/**
 * A dosing action in words: "hold next dose", "reduce to 0.4 mg/kg every 2 weeks until resolved", "extend interval to 2 weeks",
 * "premedicate dexa4 before next dose" (the set's name as written: its id without the `premed.` prefix).
 */
export function dosingActionText(order: DosingOrder): string {
    const until = order.untilResolved ? ' until resolved' : '';
    switch (order.action) {
        case 'hold-next-dose': return 'hold next dose';
        case 'discontinue-permanently': return 'discontinue permanently';
        case 'change-dose': return `reduce to ${order.dose ? doseText(order.dose) : 'the dose'}${order.interval ? ` ${intervalText(order.interval)}` : ''}${until}`;
        case 'extend-interval': return `extend interval to ${order.interval ? durationText(order.interval) : 'the interval'}${until}`;
        case 'premedicate-next-dose': return `premedicate ${(order.premedication ?? 'its premedication').replace(/^premed\./, '')} before next dose`;
    }
}

/** The routes an order may be given by, in a canonical order: "intravenous or oral". */
export function routesText(routes: readonly string[]): string {
    return [...routes].sort().join(' or ');
}

/** A limit on the number of doses: "max 3 doses per 24 hours", "max 4 doses in total". */
export function maxDosesText(limit: { count: number; period?: Duration }): string {
    return `max ${limit.count} doses ${limit.period ? `per ${durationText(limit.period)}` : 'in total'}`;
}

/** One clinical detail of a medication order: a named value for comparison, and how it reads inside the order's line. */
export interface MedicationDetail {
    name: string;
    value: string;
    phrase: string;
    /** Part of the instructions as written on the order (dose, route, frequency, course, as needed). */
    instruction: boolean;
}

/** The clinical details of a medication order, in reading order. */
export function medicationDetails(order: MedicationOrder): MedicationDetail[] {
    const detail = (name: string, value: string, phrase: string, instruction = false): MedicationDetail => ({ name, value, phrase, instruction });
    const details = [
        detail('dose', doseText(order.dose), doseText(order.dose), true),
        // An order may name no route ("dexamethasone 10 mg every 8 hours"): then there is no route detail, and no empty phrase.
        order.routes.length > 0 ? detail('route', routesText(order.routes), routesText(order.routes), true) : undefined,
        order.dose.per ? detail('dose basis', order.dose.basis, `dose basis ${order.dose.basis}`) : undefined,
        order.frequency ? detail('frequency', order.frequency.text, order.frequency.text, true) : undefined,
        order.duration ? detail('duration', courseText(order.duration), courseText(order.duration), true) : undefined,
        order.maxPerPeriod ? detail(`max per ${durationText(order.maxPerPeriod.period)}`, quantityText(order.maxPerPeriod.quantity.value, order.maxPerPeriod.quantity.unit),
            `max ${quantityText(order.maxPerPeriod.quantity.value, order.maxPerPeriod.quantity.unit)} per ${durationText(order.maxPerPeriod.period)}`) : undefined,
        ...(order.maxDoses ?? []).map((limit) => detail(limit.period ? `max doses per ${durationText(limit.period)}` : 'max doses in total', String(limit.count), maxDosesText(limit))),
        order.asNeeded ? detail('as needed', 'yes', 'as needed', true) : undefined,
        order.infusionDuration ? detail('infusion', `over ${durationOrRangeText(order.infusionDuration, order.infusionDurationMax)}`, `over ${durationOrRangeText(order.infusionDuration, order.infusionDurationMax)}`) : undefined
    ];
    return details.filter((d): d is MedicationDetail => d !== undefined);
}

export interface OrderTextOptions {
    /**
     * `all` (the default): every clinical detail, for review (textconv, diff, the protocol document).
     * `instructions`: only what is written on the order (dose, route, frequency, course, as needed), for outputs
     * that carry the limits and the infusion time in their own fields (FHIR Dosage, a patient's schedule).
     */
    details?: 'all' | 'instructions';
}

/** The details of a medication order on one line, without the drug: "8 mg/kg (max 800 mg per dose), intravenous, every 8 hours". */
export function medicationDetailsText(order: MedicationOrder, options: OrderTextOptions = {}): string {
    return medicationDetails(order).filter((d) => options.details !== 'instructions' || d.instruction).map((d) => d.phrase).join(', ');
}

/** An order on one line, e.g. "consider tocilizumab 8 mg/kg (max 800 mg per dose), intravenous, max 3 doses per 24 hours". */
export function orderText(order: Order, options: OrderTextOptions = {}): string {
    const details = order.type === 'medication' ? ` ${medicationDetailsText(order, options)}` : '';
    return `${order.consider ? 'consider ' : ''}${orderName(order)}${details}`;
}

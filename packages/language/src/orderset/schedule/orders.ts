// Orders of a schedule resolved for one patient: their text and, for medications, the computed amount and dose limits; premedication with its timing.
import { durationInHours } from '../../vocabulary/time-units.js';
import type { Order, PremedicationSet } from '../schema.js';
import { beforeDoseText } from '../text/durations.js';
import { orderText } from '../text/orders.js';
import type { Administration, ResolvedOrder } from '../schedule-schema.js';
import { computeDose } from './dose.js';
import type { PatientInputs } from './input.js';

/** An order as the schedule shows it: `consider` orders say so, medications get the patient's amount. */
export function resolveOrder(order: Order, patient: PatientInputs): ResolvedOrder {
    const resolved: ResolvedOrder = {
        id: order.id, type: order.type, text: orderText(order, { details: 'instructions' }), consider: order.consider
    };
    if (order.type === 'medication') {
        resolved.amount = computeDose(order.dose, patient);
        if (order.maxDoses) {
            resolved.maxDoses = order.maxDoses.map((m) => ({
                count: m.count, ...(m.period ? { periodHours: durationInHours(m.period) } : {})
            }));
        }
    }
    return resolved;
}

/** Premedication orders as the schedule shows them: text, the patient's amount and when to give them. */
export function resolvePremedication(orders: PremedicationSet['orders'], patient: PatientInputs): Administration['premedication'] {
    return orders.map(({ order, timing }) => ({
        id: order.id,
        text: orderText(order, { details: 'instructions' }),
        amount: computeDose(order.dose, patient),
        timing: beforeDoseText(timing)
    }));
}

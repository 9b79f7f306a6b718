// Orders of a schedule resolved for one patient: their text and, for medications, the computed amount and dose limits.
import { durationInHours } from '../../vocabulary/time-units.js';
import type { Order } from '../schema.js';
import { orderText } from '../text/orders.js';
import type { ResolvedOrder } from '../schedule-schema.js';
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

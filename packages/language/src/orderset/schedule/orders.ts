// Orders of a schedule resolved for one patient: their text and, for medications, the computed amount and dose limits.
import { durationInHours } from '../../vocabulary/time-units.js';
import type { Order } from '../schema.js';
import type { ResolvedOrder } from '../schedule-schema.js';
import { computeDose } from './dose.js';
import type { PatientInputs } from './input.js';

/** An order in one line, e.g. `dexamethasone 16 mg oral every 6 hours for 3 d`. */
export function orderText(order: Order): string {
    switch (order.type) {
        case 'medication': {
            const parts = [order.drug, order.dose.text, order.routes.join(' or '), order.frequency?.text ?? ''];
            if (order.duration) parts.push(`for ${order.duration.value}${order.duration.upper ? ` to ${order.duration.upper}` : ''} ${order.duration.unit}`);
            if (order.asNeeded) parts.push('as needed');
            return parts.filter((p) => p.length > 0).join(' ');
        }
        case 'procedure':
        case 'instruction':
            return order.text;
        case 'dosing':
            return order.action === 'hold-next-dose' ? 'hold next dose' : 'discontinue permanently';
    }
}

/** An order as the schedule shows it: `consider` orders say so, medications get the patient's amount. */
export function resolveOrder(order: Order, patient: PatientInputs): ResolvedOrder {
    const resolved: ResolvedOrder = {
        id: order.id, type: order.type, text: (order.consider ? 'consider ' : '') + orderText(order), consider: order.consider
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

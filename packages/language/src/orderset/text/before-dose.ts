// Orders before dosing in human-readable order-set text: "before each dose", "before the first dose".
import type { BeforeDoseOrder } from '../schema.js';

/** When an order before dosing applies: "before each dose" or "before the first dose". */
export function beforeDoseMomentText(moment: BeforeDoseOrder['moment']): string {
    return moment === 'each-dose' ? 'before each dose' : 'before the first dose';
}

// `titra schema`: prints the JSON Schema of the order-set format, or with --schedule of the schedule format.
import { orderSetJsonSchema, scheduleJsonSchema } from '@titra/language';
import type { Terminal } from '../terminal.js';

export function runSchema(terminal: Terminal, contract: 'orderset' | 'schedule'): number {
    terminal.out(JSON.stringify(contract === 'schedule' ? scheduleJsonSchema() : orderSetJsonSchema(), null, 2));
    return 0;
}

// `titra schema`: prints the JSON Schema of the order-set format.
import { orderSetJsonSchema } from '@titra/language';
import type { Terminal } from '../terminal.js';

export function runSchema(terminal: Terminal): number {
    terminal.out(JSON.stringify(orderSetJsonSchema(), null, 2));
    return 0;
}

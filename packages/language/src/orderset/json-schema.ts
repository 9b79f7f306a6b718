// Generates the JSON Schema of the order-set contract from its zod definition.
import { z } from 'zod';
import { OrderSet, ORDER_SET_FORMAT } from './schema.js';

/** The checked-in file name of the current format's JSON Schema. */
export const ORDER_SET_SCHEMA_FILE = `${ORDER_SET_FORMAT.replace('/', '-')}.schema.json`;

/** The JSON Schema (draft 2020-12) of the current order-set format, as printed by `titra schema`. */
export function orderSetJsonSchema(): Record<string, unknown> {
    const schema = z.toJSONSchema(OrderSet, { target: 'draft-2020-12', io: 'output' });
    return { $id: ORDER_SET_SCHEMA_FILE, ...schema };
}


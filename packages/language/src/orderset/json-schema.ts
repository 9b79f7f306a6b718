// Generates the JSON Schemas of the order-set and schedule contracts from their zod definitions.
import { z } from 'zod';
import { OrderSet, ORDER_SET_FORMAT } from './schema.js';
import { Schedule, SCHEDULE_FORMAT } from './schedule-schema.js';

/** The checked-in file name of a format's JSON Schema: titra.orderset/1 -> titra.orderset-1.schema.json. */
function schemaFileName(format: string): string {
    return `${format.replace('/', '-')}.schema.json`;
}

/** The checked-in file name of the current order-set format's JSON Schema. */
export const ORDER_SET_SCHEMA_FILE = schemaFileName(ORDER_SET_FORMAT);

/** The checked-in file name of the current schedule format's JSON Schema. */
export const SCHEDULE_SCHEMA_FILE = schemaFileName(SCHEDULE_FORMAT);

function jsonSchema(file: string, schema: z.ZodType): Record<string, unknown> {
    return { $id: file, ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }) };
}

/** The JSON Schema (draft 2020-12) of the current order-set format, as printed by `titra schema`. */
export function orderSetJsonSchema(): Record<string, unknown> {
    return jsonSchema(ORDER_SET_SCHEMA_FILE, OrderSet);
}

/** The JSON Schema (draft 2020-12) of the current schedule format, as printed by `titra schema --schedule`. */
export function scheduleJsonSchema(): Record<string, unknown> {
    return jsonSchema(SCHEDULE_SCHEMA_FILE, Schedule);
}

/** Every contract's JSON Schema by its checked-in file name (packages/language/schema/). */
export const CONTRACT_JSON_SCHEMAS: Readonly<Record<string, () => Record<string, unknown>>> = {
    [ORDER_SET_SCHEMA_FILE]: orderSetJsonSchema,
    [SCHEDULE_SCHEMA_FILE]: scheduleJsonSchema
};

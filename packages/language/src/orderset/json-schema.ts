// Generates the JSON Schemas of the order-set, schedule and check contracts from their zod definitions.
import { z } from 'zod';
import { TITRA_SCHEMA_BASE_URL } from '../project.js';
import { CheckReport, CHECK_FORMAT } from './check-schema.js';
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

/** The checked-in file name of the current check-report format's JSON Schema. */
export const CHECK_SCHEMA_FILE = schemaFileName(CHECK_FORMAT);

/**
 * A `$ref` with a description (or other keywords) beside it becomes `allOf: [{ $ref }]` with them: type generators
 * (json-schema-to-typescript) then reuse the definition's one type instead of emitting a copy per use.
 */
function referencesAlone(node: unknown): unknown {
    if (Array.isArray(node)) return node.map(referencesAlone);
    if (node === null || typeof node !== 'object') return node;
    const { $ref, ...rest } = node as Record<string, unknown>;
    const children = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, referencesAlone(value)]));
    if (typeof $ref !== 'string') return children;
    return Object.keys(children).length === 0 ? { $ref } : { ...children, allOf: [{ $ref }] };
}

function jsonSchema(file: string, schema: z.ZodType): Record<string, unknown> {
    const { $schema, $ref, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
    // The root keeps its bare $ref: it names the format's definition.
    return { $id: `${TITRA_SCHEMA_BASE_URL}${file}`, $schema, $ref, ...(referencesAlone(rest) as Record<string, unknown>) };
}

/** The JSON Schema (draft 2020-12) of the current order-set format, as printed by `titra schema`. */
export function orderSetJsonSchema(): Record<string, unknown> {
    return jsonSchema(ORDER_SET_SCHEMA_FILE, OrderSet);
}

/** The JSON Schema (draft 2020-12) of the current schedule format, as printed by `titra schema --schedule`. */
export function scheduleJsonSchema(): Record<string, unknown> {
    return jsonSchema(SCHEDULE_SCHEMA_FILE, Schedule);
}

/** The JSON Schema (draft 2020-12) of `titra check --format json` output. */
export function checkReportJsonSchema(): Record<string, unknown> {
    return jsonSchema(CHECK_SCHEMA_FILE, CheckReport);
}

/** Every contract's JSON Schema by its checked-in file name (packages/language/schema/). */
export const CONTRACT_JSON_SCHEMAS: Readonly<Record<string, () => Record<string, unknown>>> = {
    [ORDER_SET_SCHEMA_FILE]: orderSetJsonSchema,
    [SCHEDULE_SCHEMA_FILE]: scheduleJsonSchema,
    [CHECK_SCHEMA_FILE]: checkReportJsonSchema
};

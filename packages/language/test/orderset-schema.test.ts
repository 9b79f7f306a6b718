// The checked-in JSON Schemas of the contracts match their zod definitions, validate every compiled example, and give one generated type per definition.
import { readdirSync, readFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';
import { describe, expect, test } from 'vitest';
import { contractValidator } from '#test-support/contract-validator.js';
import { CONTRACT_JSON_SCHEMAS, ORDER_SET_SCHEMA_FILE, orderSetJsonSchema } from '../src/orderset/index.js';
import { ORDER_SET_SEMANTICS_URL } from '../src/project.js';
import { ROUTE_NAMES } from '../src/vocabulary/routes.js';

const schemaFolder = new URL('../schema/', import.meta.url);
const checkedIn = (file: string) => JSON.parse(readFileSync(new URL(file, schemaFolder), 'utf8')) as Record<string, unknown>;
const goldenFolder = new URL('../../../examples/golden/', import.meta.url);
const goldens = readdirSync(goldenFolder).filter((f) => f.endsWith('.orderset.json'))
    .map((file) => ({ file, orderSet: JSON.parse(readFileSync(new URL(file, goldenFolder), 'utf8')) as Record<string, unknown> }));

describe('contract JSON Schemas', () => {
    test.each(Object.keys(CONTRACT_JSON_SCHEMAS))('the checked-in %s equals the generated one (regenerate or bump the format version)', (file) => {
        expect(CONTRACT_JSON_SCHEMAS[file]()).toEqual(checkedIn(file));
    });

    test.each(Object.keys(CONTRACT_JSON_SCHEMAS))('%s has an absolute $id beside its semantics document', (file) => {
        expect(checkedIn(file).$id).toBe(new URL(file, ORDER_SET_SEMANTICS_URL).href);
    });

    test.each(Object.keys(CONTRACT_JSON_SCHEMAS))('json-schema-to-typescript emits one type per definition of %s', async (file) => {
        const types = await compile(checkedIn(file), 'Contract', { bannerComment: '', additionalProperties: false });
        const names = [...types.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]);
        // A copy of a definition is named after it with a number (Quantity1, Duration2).
        expect(names.filter((name) => /\d$/.test(name) && !/^Titra\w+\d$/.test(name))).toEqual([]);
        expect(new Set(names).size).toBe(names.length);
        // The root definition's type is named after its title (TitraOrderSetTitraOrderset1); every other keeps its own name.
        const root = String(checkedIn(file).$ref).replace('#/$defs/', '');
        const definitions = Object.keys(checkedIn(file).$defs as object).filter((name) => name !== root);
        expect(definitions.filter((name) => !names.includes(name))).toEqual([]);
    });
});

describe('order-set JSON Schema', () => {
    const validate = contractValidator(checkedIn(ORDER_SET_SCHEMA_FILE));

    test('every compiled example (examples/golden) is loaded', () => {
        expect(goldens.length).toBeGreaterThanOrEqual(15);
    });

    test.each(goldens)('the compiled example $file satisfies the checked-in schema (Ajv 2020 with formats)', ({ orderSet }) => {
        expect(validate(orderSet), JSON.stringify(validate.errors)).toBe(true);
    });

    test('a date that is not a calendar day and a route outside the code list fail the schema', () => {
        const { orderSet } = goldens.find((g) => g.file === 'teclistamab-inpatient.orderset.json')!;
        const protocol = orderSet.protocol as Record<string, unknown>;
        expect(validate({ ...orderSet, protocol: { ...protocol, effective: '2026-02-30' } })).toBe(false);
        expect(validate.errors?.map((e) => e.instancePath)).toEqual(['/protocol/effective']);
        expect(validate({ ...orderSet, agent: { ...(orderSet.agent as object), route: 'SC' } })).toBe(false);
        expect(validate.errors?.map((e) => e.instancePath)).toEqual(['/agent/route']);
    });

    test('routes are the code list of vocabulary/routes.ts, and months are defined in days', () => {
        const schema = orderSetJsonSchema() as { $defs: Record<string, { enum?: string[]; description?: string }> };
        expect(schema.$defs.Route.enum).toEqual([...ROUTE_NAMES]);
        expect(schema.$defs.TimeUnitCode.description).toContain('mo is exactly 30 d');
    });
});

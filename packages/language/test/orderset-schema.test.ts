// The checked-in JSON Schema of the order-set format matches the zod contract it is generated from.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ORDER_SET_SCHEMA_FILE, orderSetJsonSchema } from '../src/orderset/index.js';

describe('order-set JSON Schema', () => {
    test('the checked-in schema equals the generated one (regenerate or bump the format version)', () => {
        const checkedIn = JSON.parse(readFileSync(new URL(`../schema/${ORDER_SET_SCHEMA_FILE}`, import.meta.url), 'utf8'));
        expect(orderSetJsonSchema()).toEqual(checkedIn);
    });
});

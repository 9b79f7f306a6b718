// Validates JSON against a checked-in contract schema as an independent consumer would: Ajv 2020 with the standard formats (date).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** An Ajv 2020 validator of `schema` that also checks `format` (e.g. `date`), reporting every error. */
export function contractValidator(schema: Record<string, unknown>): ValidateFunction {
    const ajv = new Ajv2020({ allErrors: true });
    (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
    return ajv.compile(schema);
}

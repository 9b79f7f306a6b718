// Order-set values to FHIR R4 data types: UCUM quantities, ids, route codes, extensions and condition expressions.
import { Condition, type Duration as OrderSetDuration } from '../orderset/schema.js';
import { conditionText } from '../orderset/text/index.js';
import { FHIR_ROUTE_CODINGS } from '../vocabulary/routes.js';
import type { CodeableConcept, Coding, Extension, Quantity, Range } from './fhir-types.js';

/** The default canonical base: every Titra-defined URL (resources, extensions, identifiers, code systems) starts with it (`rebase` moves them). */
export const FHIR_CANONICAL_BASE = 'https://titra.example/fhir';

/** The media type of a condition written as titra.orderset/1 Condition JSON (see conditionExtension). */
export const TITRA_CONDITION_LANGUAGE = 'application/x-titra-condition+json';

export const UCUM_SYSTEM = 'http://unitsofmeasure.org';

/** The definition URL of a Titra extension. */
export function extensionUrl(name: string): string {
    return `${FHIR_CANONICAL_BASE}/StructureDefinition/${name}`;
}

/** A UCUM quantity; the UCUM code doubles as the display unit. */
export function ucum(value: number, unit: string): Quantity {
    return { value, unit, system: UCUM_SYSTEM, code: unit };
}

export function duration(d: OrderSetDuration): Quantity {
    return ucum(d.value, d.unit);
}

/** A range of UCUM quantities; either end may be absent. */
export function range(unit: string, low?: number, high?: number): Range {
    return {
        ...(low === undefined ? {} : { low: ucum(low, unit) }),
        ...(high === undefined ? {} : { high: ucum(high, unit) })
    };
}

/** An extension with one value (`value` holds exactly one value[x] key). */
export function valueExtension(name: string, value: Omit<Extension, 'url' | 'extension'>): Extension {
    return { url: extensionUrl(name), ...value };
}

/** A complex extension; its parts use local names as URLs, as FHIR allows inside a complex extension. */
export function complexExtension(name: string, parts: Array<[string, Omit<Extension, 'url' | 'extension'>] | undefined>): Extension {
    return { url: extensionUrl(name), extension: parts.filter((p) => p !== undefined).map(([url, value]) => ({ url, ...value })) };
}

/** FNV-1a, 32 bits, as 8 hex digits: a short deterministic suffix for ids that must be shortened. */
function shortHash(text: string): string {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16).padStart(8, '0');
}

/**
 * A FHIR `id` ([A-Za-z0-9-.]{1,64}) derived from an order-set id: other characters become `-`; an id longer
 * than 64 keeps its first 55 characters and gets `-` and a hash of the whole id, so it stays unique and stable.
 */
export function fhirId(raw: string): string {
    const cleaned = raw.replace(/[^A-Za-z0-9.-]/g, '-');
    return cleaned.length <= 64 ? cleaned : `${cleaned.slice(0, 55)}-${shortHash(raw)}`;
}

/** A computable name (PlanDefinition.name, ActivityDefinition.name): starts with a capital letter, letters, digits and `_` only. */
export function computableName(id: string): string {
    const name = id.replace(/[^A-Za-z0-9_]/g, '_');
    return /^[A-Z]/.test(name) ? name : `P_${name}`;
}

/** One route as a CodeableConcept: the route text always, the SNOMED CT coding where the route vocabulary cites one. */
export function routeConcept(route: string): CodeableConcept {
    const coding: Coding | undefined = FHIR_ROUTE_CODINGS[route];
    return coding ? { coding: [coding], text: route } : { text: route };
}

/**
 * A condition as text plus its machine-readable titra.orderset/1 Condition JSON, in the condition-expression
 * extension whose parts mirror FHIR's Expression (description, language, expression). It stays beside the FHIRPath
 * condition.expression, because the FHIR R4 JSON Schema allows only text/cql, text/fhirpath and
 * application/x-fhir-query as Expression.language, and a Titra condition is none of them.
 */
export function conditionExtension(condition: Condition): Extension {
    return complexExtension('condition-expression', [
        ['description', { valueString: conditionText(condition) }],
        ['language', { valueCode: TITRA_CONDITION_LANGUAGE }],
        // Parsed by the schema first, so keys come in the order set's own order whatever the input object's order.
        ['expression', { valueString: JSON.stringify(Condition.parse(condition)) }]
    ]);
}

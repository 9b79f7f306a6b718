// toFhirBundle: a compiled titra.orderset/1 order set as a FHIR R4 Bundle (collection or transaction) of one PlanDefinition and its ActivityDefinitions.
import type { OrderSet } from '../orderset/schema.js';
import { ActivityDefinitionRegistry } from './activity-definitions.js';
import { FHIR_CANONICAL_BASE, fhirId } from './datatypes.js';
import type { Bundle, BundleType, PlanDefinitionAction } from './fhir-types.js';
import { planDefinition } from './plan-definition.js';

export interface FhirExportOptions {
    /** The canonical base of every Titra-defined URL (resources, extensions, code systems); FHIR_CANONICAL_BASE by default. */
    base?: string;
    /** `collection` (default) or `transaction`: each entry then carries a PUT request to its logical id. */
    bundleType?: BundleType;
}

/** Refuses a canonical base a FHIR server cannot take: it must be an absolute http(s) URL without a trailing slash, query or fragment. */
export function checkCanonicalBase(base: string): string | undefined {
    let url: URL;
    try {
        url = new URL(base);
    } catch {
        return `${base} is not an absolute URL`;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${base} is not an http or https URL`;
    if (base.endsWith('/') || url.search || url.hash) return `${base} must not end with '/' nor carry a query or fragment`;
    return undefined;
}

/**
 * Every Titra URL in an exported resource under another canonical base: each string's occurrences of the default
 * base (in URLs, canonical references and the code systems named inside FHIRPath expressions) are rewritten.
 */
export function rebase<T>(value: T, base: string): T {
    if (base === FHIR_CANONICAL_BASE) return value;
    const problem = checkCanonicalBase(base);
    if (problem) throw new Error(problem);
    return JSON.parse(JSON.stringify(value), (_key, v: unknown) => typeof v === 'string' ? v.split(`${FHIR_CANONICAL_BASE}/`).join(`${base}/`) : v) as T;
}

/**
 * The FHIR R4 Bundle of an order set. It is derived from the compiled order set only (never from the
 * protocol source), so the orderset and fhir-r4 targets always agree; the same order set gives the same Bundle.
 */
export function toFhirBundle(orderSet: OrderSet, options: FhirExportOptions = {}): Bundle {
    const registry = new ActivityDefinitionRegistry(orderSet);
    const plan = planDefinition(orderSet, registry);
    checkActions(plan.action);
    const bundleType = options.bundleType ?? 'collection';
    const bundle: Bundle = {
        resourceType: 'Bundle',
        id: fhirId(orderSet.protocol.id),
        type: bundleType,
        entry: [plan, ...registry.all].map((resource) => ({
            fullUrl: `${FHIR_CANONICAL_BASE}/${resource.resourceType}/${resource.id}`,
            resource,
            ...(bundleType === 'transaction' ? { request: { method: 'PUT' as const, url: `${resource.resourceType}/${resource.id}` } } : {})
        }))
    };
    return rebase(bundle, options.base ?? FHIR_CANONICAL_BASE);
}

/** The JSON text of the Bundle, two-space indented with a final newline, as `titra compile --target fhir-r4` writes it. */
export function fhirBundleText(orderSet: OrderSet, options: FhirExportOptions = {}): string {
    return JSON.stringify(toFhirBundle(orderSet, options), null, 2) + '\n';
}

/** Refuses a PlanDefinition whose action ids repeat or whose relatedAction names an action it does not have. */
function checkActions(actions: PlanDefinitionAction[]): void {
    const all: PlanDefinitionAction[] = [];
    const walk = (list: PlanDefinitionAction[]): void => list.forEach((a) => { all.push(a); walk(a.action ?? []); });
    walk(actions);
    const ids = new Set<string>();
    for (const action of all) {
        if (ids.has(action.id)) throw new Error(`internal error: two PlanDefinition actions have the id ${action.id}`);
        ids.add(action.id);
    }
    for (const action of all) {
        for (const related of action.relatedAction ?? []) {
            if (!ids.has(related.actionId)) throw new Error(`internal error: action ${action.id} is related to ${related.actionId}, which is not an action`);
        }
    }
}

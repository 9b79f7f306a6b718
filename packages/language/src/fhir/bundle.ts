// toFhirBundle: a compiled titra.orderset/1 order set as a FHIR R4 Bundle (collection) of one PlanDefinition and its ActivityDefinitions.
import type { OrderSet } from '../orderset/schema.js';
import { ActivityDefinitionRegistry } from './activity-definitions.js';
import { FHIR_CANONICAL_BASE, fhirId } from './datatypes.js';
import type { Bundle, PlanDefinitionAction } from './fhir-types.js';
import { planDefinition } from './plan-definition.js';

/**
 * The FHIR R4 Bundle of an order set. It is derived from the compiled order set only (never from the
 * protocol source), so the orderset and fhir-r4 targets always agree; the same order set gives the same Bundle.
 */
export function toFhirBundle(orderSet: OrderSet): Bundle {
    const registry = new ActivityDefinitionRegistry(orderSet);
    const plan = planDefinition(orderSet, registry);
    checkActions(plan.action);
    return {
        resourceType: 'Bundle',
        id: fhirId(orderSet.protocol.id),
        type: 'collection',
        entry: [plan, ...registry.all].map((resource) => ({ fullUrl: `${FHIR_CANONICAL_BASE}/${resource.resourceType}/${resource.id}`, resource }))
    };
}

/** The JSON text of the Bundle, two-space indented with a final newline, as `titra compile --target fhir-r4` writes it. */
export function fhirBundleText(orderSet: OrderSet): string {
    return JSON.stringify(toFhirBundle(orderSet), null, 2) + '\n';
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

// Public entry of the FHIR R4 export: order set -> Bundle of PlanDefinition and ActivityDefinitions (no Langium inside).
export { toFhirBundle, fhirBundleText } from './bundle.js';
export { FHIR_CANONICAL_BASE, TITRA_CONDITION_LANGUAGE, UCUM_SYSTEM, extensionUrl } from './datatypes.js';
export type {
    ActivityDefinition, Bundle as FhirBundle, Extension as FhirExtension, PlanDefinition, PlanDefinitionAction, RelatedAction as FhirRelatedAction
} from './fhir-types.js';

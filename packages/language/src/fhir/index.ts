// Public entry of the FHIR R4 export: order set -> Bundle of PlanDefinition and ActivityDefinitions (no Langium inside).
export { checkCanonicalBase, toFhirBundle, fhirBundleText, type FhirExportOptions } from './bundle.js';
export { extensionDefinitions, fhirPackageFiles } from './structure-definitions.js';
export { FHIR_CANONICAL_BASE, TITRA_CONDITION_LANGUAGE, UCUM_SYSTEM, extensionUrl } from './datatypes.js';
export type {
    ActivityDefinition, Bundle as FhirBundle, BundleType as FhirBundleType, StructureDefinition, Extension as FhirExtension, PlanDefinition, PlanDefinitionAction, RelatedAction as FhirRelatedAction
} from './fhir-types.js';

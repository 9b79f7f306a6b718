// The subset of FHIR R4 data types and resources that the order-set export writes (element names as in R4).

export interface Coding {
    system: string;
    code: string;
    display?: string;
}

export interface CodeableConcept {
    coding?: Coding[];
    text?: string;
}

/** A UCUM quantity (R4 Quantity / SimpleQuantity / Duration). */
export interface Quantity {
    value: number;
    unit: string;
    system: string;
    code: string;
}

export interface Range {
    low?: Quantity;
    high?: Quantity;
}

export interface Ratio {
    numerator: Quantity;
    denominator: Quantity;
}

/** An extension carries either one value or nested extensions, never both. */
export interface Extension {
    url: string;
    extension?: Extension[];
    valueBoolean?: boolean;
    valueCode?: string;
    valueCodeableConcept?: CodeableConcept;
    valueDate?: string;
    valueDecimal?: number;
    valueDuration?: Quantity;
    valueInteger?: number;
    valueQuantity?: Quantity;
    valueRange?: Range;
    valueString?: string;
}

export interface TimingRepeat {
    boundsDuration?: Quantity;
    boundsRange?: Range;
    count?: number;
    duration?: number;
    durationMax?: number;
    durationUnit?: string;
    frequency?: number;
    period?: number;
    periodMax?: number;
    periodUnit?: string;
}

export interface Timing {
    repeat?: TimingRepeat;
    code?: CodeableConcept;
}

export interface Dosage {
    extension?: Extension[];
    text?: string;
    timing?: Timing;
    asNeededBoolean?: boolean;
    route?: CodeableConcept;
    doseAndRate?: Array<{ doseQuantity?: Quantity; doseRange?: Range }>;
    maxDosePerPeriod?: Ratio;
    maxDosePerAdministration?: Quantity;
}

export interface RelatedArtifact {
    type: 'citation';
    citation: string;
}

export interface UsageContext {
    code: Coding;
    valueCodeableConcept: CodeableConcept;
}

export interface ActivityDefinition {
    resourceType: 'ActivityDefinition';
    id: string;
    extension?: Extension[];
    url: string;
    version: string;
    title: string;
    status: PublicationStatus;
    description?: string;
    kind: 'MedicationRequest' | 'ServiceRequest' | 'Task';
    code?: CodeableConcept;
    intent: 'order';
    timingTiming?: Timing;
    timingDuration?: Quantity;
    productCodeableConcept?: CodeableConcept;
    dosage?: Dosage[];
}

export interface PlanDefinitionCondition {
    extension: Extension[];
    kind: 'applicability' | 'start' | 'stop';
}

export interface RelatedAction {
    extension?: Extension[];
    actionId: string;
    relationship: 'before-start' | 'after-start' | 'after-end' | 'after' | 'concurrent-with-start';
    offsetRange?: Range;
}

export interface PlanDefinitionAction {
    id: string;
    extension?: Extension[];
    title: string;
    description?: string;
    condition?: PlanDefinitionCondition[];
    relatedAction?: RelatedAction[];
    groupingBehavior?: 'logical-group';
    selectionBehavior?: 'all' | 'any';
    requiredBehavior?: 'must' | 'could';
    precheckBehavior?: 'yes' | 'no';
    definitionCanonical?: string;
    action?: PlanDefinitionAction[];
}

export type PublicationStatus = 'draft' | 'active' | 'retired';

export interface PlanDefinition {
    resourceType: 'PlanDefinition';
    id: string;
    extension?: Extension[];
    url: string;
    identifier: Array<{ system: string; value: string }>;
    version: string;
    name: string;
    title: string;
    type: CodeableConcept;
    status: PublicationStatus;
    publisher?: string;
    description?: string;
    useContext?: UsageContext[];
    effectivePeriod?: { start: string };
    relatedArtifact?: RelatedArtifact[];
    action: PlanDefinitionAction[];
}

export interface BundleEntry {
    fullUrl: string;
    resource: PlanDefinition | ActivityDefinition;
}

export interface Bundle {
    resourceType: 'Bundle';
    id: string;
    type: 'collection';
    entry: BundleEntry[];
}

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

/** An R4 Expression; Titra writes FHIRPath (text/fhirpath). */
export interface Expression {
    description?: string;
    language: string;
    expression: string;
}

/** A generated narrative: the resource's human-readable summary as an XHTML div. */
export interface Narrative {
    status: 'generated';
    div: string;
}

/** An ActivityDefinition.dynamicValue: the element at `path` of the resource it creates gets the value of `expression`. */
export interface DynamicValue {
    path: string;
    expression: Expression;
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
    text?: Narrative;
    extension?: Extension[];
    url: string;
    version: string;
    name?: string;
    title: string;
    status: PublicationStatus;
    experimental?: boolean;
    date?: string;
    publisher?: string;
    description?: string;
    kind: 'MedicationRequest' | 'ServiceRequest' | 'Task';
    code?: CodeableConcept;
    intent: 'order';
    timingTiming?: Timing;
    timingDuration?: Quantity;
    productCodeableConcept?: CodeableConcept;
    dosage?: Dosage[];
    dynamicValue?: DynamicValue[];
}

export interface PlanDefinitionCondition {
    extension: Extension[];
    kind: 'applicability' | 'start' | 'stop';
    expression?: Expression;
}

export interface RelatedAction {
    extension?: Extension[];
    actionId: string;
    relationship: 'before-start' | 'after-start' | 'after-end' | 'after' | 'concurrent-with-start';
    offsetDuration?: Quantity;
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
    text?: Narrative;
    extension?: Extension[];
    url: string;
    identifier: Array<{ system: string; value: string }>;
    version: string;
    name: string;
    title: string;
    type: CodeableConcept;
    status: PublicationStatus;
    experimental?: boolean;
    date?: string;
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
    /** In a transaction Bundle: create or update the resource at its logical id. */
    request?: { method: 'PUT'; url: string };
}

/** `collection` to hand over; `transaction` to load into a FHIR server (each entry a PUT of its resource). */
export type BundleType = 'collection' | 'transaction';

export interface Bundle {
    resourceType: 'Bundle';
    id: string;
    type: BundleType;
    entry: BundleEntry[];
}

/** An element of a StructureDefinition's differential. */
export interface ElementDefinition {
    id: string;
    path: string;
    sliceName?: string;
    slicing?: { discriminator: Array<{ type: 'value'; path: string }>; rules: 'open' };
    short?: string;
    definition?: string;
    min?: number;
    max?: string;
    type?: Array<{ code: string }>;
    fixedUri?: string;
}

/** The definition of one Titra extension (a FHIR R4 StructureDefinition of type Extension). */
export interface StructureDefinition {
    resourceType: 'StructureDefinition';
    id: string;
    text?: Narrative;
    url: string;
    version: string;
    name: string;
    title: string;
    status: PublicationStatus;
    publisher: string;
    description: string;
    fhirVersion: '4.0.1';
    kind: 'complex-type';
    abstract: false;
    context: Array<{ type: 'element'; expression: string }>;
    type: 'Extension';
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension';
    derivation: 'constraint';
    differential: { element: ElementDefinition[] };
}

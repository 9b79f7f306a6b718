// Order-set conditions and weight/BSA doses as FHIRPath over a patient record Bundle (Patient and Observations); mapping in README "FHIR R4".
import type { Comparison, Condition, Dose } from '../orderset/schema.js';
import { responseRank, type ResponseLevelName } from '../orderset/conditions.js';
import { computedDoseUnit } from '../orderset/schedule/dose.js';
import { durationInDays } from '../vocabulary/time-units.js';
import { FHIR_CANONICAL_BASE, UCUM_SYSTEM } from './datatypes.js';
import type { Coding } from './fhir-types.js';

/** The media type of a FHIRPath Expression (R4 expression-language). */
export const FHIRPATH_LANGUAGE = 'text/fhirpath';

/** Observation.code of everything Titra reads that has no cited standard code: lab names, `grade-<toxicity>`, best-response, risk-flag, clinical-state. */
export const TITRA_OBSERVATION_SYSTEM = `${FHIR_CANONICAL_BASE}/CodeSystem/observation`;
/** Observation.valueCodeableConcept of a best-response Observation: the IMWG level (sCR, CR, VGPR, PR, MR, SD, PD). */
export const TITRA_RESPONSE_SYSTEM = `${FHIR_CANONICAL_BASE}/CodeSystem/response-level`;
/** Observation.valueCodeableConcept of a risk-flag Observation: the order set's flag id. */
export const TITRA_RISK_FLAG_SYSTEM = `${FHIR_CANONICAL_BASE}/CodeSystem/risk-flag`;
/** Observation.valueCodeableConcept of a clinical-state Observation: the state (active-infection, bleeding, ...). */
export const TITRA_CLINICAL_STATE_SYSTEM = `${FHIR_CANONICAL_BASE}/CodeSystem/clinical-state`;

const LOINC_SYSTEM = 'http://loinc.org';

/**
 * LOINC codes of the observations a cited public source gives them for; every other observation is coded in
 * TITRA_OBSERVATION_SYSTEM by its order-set name. Sources: weight 29463-7 and height 8302-2, FHIR R4 vital signs
 * profile (hl7.org/fhir/R4/observation-vitalsigns.html); ANC 751-8 and platelets 777-3, HL7 CTC Adverse Events IG
 * examples Observation-r201-9 and -r201-6 (build.fhir.org/ig/standardhealth/fsh-ae) and US Core Observation-cbc-platelets;
 * hemoglobin 718-7, US Core Observation-cbc-hemoglobin and FHIR Observation-example-f005-hemoglobin; creatinine 2160-0,
 * US Core Observation-serum-creatinine and the CPG IG value set ckd-valueset-creatinine.
 */
const LOINC_OBSERVATIONS: Readonly<Record<string, Coding>> = {
    weight: { system: LOINC_SYSTEM, code: '29463-7', display: 'Body weight' },
    height: { system: LOINC_SYSTEM, code: '8302-2', display: 'Body height' },
    ANC: { system: LOINC_SYSTEM, code: '751-8', display: 'Neutrophils [#/volume] in Blood by Automated count' },
    platelets: { system: LOINC_SYSTEM, code: '777-3', display: 'Platelets [#/volume] in Blood by Automated count' },
    hemoglobin: { system: LOINC_SYSTEM, code: '718-7', display: 'Hemoglobin [Mass/volume] in Blood' },
    creatinine: { system: LOINC_SYSTEM, code: '2160-0', display: 'Creatinine [Mass/volume] in Serum or Plasma' }
};

/** The Observation.code coding an order-set observation name is read from. */
export function observationCoding(name: string): Coding {
    return LOINC_OBSERVATIONS[name] ?? { system: TITRA_OBSERVATION_SYSTEM, code: name };
}

/** The Observation.code coding of a toxicity's current grade (valueInteger). */
export function gradeCoding(toxicity: string): Coding {
    return { system: TITRA_OBSERVATION_SYSTEM, code: `grade-${toxicity}` };
}

export const BEST_RESPONSE_CODING: Coding = { system: TITRA_OBSERVATION_SYSTEM, code: 'best-response' };
export const RISK_FLAG_CODING: Coding = { system: TITRA_OBSERVATION_SYSTEM, code: 'risk-flag' };
export const CLINICAL_STATE_CODING: Coding = { system: TITRA_OBSERVATION_SYSTEM, code: 'clinical-state' };

const OPERATORS: Readonly<Record<Comparison, string>> = { lt: '<', le: '<=', gt: '>', ge: '>=', eq: '=' };
const RESPONSE_LEVELS: readonly ResponseLevelName[] = ['sCR', 'CR', 'VGPR', 'PR', 'MR', 'SD', 'PD'];

/** A FHIRPath string literal. */
export function literal(text: string): string {
    return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A FHIRPath decimal literal (FHIRPath has no exponent notation). */
function decimal(value: number): string {
    const plain = String(value);
    return /e/i.test(plain) ? value.toFixed(20).replace(/\.?0+$/, '') : plain;
}

/** The patient's usable Observations with this code: status final, amended or corrected. */
function observations(coding: Coding): string {
    return `%context.entry.resource.ofType(Observation).where(status in ('final' | 'amended' | 'corrected') and code.coding.where(system = ${literal(coding.system)} and code = ${literal(coding.code)}).exists())`;
}

/** The latest of the Observations with this code by effectiveDateTime; of equal times, the later in the Bundle. */
function latest(coding: Coding): string {
    return `${observations(coding)}.aggregate(iif($total.empty() or $this.effective.ofType(dateTime) >= $total.effective.ofType(dateTime), $this, $total))`;
}

/**
 * A condition as a FHIRPath expression evaluated with the patient's record Bundle as %context. It yields true,
 * false, or empty where Titra's evaluator yields unknown (FHIRPath's three-valued `and`, `or` and `not()` are
 * Titra's `all`, `any` and `not`); a PlanDefinition condition that is empty is not met. `resolvedOf` is the
 * trigger of the enclosing hold, read by `resolved`.
 */
export function conditionFhirPath(condition: Condition, resolvedOf?: Condition): string {
    switch (condition.type) {
        case 'observation': {
            const value = `${latest(observationCoding(condition.observation))}.value.ofType(Quantity)`;
            const threshold = condition.unit ? `${decimal(condition.value)} ${literal(condition.unit)}` : decimal(condition.value);
            return `(${condition.unit ? value : `${value}.value`} ${OPERATORS[condition.op]} ${threshold})`;
        }
        case 'grade': {
            const grade = latest(gradeCoding(condition.toxicity));
            return `(iif(${grade}.exists(), ${grade}.value.ofType(integer), 0) ${OPERATORS[condition.op]} ${condition.grade})`;
        }
        case 'response': {
            const response = latest(BEST_RESPONSE_CODING);
            const wanted = RESPONSE_LEVELS.filter((level) => compareRanks(condition.op, responseRank(level), responseRank(condition.level)));
            const levels = wanted.length === 0 ? '{}' : `(${wanted.map(literal).join(' | ')})`;
            const reached = `(${response}.value.ofType(CodeableConcept).coding.where(system = ${literal(TITRA_RESPONSE_SYSTEM)}).code in ${levels})`;
            if (!condition.sustained) return reached;
            return `(${reached} and ${response}.effective.ofType(dateTime) <= today() - ${Math.ceil(durationInDays(condition.sustained))} days)`;
        }
        case 'flag':
            return `${codedPresence(RISK_FLAG_CODING, TITRA_RISK_FLAG_SYSTEM, condition.flag)}.exists()`;
        case 'state':
            return `${codedPresence(CLINICAL_STATE_CODING, TITRA_CLINICAL_STATE_SYSTEM, condition.state)}.where(effective.ofType(Period).end.empty()).exists()`;
        case 'resolved':
            return resolvedOf ? `${conditionFhirPath(resolvedOf)}.not()` : '{}';
        case 'all':
            return `(${condition.of.map((c) => conditionFhirPath(c, resolvedOf)).join(' and ')})`;
        case 'any':
            return `(${condition.of.map((c) => conditionFhirPath(c, resolvedOf)).join(' or ')})`;
        case 'not':
            return `${conditionFhirPath(condition.condition, resolvedOf)}.not()`;
    }
}

/** The usable Observations of `kind` whose valueCodeableConcept is `code` in `system` (a risk flag, a clinical state). */
function codedPresence(kind: Coding, system: string, code: string): string {
    return `${observations(kind)}.where(value.ofType(CodeableConcept).coding.where(system = ${literal(system)} and code = ${literal(code)}).exists())`;
}

/** Exact comparison of two response ranks (integers, so no tolerance). */
function compareRanks(op: Comparison, a: number, b: number): boolean {
    switch (op) {
        case 'lt': return a < b;
        case 'le': return a <= b;
        case 'gt': return a > b;
        case 'ge': return a >= b;
        case 'eq': return a === b;
    }
}

/** The latest weight in kg and height in cm, as FHIRPath decimals (empty when missing or in another unit). */
function measure(name: 'weight' | 'height', unit: string): string {
    return `${latest(observationCoding(name))}.value.ofType(Quantity).where(system = ${literal(UCUM_SYSTEM)} and code = ${literal(unit)}).value`;
}

/**
 * The patient's amount of a per-kg (actual weight) or per-m2 (Mosteller body surface area) dose as a FHIRPath
 * decimal, as `computeDose` (orderset/schedule/dose.ts) computes it: basis applied, then rounding to a multiple,
 * then the cap. Undefined for a flat dose, a dose range, and ideal- or adjusted-weight doses, which Titra does not compute.
 */
export function doseAmountFhirPath(dose: Dose): string | undefined {
    const unit = computedDoseUnit(dose);
    let amount: string;
    if (dose.upper !== undefined) return undefined;
    if (dose.per === 'kg' && dose.basis === 'actual-weight') amount = `(${decimal(dose.value)} * ${measure('weight', 'kg')})`;
    else if (dose.per === 'm2' && dose.basis === 'body-surface-area') amount = `(${decimal(dose.value)} * (${measure('weight', 'kg')} * ${measure('height', 'cm')} / 3600).sqrt())`;
    else return undefined;
    if (dose.rounding && dose.rounding.unit === unit && dose.rounding.value > 0) {
        amount = `((${amount} / ${decimal(dose.rounding.value)}).round(0) * ${decimal(dose.rounding.value)})`;
    }
    if (dose.maxPerDose && dose.maxPerDose.unit === unit) {
        amount = `iif(${amount} > ${decimal(dose.maxPerDose.value)}, ${decimal(dose.maxPerDose.value)}, ${amount})`;
    }
    return amount;
}

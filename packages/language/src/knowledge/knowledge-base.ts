// Loads and schema-checks the reference data (observations with their plausible ranges, clinical states) that checks and the compiler use.
import { z } from 'zod';
import { ONE_SHOT_PARSE } from '../environment/one-shot-parse.js';
import observationsJson from './observations.json' with { type: 'json' };

const Sourced = { source: z.string().min(1), confirmed: z.boolean() };

/** Bounds outside which a value of the observation, in its own unit, cannot be a real measurement (a unit or scale slip). */
const PlausibleRange = z.object({
    low: z.number().nonnegative().optional(), high: z.number().positive().optional(), unit: z.string(), ...Sourced
}).strict().refine((r) => r.low !== undefined || r.high !== undefined, 'a plausible range needs a low or a high bound');

/** A threshold at which a guideline acts on the observation, in the observation's unit, by direction. */
const DecisionThreshold = z.object({
    comparator: z.enum(['<', '>']), value: z.number().positive(), description: z.string(), ...Sourced
}).strict();

const ObservationsFile = z.object({
    /** What every decisionThresholds list means. */
    decisionThresholdsMeaning: z.string(),
    /** What every plausibleRange means and where such ranges come from. */
    plausibleRangeMeaning: z.string(),
    observations: z.array(z.object({
        name: z.string(), unit: z.string(), displayUnit: z.string(), description: z.string(), ...Sourced,
        decisionThresholds: z.array(DecisionThreshold).optional(),
        plausibleRange: PlausibleRange.optional()
    })),
    states: z.array(z.object({ name: z.string(), description: z.string(), ...Sourced }))
});

export type ObservationDefinition = z.infer<typeof ObservationsFile>['observations'][number];
export type ClinicalStateDefinition = z.infer<typeof ObservationsFile>['states'][number];
export type PlausibleRangeReference = z.infer<typeof PlausibleRange>;
export type DecisionThresholdReference = z.infer<typeof DecisionThreshold>;

const observationsFile = ObservationsFile.parse(observationsJson, ONE_SHOT_PARSE);
for (const o of observationsFile.observations) {
    if (o.plausibleRange && o.plausibleRange.unit !== o.unit) {
        throw new Error(`observations.json: the plausible range of ${o.name} is in ${o.plausibleRange.unit}, not in the observation's unit ${o.unit}`);
    }
}

const observationsByName = new Map(observationsFile.observations.map((o) => [o.name, o]));
const statesByName = new Map(observationsFile.states.map((s) => [s.name, s]));

/** The reference definition of a patient observation (lab or measurement), by its protocol name. */
export function observationDefinition(name: string): ObservationDefinition | undefined {
    return observationsByName.get(name);
}

/** The physiologically plausible range of an observation, in its definition's unit (UCUM), when a source gives one. */
export function observationPlausibleRange(name: string): PlausibleRangeReference | undefined {
    return observationsByName.get(name)?.plausibleRange;
}

/** The thresholds at which the IMWG 2024 consensus acts on an observation (in its unit); none when it gives none. */
export function observationDecisionThresholds(name: string): readonly DecisionThresholdReference[] {
    return observationsByName.get(name)?.decisionThresholds ?? [];
}

/** What the plausible ranges mean (data-quality bounds, wider than normal ranges) and their source. */
export const plausibleRangeMeaning = observationsFile.plausibleRangeMeaning;

/** The reference definition of a clinical state usable in conditions (e.g. active-infection). */
export function clinicalStateDefinition(name: string): ClinicalStateDefinition | undefined {
    return statesByName.get(name);
}

export function knownClinicalStateNames(): string[] {
    return [...statesByName.keys()];
}

// Loads and schema-checks the reference data (observations, clinical states) that checks and the compiler use.
import { z } from 'zod';
import observationsJson from './observations.json' with { type: 'json' };

const Sourced = { source: z.string().min(1), confirmed: z.boolean() };

const ObservationsFile = z.object({
    observations: z.array(z.object({
        name: z.string(), unit: z.string(), displayUnit: z.string(), description: z.string(), ...Sourced
    })),
    states: z.array(z.object({ name: z.string(), description: z.string(), ...Sourced }))
});

export type ObservationDefinition = z.infer<typeof ObservationsFile>['observations'][number];
export type ClinicalStateDefinition = z.infer<typeof ObservationsFile>['states'][number];

const observationsFile = ObservationsFile.parse(observationsJson);

const observationsByName = new Map(observationsFile.observations.map((o) => [o.name, o]));
const statesByName = new Map(observationsFile.states.map((s) => [s.name, s]));

/** The reference definition of a patient observation (lab or measurement), by its protocol name. */
export function observationDefinition(name: string): ObservationDefinition | undefined {
    return observationsByName.get(name);
}

/** The reference definition of a clinical state usable in conditions (e.g. active-infection). */
export function clinicalStateDefinition(name: string): ClinicalStateDefinition | undefined {
    return statesByName.get(name);
}

export function knownClinicalStateNames(): string[] {
    return [...statesByName.keys()];
}

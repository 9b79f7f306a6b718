// The reference knowledge (label schedules, supportive drugs, ASTCT grading, observations, clinical states) as a language service.
import {
    clinicalStateDefinition, knownClinicalStateNames, observationDefinition, type ClinicalStateDefinition, type ObservationDefinition
} from './knowledge-base.js';
import {
    agentByAnyName, gradingReference, guidelinePanel, knownAgentNames, knownSupportiveDrugNames, labelStepUpDose, supportiveDrugReference,
    type AgentReference, type GradingSystemReference, type GuidelinePanelReference, type SupportiveDrugReference
} from './reference.js';

export class KnowledgeBase {
    /** The labeled reference of a bispecific agent, by the name a protocol's `agent` gives it: generic, brand or suffixed US name (case-insensitive). */
    agentReference(name: string): AgentReference | undefined {
        return agentByAnyName(name);
    }

    knownAgentNames(): string[] {
        return knownAgentNames();
    }

    /** The labeled dose of step-up dose `sequence` (1-based) of an agent's first schedule, e.g. "0.3 mg/kg". */
    labelStepUpDose(agent: string, sequence: number): string | undefined {
        return labelStepUpDose(agent, sequence);
    }

    /** A supportive drug used in the panels (tocilizumab, dexamethasone, ...), by name (case-insensitive). */
    supportiveDrugReference(name: string): SupportiveDrugReference | undefined {
        return supportiveDrugReference(name);
    }

    knownSupportiveDrugNames(): string[] {
        return knownSupportiveDrugNames();
    }

    /** ASTCT grade definitions of CRS or ICANS. */
    gradingReference(system: 'crs' | 'icans'): GradingSystemReference {
        return gradingReference(system);
    }

    /** The reference definition of a patient observation (lab or measurement), by its protocol name. */
    observationDefinition(name: string): ObservationDefinition | undefined {
        return observationDefinition(name);
    }

    /** The reference definition of a clinical state usable in conditions (e.g. active-infection). */
    clinicalStateDefinition(name: string): ClinicalStateDefinition | undefined {
        return clinicalStateDefinition(name);
    }

    knownClinicalStateNames(): string[] {
        return knownClinicalStateNames();
    }

    /** The IMWG 2024 management panel of CRS (panel 1) or ICANS (panel 2), grade by grade. */
    guidelinePanel(system: 'crs' | 'icans'): GuidelinePanelReference {
        return guidelinePanel(system);
    }
}

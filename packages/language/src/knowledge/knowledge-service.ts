// The reference knowledge (label schedules, ASTCT grading, IMWG panels, observations) that the compiler, hover and server requests read, as a language service.
import { observationDefinition, type ObservationDefinition } from './knowledge-base.js';
import {
    agentByAnyName, gradingReference, guidelinePanel, labelStepUpDose,
    type AgentReference, type GradingSystemReference, type GuidelinePanelReference
} from './reference.js';

export class KnowledgeBase {
    /** The labeled reference of a bispecific agent, by the name a protocol's `agent` gives it: generic, brand or suffixed US name (case-insensitive). */
    agentReference(name: string): AgentReference | undefined {
        return agentByAnyName(name);
    }

    /** The labeled dose of step-up dose `sequence` (1-based) in the agent's schedule that `stepUp` follows, e.g. "0.3 mg/kg". */
    labelStepUpDose(agent: string, stepUp: ReadonlyArray<{ value: number; unit: string }>, sequence: number): string | undefined {
        return labelStepUpDose(agent, stepUp, sequence);
    }

    /** ASTCT grade definitions of CRS or ICANS. */
    gradingReference(system: 'crs' | 'icans'): GradingSystemReference {
        return gradingReference(system);
    }

    /** The reference definition of a patient observation (lab or measurement), by its protocol name. */
    observationDefinition(name: string): ObservationDefinition | undefined {
        return observationDefinition(name);
    }

    /** The IMWG 2024 management panel of CRS (panel 1) or ICANS (panel 2), grade by grade. */
    guidelinePanel(system: 'crs' | 'icans'): GuidelinePanelReference {
        return guidelinePanel(system);
    }
}

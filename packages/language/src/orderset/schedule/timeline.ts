// The patient's state on each day (patient inputs, latest labs, grades, best response, states), built from the timeline of events.
import { patientFacts, responseRank, type ObservationValue, type PatientState } from '../conditions.js';
import type { PatientInputs, TimelineEvent } from './input.js';

/** The patient's state on each day, built from the patient inputs and the timeline. */
export class Timeline {
    private readonly events: TimelineEvent[];
    private readonly flags: ReadonlySet<string>;
    private readonly facts: ReadonlyMap<string, ObservationValue>;

    constructor(events: TimelineEvent[], patient: PatientInputs) {
        this.events = [...events].sort((a, b) => a.date.localeCompare(b.date));
        this.flags = new Set(patient.flags);
        this.facts = patientFacts(patient);
    }

    /** The state on `day`: the patient inputs from the start, then each event on or before that day (a later weight event replaces the input). */
    stateOn(day: string): PatientState {
        const observations = new Map<string, ObservationValue>(this.facts);
        const grades = new Map<string, number>();
        const states = new Set<string>();
        let response: PatientState['response'];
        for (const event of this.events) {
            if (event.date > day) break;
            switch (event.type) {
                case 'lab': observations.set(event.observation, { value: event.value, unit: event.unit }); break;
                case 'toxicity': grades.set(event.toxicity, event.grade); break;
                case 'state': if (event.present) states.add(event.state); else states.delete(event.state); break;
                case 'response':
                    if (!response || responseRank(event.level) > responseRank(response.level)) response = { level: event.level, since: event.date };
                    else if (responseRank(event.level) < responseRank(response.level)) response = { level: event.level, since: event.date };
                    break;
                case 'delay': break;
            }
        }
        return { observations, grades, states, flags: this.flags, today: day, ...(response ? { response } : {}) };
    }

    /** True when the patient inputs give `observation`, or a lab event reports it on a day in [from, to]. */
    hasResult(observation: string, from: string, to: string): boolean {
        return this.facts.has(observation)
            || this.events.some((e) => e.type === 'lab' && e.observation === observation && e.date >= from && e.date <= to);
    }

    get all(): readonly TimelineEvent[] {
        return this.events;
    }

    /** Days on which something changed, from `from` (inclusive) up to `to` (inclusive). */
    changeDays(from: string, to: string): string[] {
        return [...new Set(this.events.map((e) => e.date).filter((d) => d >= from && d <= to))];
    }
}

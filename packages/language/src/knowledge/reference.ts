// Loads and schema-checks the clinical reference data (agents, drug doses, grading, IMWG panels) that the reference checks use.
import { z } from 'zod';
import { ONE_SHOT_PARSE } from '../environment/one-shot-parse.js';
import agentsJson from './agents.json' with { type: 'json' };
import drugDosesJson from './drug-doses.json' with { type: 'json' };
import gradingJson from './grading.json' with { type: 'json' };
import guidelinesJson from './guidelines.json' with { type: 'json' };
import timingJson from './timing.json' with { type: 'json' };

const Sourced = { source: z.string().min(1), confirmed: z.boolean() };
const TimeUnit = z.enum(['minutes', 'hours', 'days', 'weeks']);
const Interval = z.object({ value: z.number().positive(), unit: TimeUnit }).strict();
const Route = z.enum(['PO', 'IV', 'subcut', 'IM']);
/** An amount with its unit, e.g. the cap of a BSA-based dose (9 mcg/day). */
const Amount = z.object({ value: z.number().positive(), unit: z.string() }).strict();
/** How long an infusion runs: at least `value`, at most `upper` when the label gives a range (15-20 minutes). */
const Duration = z.object({ value: z.number().positive(), upper: z.number().positive().optional(), unit: TimeUnit }).strict();
const CycleRange = z.object({ from: z.number().int().positive(), to: z.number().int().positive().optional() }).strict();

const Step = z.object({
    label: z.string(),
    value: z.number().positive(),
    unit: z.string(),
    day: z.number().int().positive().optional(),
    /** Days after the previous step within which this step may be given. */
    window: z.object({ min: z.number().nonnegative(), max: z.number().positive(), unit: TimeUnit }).strict().optional(),
    premedicate: z.boolean().optional(),
    monitorHours: z.number().positive().optional(),
    infusionDuration: Duration.optional(),
    /** Absolute cap of a BSA- or weight-based dose (blinatumomab < 45 kg: 5 mcg/m2/day, at most 9 mcg/day). */
    cap: Amount.optional()
}).strict();

const Gap = z.union([
    z.object({ upTo: z.number().positive() }).strict(),
    z.object({ from: z.number().positive(), to: z.number().positive() }).strict(),
    z.object({ moreThan: z.number().nonnegative() }).strict()
]);

/**
 * The doses of a cycle-based schedule: on given days of a range of cycles (`to` absent: every later cycle), or as a
 * continuous infusion over a range of days (blinatumomab); `drug` names another drug given in the plan (obinutuzumab).
 */
const CycleDose = z.object({
    cycles: CycleRange,
    days: z.array(z.number().int().positive()).min(1).optional(),
    infusedDays: z.object({ from: z.number().int().positive(), to: z.number().int().positive() }).strict().optional(),
    value: z.number().positive(),
    unit: z.string(),
    drug: z.string().optional(),
    infusionDuration: Duration.optional()
}).strict().refine((d) => (d.days === undefined) !== (d.infusedDays === undefined), 'a cycle dose has either days or infusedDays');

const CyclePlan = z.object({
    name: z.string(),
    cycleLength: z.object({ value: z.number().int().positive(), unit: z.literal('days') }).strict().optional(),
    /** The cycles this plan covers when an agent's cycles differ in length (blinatumomab 42 then 84 days). */
    appliesToCycles: CycleRange.optional(),
    maxCycles: z.number().int().positive().optional(),
    /** Cycle counts that depend on the response (mosunetuzumab: 8 cycles after CR, 17 after PR or SD). */
    conditionalCycles: z.array(z.object({ condition: z.string(), maxCycles: z.number().int().positive(), ...Sourced }).strict()).optional(),
    cycleDoses: z.array(CycleDose).min(1),
    ...Sourced
}).strict();

const Agent = z.object({
    name: z.string(),
    brand: z.string(),
    /** The US nonproprietary name with its FDA suffix (teclistamab-cqyv); null where the label has none (blinatumomab). */
    usNonproprietaryName: z.object({ name: z.string().nullable(), ...Sourced }).strict(),
    route: Route,
    doseBasis: z.array(z.enum(['actual-weight', 'ideal-weight', 'adjusted-weight', 'body-surface-area', 'flat'])).min(1),
    ...Sourced,
    schedules: z.array(z.object({ name: z.string(), ...Sourced, steps: z.array(Step).min(1) }).strict()).min(1),
    maintenance: z.array(z.object({
        description: z.string(), value: z.number().positive().optional(), unit: z.string().optional(), every: Interval.optional(), ...Sourced
    }).strict()),
    premedication: z.object({
        description: z.string(),
        ...Sourced,
        orders: z.array(z.object({
            drug: z.string(), value: z.number().positive(), upper: z.number().positive().optional(), unit: z.string(),
            routes: z.array(Route).optional(),
            timing: z.object({ min: z.number().positive(), max: z.number().positive().optional(), unit: TimeUnit }).strict(),
            ...Sourced
        }).strict()).min(1)
    }).strict().optional(),
    monitoring: z.object({ description: z.string(), ...Sourced }).strict().optional(),
    restart: z.object({
        description: z.string(), ...Sourced, rows: z.array(z.object({ last: z.string(), gap: Gap, action: z.string() }).strict()).min(1)
    }).strict().optional(),
    cyclePlans: z.array(CyclePlan).min(1).optional(),
    /** How the agent is infused; `bagHours` lists the durations a continuous-infusion bag may run. */
    infusion: z.object({ description: z.string(), bagHours: z.array(z.number().positive()).optional(), ...Sourced }).strict().optional()
}).strict();

/** What a drug is used for around a T-cell engager; `crs-icans-panel` marks the supportive drugs of the IMWG CRS/ICANS panels. */
const DrugUse = z.enum([
    'crs-icans-panel', 'premedication', 'tumor-flare', 'il6-blockade', 'analgesic', 'anticonvulsant', 'growth-factor',
    'immunoglobulin-replacement', 'infection-prophylaxis', 'anti-cd20-pretreatment', 'debulking', 'hydration'
]);

/**
 * A dose limit. per-dose / per-day: amount per administration / per 24 hours; per-kg-*: the same per kg of body
 * weight; doses-per-period: at most `value` administrations in `periodHours`; doses-total: in total; min-interval: at
 * least `value` `unit` between administrations; cumulative: lifetime total amount (doxorubicin 550 mg/m2).
 * `population` says to whom a limit applies when the source restricts it.
 */
const DoseLimit = z.object({
    kind: z.enum(['per-kg-per-dose', 'per-dose', 'per-day', 'per-kg-per-day', 'doses-per-period', 'doses-total', 'min-interval', 'cumulative']),
    value: z.number().positive(), unit: z.string().optional(), periodHours: z.number().positive().optional(),
    population: z.string().optional(), ...Sourced
}).strict();

/** The dose reference of every drug that can appear in an order besides the agent itself, with names that resolve to it. */
const DrugDoseReferenceFile = z.object({
    drugs: z.array(z.object({
        name: z.string(),
        /** Brand names and other spellings an order may use (Tylenol, paracetamol, TMP-SMX). */
        synonyms: z.array(z.string()),
        routes: z.array(Route).min(1),
        uses: z.array(DrugUse).min(1),
        ...Sourced,
        doses: z.array(z.object({
            context: z.string(), value: z.number().positive(), upper: z.number().positive().optional(), unit: z.string(),
            /** The component of a combination the value measures (trimethoprim of trimethoprim-sulfamethoxazole). */
            component: z.string().optional(),
            routes: z.array(Route).optional(), every: Interval.optional(), ...Sourced
        }).strict()),
        limits: z.array(DoseLimit)
    }).strict()),
    thresholds: z.array(z.object({
        drug: z.string(), observation: z.string(), description: z.string(), value: z.number(), unit: z.string(), ...Sourced
    }).strict())
}).strict();

const IceRange = z.object({ min: z.number().int().min(0).max(10), max: z.number().int().min(0).max(10) }).strict();
const GradingSystem = z.object({
    ...Sourced,
    rule: z.string(),
    grades: z.array(z.object({ grade: z.number().int().min(1).max(5), definition: z.string(), ice: IceRange.optional() }).strict()).min(1)
}).strict();

const GradingFile = z.object({
    crs: GradingSystem,
    icans: GradingSystem,
    ice: z.object({ ...Sourced, max: z.number().int(), components: z.array(z.object({ domain: z.string(), points: z.number().int() }).strict()) }).strict(),
    ctcae: z.array(z.object({
        observation: z.string(), grade: z.number().int().min(1).max(5), description: z.string(),
        below: z.number().nullable(), atLeast: z.number().nullable(), unit: z.string(), ...Sourced
    }).strict())
}).strict();

const Recommendation = z.enum(['recommended', 'consider', 'if-no-improvement', 'not-stated']);
const GuidelinePanel = z.object({
    title: z.string(),
    ...Sourced,
    grading: z.string(),
    grades: z.array(z.object({
        grade: z.number().int().min(1).max(5),
        /** The guideline text of the grade. */
        text: z.string(),
        tocilizumab: Recommendation, steroids: Recommendation, anakinra: Recommendation, icu: Recommendation,
        antiEpileptics: Recommendation.optional(),
        orders: z.array(z.object({
            drug: z.string(), value: z.number().positive(), upper: z.number().positive().optional(), unit: z.string(),
            routes: z.array(Route).optional(), every: Interval.optional(), condition: z.string().optional()
        }).strict())
    }).strict()).min(1),
    notes: z.array(z.string())
}).strict();

/** The recommendation kinds of a guideline grade that are therapies (ICU is escalation of care, checked on its own). */
export const GUIDELINE_THERAPY_KINDS = ['tocilizumab', 'steroids', 'anakinra', 'antiEpileptics'] as const;
export type GuidelineTherapyKind = (typeof GUIDELINE_THERAPY_KINDS)[number];
const GuidelineTherapy = z.object({ name: z.string(), drugs: z.array(z.string()).min(1), words: z.array(z.string()) }).strict();
const GuidelineTherapies = z.object({
    description: z.string(), ...Sourced,
    kinds: z.object(Object.fromEntries(GUIDELINE_THERAPY_KINDS.map((k) => [k, GuidelineTherapy])) as Record<GuidelineTherapyKind, typeof GuidelineTherapy>).strict()
}).strict();

/** Plausible magnitudes of a time around a dose: what the sources give and the bounds around it. */
const TimingBound = { usual: z.string(), bounds: z.string(), ...Sourced };
const TimingFile = z.object({
    description: z.string(),
    premedication: z.object({ ...TimingBound, maxHours: z.number().positive() }).strict(),
    preTreatment: z.object({ ...TimingBound, minDays: z.number().positive(), maxDays: z.number().positive() }).strict(),
    continueAfterLastDose: z.object({ ...TimingBound, minDays: z.number().positive(), maxDays: z.number().positive() }).strict(),
    escalation: z.object({ ...TimingBound, maxHours: z.number().positive() }).strict()
}).strict();

export type AgentReference = z.infer<typeof Agent>;
export type StepReference = z.infer<typeof Step>;
export type StepUpScheduleReference = AgentReference['schedules'][number];
export type CyclePlanReference = z.infer<typeof CyclePlan>;
export type DrugDoseReference = z.infer<typeof DrugDoseReferenceFile>['drugs'][number];
/** A drug of the dose reference used in the IMWG CRS/ICANS panels (kept name: the panel checks speak of supportive drugs). */
export type SupportiveDrugReference = DrugDoseReference;
export type DoseLimitReference = z.infer<typeof DoseLimit>;
export type GradingSystemReference = z.infer<typeof GradingSystem>;
export type GuidelinePanelReference = z.infer<typeof GuidelinePanel>;
export type GuidelineTherapyReference = z.infer<typeof GuidelineTherapy>;
export type TimingReference = z.infer<typeof TimingFile>;

const agents = z.object({ agents: z.array(Agent) }).strict().parse(agentsJson, ONE_SHOT_PARSE).agents;
const drugDoses = DrugDoseReferenceFile.parse(drugDosesJson, ONE_SHOT_PARSE);
const grading = GradingFile.parse(gradingJson, ONE_SHOT_PARSE);
const timing = TimingFile.parse(timingJson, ONE_SHOT_PARSE);
const guidelines = z.object({ crs: GuidelinePanel, icans: GuidelinePanel, therapies: GuidelineTherapies }).strict().parse(guidelinesJson, ONE_SHOT_PARSE);

// The ICE score must add up to its maximum, and every ICANS grade carries its ICE range.
const icePoints = grading.ice.components.reduce((sum, c) => sum + c.points, 0);
if (icePoints !== grading.ice.max) throw new Error(`grading.json: ICE components add up to ${icePoints}, not ${grading.ice.max}`);
if (grading.icans.grades.some((g) => !g.ice)) throw new Error('grading.json: every ICANS grade needs its ICE range');

/** Case-insensitive index of records by every name they answer to; a name claimed twice is a data error. */
function indexByNames<T>(file: string, records: readonly T[], namesOf: (record: T) => readonly string[]): Map<string, T> {
    const index = new Map<string, T>();
    for (const record of records) {
        for (const name of namesOf(record)) {
            const key = name.toLowerCase();
            if (index.has(key) && index.get(key) !== record) throw new Error(`${file}: the name '${name}' belongs to two entries`);
            index.set(key, record);
        }
    }
    return index;
}

const agentsByName = new Map(agents.map((a) => [a.name.toLowerCase(), a]));
const agentsByAnyName = indexByNames('agents.json', agents, (a) => [a.name, a.brand, ...(a.usNonproprietaryName.name ? [a.usNonproprietaryName.name] : [])]);
const drugsByAnyName = indexByNames('drug-doses.json', drugDoses.drugs, (d) => [d.name, ...d.synonyms]);
const supportiveDrugs = drugDoses.drugs.filter((d) => d.uses.includes('crs-icans-panel'));
const supportiveDrugsByName = new Map(supportiveDrugs.map((d) => [d.name.toLowerCase(), d]));
for (const drug of Object.values(guidelines.therapies.kinds).flatMap((t) => t.drugs)) {
    if (!drugsByAnyName.has(drug.toLowerCase())) throw new Error(`guidelines.json: the therapy drug '${drug}' is not in drug-doses.json`);
}
for (const name of agentsByAnyName.keys()) {
    if (drugsByAnyName.has(name)) throw new Error(`agents.json and drug-doses.json both claim the name '${name}'`);
}

/** The labeled reference of a bispecific agent, by the name a protocol's `agent` gives it (case-insensitive). */
export function agentReference(name: string): AgentReference | undefined {
    return agentsByName.get(name.toLowerCase());
}

export function knownAgentNames(): string[] {
    return agents.map((a) => a.name);
}

/** An agent by its generic name, brand name or suffixed US nonproprietary name (`Tecvayli`, `teclistamab-cqyv`), case-insensitive. */
export function agentByAnyName(name: string): AgentReference | undefined {
    return agentsByAnyName.get(name.trim().toLowerCase());
}

/** A supportive drug used in the panels (tocilizumab, dexamethasone, ...), by name (case-insensitive). */
export function supportiveDrugReference(name: string): SupportiveDrugReference | undefined {
    return supportiveDrugsByName.get(name.toLowerCase());
}

/** Names of the supportive drugs of the knowledge base, as the panels write them. */
export function knownSupportiveDrugNames(): string[] {
    return supportiveDrugs.map((d) => d.name);
}

/** The dose reference of any drug an order may name besides the agent, by name, brand or synonym (`Tylenol`), case-insensitive. */
export function drugDoseReference(name: string): DrugDoseReference | undefined {
    return drugsByAnyName.get(name.trim().toLowerCase());
}

/** Generic names of every drug of the dose reference. */
export function knownDrugNames(): string[] {
    return drugDoses.drugs.map((d) => d.name);
}

/** The IMWG 2024 management panel of CRS (panel 1) or ICANS (panel 2), grade by grade. */
export function guidelinePanel(system: 'crs' | 'icans'): GuidelinePanelReference {
    return guidelines[system];
}

/** What counts as giving a therapy of the IMWG panels (tocilizumab, corticosteroids, ...): its drugs and words. */
export function guidelineTherapy(kind: GuidelineTherapyKind): GuidelineTherapyReference {
    return guidelines.therapies.kinds[kind];
}

/** Plausible times around a dose: premedication, pre-treatment, supportive care after the last dose, escalation. */
export function timingReference(): TimingReference {
    return timing;
}

/** ASTCT grade definitions of CRS or ICANS. */
export function gradingReference(system: 'crs' | 'icans'): GradingSystemReference {
    return grading[system];
}

/** Data that the reference files give beyond what the checks use: ICE components, CTCAE thresholds, supportive thresholds. */
export const referenceTables = { ice: grading.ice, ctcae: grading.ctcae, supportiveThresholds: drugDoses.thresholds };

/**
 * The reference schedule a protocol's step-up doses follow, compared dose by dose in sequence: the one with the fewest
 * differences (`distance` per dose: 0 equal, 1 different value, 2 different kind of unit), then the closest number of
 * doses (talquetamab's weekly and every-2-week schedules, epcoritamab's DLBCL and FL schedules).
 */
export function closestSchedule<Dose>(reference: AgentReference, doses: readonly Dose[], distance: (dose: Dose, step: StepReference) => number): StepUpScheduleReference {
    let best = reference.schedules[0];
    let bestScore = Number.POSITIVE_INFINITY;
    for (const schedule of reference.schedules) {
        const differences = doses.reduce((sum, dose, i) => sum + (schedule.steps[i] ? distance(dose, schedule.steps[i]) : 0), 0);
        const score = differences * 100 + Math.abs(schedule.steps.length - doses.length);
        if (score < bestScore) {
            best = schedule;
            bestScore = score;
        }
    }
    return best;
}

/**
 * The labeled dose of step-up dose `sequence` (1-based) in the agent's schedule that the protocol's step-up doses
 * (`stepUp`, as compiled) follow, e.g. "0.3 mg/kg"; undefined when the agent or the step is unknown.
 */
export function labelStepUpDose(agent: string, stepUp: ReadonlyArray<{ value: number; unit: string }>, sequence: number): string | undefined {
    const reference = agentReference(agent);
    if (!reference) return undefined;
    const schedule = closestSchedule(reference, stepUp, (dose, step) => (dose.unit.replace(/^ug/, 'mcg') !== step.unit ? 2 : dose.value === step.value ? 0 : 1));
    const step = schedule.steps[sequence - 1];
    return step ? `${step.value} ${step.unit}` : undefined;
}

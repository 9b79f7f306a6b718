// Loads and schema-checks the clinical reference data (agents, supportive drugs, grading) that the reference checks use.
import { z } from 'zod';
import agentsJson from './agents.json' with { type: 'json' };
import gradingJson from './grading.json' with { type: 'json' };
import supportiveDrugsJson from './supportive-drugs.json' with { type: 'json' };

const Sourced = { source: z.string().min(1), confirmed: z.boolean() };
const TimeUnit = z.enum(['minutes', 'hours', 'days', 'weeks']);
const Interval = z.object({ value: z.number().positive(), unit: TimeUnit }).strict();
const Route = z.enum(['PO', 'IV', 'subcut', 'IM']);

const Step = z.object({
    label: z.string(),
    value: z.number().positive(),
    unit: z.string(),
    day: z.number().int().positive().optional(),
    /** Days after the previous step within which this step may be given. */
    window: z.object({ min: z.number().nonnegative(), max: z.number().positive(), unit: TimeUnit }).strict().optional(),
    premedicate: z.boolean().optional(),
    monitorHours: z.number().positive().optional()
}).strict();

const Gap = z.union([
    z.object({ upTo: z.number().positive() }).strict(),
    z.object({ from: z.number().positive(), to: z.number().positive() }).strict(),
    z.object({ moreThan: z.number().nonnegative() }).strict()
]);

const Agent = z.object({
    name: z.string(),
    brand: z.string(),
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
    }).strict().optional()
}).strict();

const SupportiveDrugsFile = z.object({
    drugs: z.array(z.object({
        name: z.string(),
        doses: z.array(z.object({
            context: z.string(), value: z.number().positive(), upper: z.number().positive().optional(), unit: z.string(),
            routes: z.array(Route).optional(), every: Interval.optional(), ...Sourced
        }).strict()),
        limits: z.array(z.object({
            kind: z.enum(['per-kg-per-dose', 'per-dose', 'doses-per-period', 'doses-total']),
            value: z.number().positive(), unit: z.string().optional(), periodHours: z.number().positive().optional(), ...Sourced
        }).strict())
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

export type AgentReference = z.infer<typeof Agent>;
export type StepReference = z.infer<typeof Step>;
export type StepUpScheduleReference = AgentReference['schedules'][number];
export type SupportiveDrugReference = z.infer<typeof SupportiveDrugsFile>['drugs'][number];
export type DoseLimitReference = SupportiveDrugReference['limits'][number];
export type GradingSystemReference = z.infer<typeof GradingSystem>;

const agents = z.object({ agents: z.array(Agent) }).strict().parse(agentsJson).agents;
const supportiveDrugs = SupportiveDrugsFile.parse(supportiveDrugsJson);
const grading = GradingFile.parse(gradingJson);

// The ICE score must add up to its maximum, and every ICANS grade carries its ICE range.
const icePoints = grading.ice.components.reduce((sum, c) => sum + c.points, 0);
if (icePoints !== grading.ice.max) throw new Error(`grading.json: ICE components add up to ${icePoints}, not ${grading.ice.max}`);
if (grading.icans.grades.some((g) => !g.ice)) throw new Error('grading.json: every ICANS grade needs its ICE range');

const agentsByName = new Map(agents.map((a) => [a.name.toLowerCase(), a]));
const drugsByName = new Map(supportiveDrugs.drugs.map((d) => [d.name.toLowerCase(), d]));

/** The labeled reference of a bispecific agent, by the name a protocol's `agent` gives it (case-insensitive). */
export function agentReference(name: string): AgentReference | undefined {
    return agentsByName.get(name.toLowerCase());
}

export function knownAgentNames(): string[] {
    return agents.map((a) => a.name);
}

/** A supportive drug used in the panels (tocilizumab, dexamethasone, ...), by name (case-insensitive). */
export function supportiveDrugReference(name: string): SupportiveDrugReference | undefined {
    return drugsByName.get(name.toLowerCase());
}

/** Names of the supportive drugs of the knowledge base, as the panels write them. */
export function knownSupportiveDrugNames(): string[] {
    return supportiveDrugs.drugs.map((d) => d.name);
}

/** ASTCT grade definitions of CRS or ICANS. */
export function gradingReference(system: 'crs' | 'icans'): GradingSystemReference {
    return grading[system];
}

/** Data that the reference files give beyond what the checks use: ICE components, CTCAE thresholds, supportive thresholds. */
export const referenceTables = { ice: grading.ice, ctcae: grading.ctcae, supportiveThresholds: supportiveDrugs.thresholds };

/** The labeled dose of step-up dose `sequence` (1-based) of an agent's first schedule, e.g. "0.3 mg/kg". */
export function labelStepUpDose(agent: string, sequence: number): string | undefined {
    const step = agentReference(agent)?.schedules[0]?.steps[sequence - 1];
    return step ? `${step.value} ${step.unit}` : undefined;
}

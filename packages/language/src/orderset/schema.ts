// The titra.orderset/1 contract read by pharmacy and EHR systems, defined once as a zod schema.
import { z } from 'zod';
import { TIME_UNIT_CODES } from '../vocabulary/time-units.js';
import { ROUTE_NAMES } from '../vocabulary/routes.js';
import { ORDER_SET_SEMANTICS_URL } from '../project.js';
import { IsoDate } from './schedule/dates.js';

export const ORDER_SET_FORMAT = 'titra.orderset/1';

/** A UCUM unit code, e.g. `mg/kg`, `ug`, `10*9/L`, `[iU]`. */
const UcumCode = z.string().min(1).meta({ description: 'UCUM unit code (case-sensitive), e.g. mg/kg, ug, 10*9/L, [iU]' });

export const Quantity = z.object({
    value: z.number(),
    unit: UcumCode
}).meta({ id: 'Quantity', description: 'A number with a UCUM unit' });

export const TimeUnitCode = z.enum(TIME_UNIT_CODES).meta({
    id: 'TimeUnitCode',
    description: 'UCUM time unit; in this contract mo is exactly 30 d (not UCUM\'s 30.4375 d): convert with min = 1/1440 d, h = 1/24 d, wk = 7 d, mo = 30 d'
});

/** A route of administration by its order-set name (vocabulary/routes.ts). */
export const Route = z.enum(ROUTE_NAMES).meta({ id: 'Route', description: 'route of administration' });

export const Duration = z.object({
    value: z.number().nonnegative(),
    unit: TimeUnitCode
}).meta({ id: 'Duration', description: 'A length of time; mo counts 30 days (see TimeUnitCode)' });

export const Comparison = z.enum(['lt', 'le', 'gt', 'ge', 'eq']).meta({
    id: 'Comparison',
    description: 'lt <, le <=, gt >, ge >=, eq ='
});

export const ResponseLevel = z.enum(['sCR', 'CR', 'VGPR', 'PR', 'MR', 'SD', 'PD']).meta({
    id: 'ResponseLevel',
    description: 'IMWG response categories, best first: sCR > CR > VGPR > PR > MR > SD > PD'
});

export type Condition =
    | { type: 'observation'; observation: string; op: z.infer<typeof Comparison>; value: number; unit?: string }
    | { type: 'grade'; toxicity: string; op: z.infer<typeof Comparison>; grade: number }
    | { type: 'response'; op: z.infer<typeof Comparison>; level: z.infer<typeof ResponseLevel>; sustained?: z.infer<typeof Duration> }
    | { type: 'flag'; flag: string }
    | { type: 'state'; state: string }
    | { type: 'resolved' }
    | { type: 'all'; of: Condition[] }
    | { type: 'any'; of: Condition[] }
    | { type: 'not'; condition: Condition };

export const Condition: z.ZodType<Condition> = z.lazy(() => z.discriminatedUnion('type', [
    z.object({
        type: z.literal('observation'),
        observation: z.string().meta({ description: 'name of a required patient input, e.g. ANC, platelets, IgG' }),
        op: Comparison,
        value: z.number(),
        unit: UcumCode.optional()
    }).meta({ description: 'A patient observation compared with a threshold; convert the observed value to `unit` first' }),
    z.object({
        type: z.literal('grade'),
        toxicity: z.string().meta({ description: '`crs`, `icans`, or the name of a toxicity panel (GradePanel.name)' }),
        op: Comparison,
        grade: z.number().int().min(0).max(5)
    }).meta({ description: 'The current grade of a toxicity compared with a grade' }),
    z.object({
        type: z.literal('response'),
        op: Comparison,
        level: ResponseLevel,
        sustained: Duration.optional()
    }).meta({ description: 'The best response compared with a level (better is greater), optionally held for a duration' }),
    z.object({ type: z.literal('flag'), flag: z.string() }).meta({ description: 'A patient risk flag is set' }),
    z.object({ type: z.literal('state'), state: z.string() }).meta({
        description: 'A clinical state is present, e.g. active-infection, febrile-neutropenia, bleeding'
    }),
    z.object({ type: z.literal('resolved') }).meta({
        description: 'The condition that triggered the enclosing hold is no longer true (its toxicity resolved to grade 0)'
    }),
    z.object({ type: z.literal('all'), of: z.array(Condition).min(2) }).meta({ description: 'Every operand holds' }),
    z.object({ type: z.literal('any'), of: z.array(Condition).min(2) }).meta({ description: 'At least one operand holds' }),
    z.object({ type: z.literal('not'), condition: Condition }).meta({ description: 'The operand does not hold' })
])).meta({ id: 'Condition', description: `A machine-evaluable condition; three-valued (true, false, unknown) semantics: ${ORDER_SET_SEMANTICS_URL}#conditions` });

export const DoseBasis = z.enum(['actual-weight', 'ideal-weight', 'adjusted-weight', 'body-surface-area', 'flat']);

export const Dose = z.object({
    value: z.number().positive(),
    upper: z.number().positive().optional().meta({ description: 'upper end of a dose range (value to upper)' }),
    components: z.array(z.number().positive()).optional().meta({
        description: 'strengths of a combination product, e.g. [800, 160] for sulfamethoxazole-trimethoprim 800/160 mg'
    }),
    unit: UcumCode,
    per: z.enum(['kg', 'm2']).optional().meta({ description: 'the dose is per kg of body weight or per m2 of body surface area' }),
    basis: DoseBasis.meta({ description: 'which patient measure `per` refers to (flat when the dose is fixed)' }),
    text: z.string().meta({ description: 'the dose as written in the protocol, e.g. 0.06 mg/kg' }),
    maxPerDose: Quantity.optional().meta({ description: 'cap on one computed dose' }),
    rounding: Quantity.optional().meta({ description: 'round the computed dose to a multiple of this quantity' })
}).meta({ id: 'Dose' });

export const Frequency = z.object({
    kind: z.enum(['once', 'daily', 'weekly', 'interval', 'times-per-day', 'times-per-week', 'every-other-day']),
    interval: Duration.optional(),
    intervalMax: Duration.optional().meta({
        description: 'the longest interval of a range such as every 3 to 4 hours; `interval` is then the shortest (the most frequent end)'
    }),
    times: z.number().int().positive().optional(),
    text: z.string()
}).meta({ id: 'Frequency' });

export const DoseCountLimit = z.object({
    count: z.number().int().positive(),
    period: Duration.optional().meta({ description: 'absent: the count is a total over the whole course' })
}).meta({ id: 'DoseCountLimit' });

const orderBase = {
    id: z.string().meta({ description: 'stable id derived from the source' }),
    consider: z.boolean().meta({ description: 'true when the order is a recommendation to consider, not a standing order' })
};

export const MedicationOrder = z.object({
    ...orderBase,
    type: z.literal('medication'),
    drug: z.string(),
    dose: Dose,
    routes: z.array(Route).meta({ description: 'route codes; more than one means any of them' }),
    frequency: Frequency.optional(),
    duration: z.object({ value: z.number(), upper: z.number().optional(), unit: TimeUnitCode }).optional(),
    maxPerPeriod: z.object({ quantity: Quantity, period: Duration }).optional(),
    maxDoses: z.array(DoseCountLimit).optional(),
    asNeeded: z.boolean(),
    infusionDuration: Duration.optional(),
    infusionDurationMax: Duration.optional().meta({ description: 'upper end of an infusion time range ("infuse over 4 to 5 hours")' })
}).meta({ id: 'MedicationOrder' });

export const ProcedureOrder = z.object({
    ...orderBase,
    type: z.literal('procedure'),
    text: z.string().meta({ description: 'non-drug order, e.g. transfer ICU, EEG, MRI brain, oxygen' })
}).meta({ id: 'ProcedureOrder' });

export const InstructionOrder = z.object({
    ...orderBase,
    type: z.literal('instruction'),
    text: z.string()
}).meta({ id: 'InstructionOrder' });

export const DosingOrder = z.object({
    ...orderBase,
    type: z.literal('dosing'),
    action: z.enum(['hold-next-dose', 'discontinue-permanently', 'change-dose', 'extend-interval', 'premedicate-next-dose']),
    premedication: z.string().optional().meta({ description: 'premedicate-next-dose: the id of the premedication set the next dose also gets' }),
    dose: Dose.optional().meta({ description: 'change-dose: the dose of the following maintenance and cycle doses' }),
    interval: Duration.optional().meta({ description: 'change-dose, extend-interval: the interval between the following maintenance doses' }),
    untilResolved: z.boolean().optional().meta({ description: 'the change lasts until the toxicity resolves (grade 0); absent or false: for the rest of the course' })
}).meta({ id: 'DosingOrder', description: 'A change to the agent\'s dosing: hold the next dose, discontinue, change the dose or interval of the following doses, or premedicate the next dose' });

export const Order = z.discriminatedUnion('type', [MedicationOrder, ProcedureOrder, InstructionOrder, DosingOrder])
    .meta({ id: 'Order' });

export type Escalation = {
    after?: z.infer<typeof Duration>;
    refractory: boolean;
    orders: z.infer<typeof Order>[];
    escalation?: Escalation;
};

export const Escalation: z.ZodType<Escalation> = z.lazy(() => z.object({
    after: Duration.optional().meta({ description: 'apply when there is no improvement after this time' }),
    refractory: z.boolean(),
    orders: z.array(Order),
    escalation: Escalation.optional()
})).meta({ id: 'Escalation' });

export const BeforeDoseTiming = z.object({
    min: Duration,
    max: Duration.optional(),
    approximate: z.boolean()
}).meta({ id: 'BeforeDoseTiming', description: 'give between min and max before the dose it premedicates' });

export const PremedicationSet = z.object({
    id: z.string(),
    name: z.string(),
    title: z.string().optional(),
    orders: z.array(z.object({ order: MedicationOrder, timing: BeforeDoseTiming })),
    afterDose: z.array(MedicationOrder).optional().meta({ description: 'orders given right after the dose (after the end of its infusion), e.g. hydration' })
}).meta({ id: 'PremedicationSet', description: 'Orders given with a dose: before it (premedication) and right after it' });

export const MonitoringWatch = z.object({
    text: z.string().meta({ description: 'what is watched or done, e.g. vital signs, ICE score, notify prescriber if temperature >= 38 C' }),
    frequency: Frequency.optional()
}).meta({ id: 'MonitoringWatch' });

const monitoringWatch = z.array(MonitoringWatch).optional().meta({ description: 'what the care team watches during monitoring, in order' });

export const ObservationPeriod = z.object({
    min: Duration,
    max: Duration.optional().meta({ description: 'upper end of a range ("6 to 8 hours")' })
}).meta({ id: 'ObservationPeriod', description: 'How long the patient is observed in the clinic after the dose (after the end of an infusion): at least min' });

export const Monitoring = z.discriminatedUnion('setting', [
    z.object({ setting: z.literal('inpatient'), duration: Duration, watch: monitoringWatch }),
    z.object({ setting: z.literal('outpatient'), observe: ObservationPeriod.optional(), note: z.string().optional(), watch: monitoringWatch })
]).meta({ id: 'Monitoring' });

export const DoseWindow = z.object({
    after: z.string().meta({ description: 'id of the dose this one follows' }),
    min: Duration,
    max: Duration
}).meta({ id: 'DoseWindow', description: 'allowed time after the previous dose' });

const administration = {
    dose: Dose,
    route: Route,
    premedication: z.string().optional().meta({ description: 'id of the premedication set given before this dose' }),
    monitoring: Monitoring.optional(),
    infusionDuration: Duration.optional(),
    infusionDurationWithoutCrs: Duration.optional().meta({ description: 'infusion time when the previous dose gave no CRS (infusionDuration otherwise)' })
};

export const StepUpDose = z.object({
    id: z.string().meta({ description: 'the dose name, prefixed by the variant name inside a variant (high-risk.SUD1)' }),
    name: z.string().meta({ description: 'the dose name as written; restart rules and `before` apply to doses of that name in any variant' }),
    sequence: z.number().int().positive(),
    day: z.number().int().positive().meta({ description: 'nominal treatment day, day 1 = first dose' }),
    window: DoseWindow.optional(),
    ...administration
}).meta({ id: 'StepUpDose' });

export const PhaseProgress = z.object({
    doses: z.number().int().positive().optional().meta({ description: 'at least this many doses given, counted across `of`' }),
    time: Duration.optional().meta({ description: 'at least this long since the first dose of any of `of`' }),
    of: z.array(z.string()).min(1).meta({ description: 'ids of the step-up doses and maintenance phases counted' })
}).meta({ id: 'PhaseProgress', description: 'progress a phase waits for before it starts: doses given or time spent in named doses and phases' });

export const MaintenancePhase = z.object({
    id: z.string(),
    name: z.string(),
    interval: Duration,
    after: z.string().optional().meta({ description: 'id of the dose or phase this phase follows' }),
    fromWeek: z.number().optional(),
    throughWeek: z.number().optional(),
    doseCount: z.number().int().positive().optional(),
    when: Condition.optional(),
    progress: z.array(PhaseProgress).optional().meta({ description: 'every entry must be reached before the phase starts' }),
    minSpacing: Duration.optional(),
    ...administration
}).meta({ id: 'MaintenancePhase' });

export const CycleRule = z.object({
    id: z.string(),
    firstCycle: z.number().int().positive(),
    lastCycle: z.number().int().positive().optional().meta({ description: 'absent: every later cycle' }),
    days: z.array(z.number().int().positive()),
    when: Condition.optional().meta({
        description: "checked when the rule's first cycle is due; false: the course ends after the previous cycle"
    }),
    ...administration
}).meta({ id: 'CycleRule' });

export const CycleSchedule = z.object({
    length: Duration,
    maxCycles: z.number().int().positive().optional(),
    rules: z.array(CycleRule)
}).meta({ id: 'CycleSchedule', description: 'cycle 1 holds the step-up doses; rules give later cycles' });

export const RestartRule = z.object({
    id: z.string(),
    lastDose: z.string().meta({ description: 'id of the last dose or maintenance phase given' }),
    gap: z.object({
        minDays: z.number().optional(),
        minExclusive: z.boolean(),
        maxDays: z.number().optional()
    }).meta({ description: 'days since the last dose: above minDays (exclusive when minExclusive) and up to maxDays inclusive' }),
    action: z.discriminatedUnion('type', [
        z.object({ type: z.literal('restart-from'), dose: z.string(), nextAfter: Duration.optional() }),
        z.object({ type: z.literal('continue') })
    ])
}).meta({ id: 'RestartRule' });

export const HoldRule = z.object({
    id: z.string(),
    trigger: Condition,
    resume: Condition.optional(),
    resumeAt: z.string().optional().meta({ description: 'id of the step-up dose or maintenance phase treatment resumes with after the hold' }),
    repeatLastDose: z.boolean().optional().meta({
        description: 'true: treatment resumes by giving the last dose given again (a step-up dose the patient tolerated, instead of the next, higher one), then goes on from it'
    }),
    discontinue: z.boolean().meta({ description: 'true: the trigger discontinues treatment permanently' }),
    orders: z.array(Order).meta({ description: 'side orders given while the hold applies' }),
    source: z.string().optional().meta({ description: 'library the rule was imported from' })
}).meta({ id: 'HoldRule' });

export const GradeEntry = z.object({
    grade: z.number().int().min(1).max(5),
    ice: z.object({ min: z.number().int(), max: z.number().int() }).optional(),
    orders: z.array(Order),
    escalation: Escalation.optional()
}).meta({ id: 'GradeEntry' });

export const GradePanel = z.object({
    id: z.string(),
    kind: z.enum(['crs', 'icans', 'toxicity']),
    name: z.string(),
    title: z.string().optional(),
    grading: z.string().meta({ description: 'ASTCT for CRS/ICANS, or e.g. CTCAE-v5' }),
    grades: z.array(GradeEntry),
    source: z.string().optional()
}).meta({ id: 'GradePanel' });

export const SupportiveCareOrder = z.object({
    id: z.string(),
    order: Order,
    throughout: z.boolean(),
    start: Condition.optional().meta({ description: 'start when this holds' }),
    stop: Condition.optional().meta({ description: 'stop when this holds' }),
    continueAfterLastDose: Duration.optional(),
    before: z.string().optional().meta({ description: 'give before this dose' }),
    source: z.string().optional()
}).meta({ id: 'SupportiveCareOrder' });

export const PreTreatment = z.object({
    id: z.string(),
    title: z.string().optional(),
    orders: z.array(SupportiveCareOrder),
    day: z.number().int().positive().optional().meta({ description: 'given on this treatment day (day 1 = cycle 1 day 1, the start date)' }),
    completeWithin: Duration,
    before: z.string()
}).meta({ id: 'PreTreatment', description: 'a phase completed within a time before a dose (e.g. debulking before SUD1)' });

export const InfusionSegment = z.object({
    id: z.string(),
    firstDay: z.number().int().positive().meta({ description: 'first day of the cycle infused at this rate' }),
    lastDay: z.number().int().positive().meta({ description: 'last day of the cycle infused at this rate (inclusive)' }),
    dose: Dose.meta({ description: 'the dose per day (unit per day, e.g. ug/d or ug/m2/d); maxPerDose caps the computed daily dose' }),
    premedication: z.string().optional().meta({ description: 'id of the premedication set given before this rate starts' })
}).meta({ id: 'InfusionSegment', description: 'A constant daily dose infused without a break over a run of cycle days' });

export const InfusionCycleRule = z.object({
    id: z.string(),
    firstCycle: z.number().int().positive(),
    lastCycle: z.number().int().positive().optional().meta({ description: 'absent: every later cycle' }),
    length: Duration.optional().meta({ description: 'the length of these cycles when it differs from the schedule' }),
    segments: z.array(InfusionSegment)
}).meta({ id: 'InfusionCycleRule' });

export const InterruptionRule = z.object({
    id: z.string(),
    gap: z.object({
        minHours: z.number().optional(),
        minExclusive: z.boolean(),
        maxHours: z.number().optional()
    }).meta({ description: 'length of the interruption in hours: above minHours (exclusive when minExclusive) and up to maxHours inclusive' }),
    action: z.discriminatedUnion('type', [
        z.object({ type: z.literal('continue-cycle') }).meta({ description: 'resume the same cycle: its remaining infusion days follow the interruption' }),
        z.object({ type: z.literal('new-cycle') }).meta({ description: 'start the interrupted cycle again from its day 1' }),
        z.object({ type: z.literal('premedicate'), premedication: z.string() }).meta({ description: 'give this premedication set before the infusion restarts' })
    ])
}).meta({ id: 'InterruptionRule', description: 'What to do when a continuous infusion is interrupted for a length of time' });

export const ContinuousInfusion = z.object({
    length: Duration.meta({ description: 'cycle length, infusion days and days off together' }),
    maxCycles: z.number().int().positive().optional(),
    route: Route,
    bagInterval: Duration.optional().meta({ description: 'how long each infusion bag runs before it is changed' }),
    rules: z.array(InfusionCycleRule),
    interruptions: z.array(InterruptionRule)
}).meta({ id: 'ContinuousInfusion', description: 'Cycles of continuous infusion at daily doses, with bag changes and interruption rules' });

const scheduleSections = {
    stepUp: z.array(StepUpDose).optional(),
    maintenance: z.array(MaintenancePhase).optional(),
    cycles: CycleSchedule.optional(),
    supportiveCare: z.array(SupportiveCareOrder).optional(),
    preTreatment: z.array(PreTreatment).optional(),
    continuousInfusion: ContinuousInfusion.optional()
};

export const BeforeDoseOrder = z.object({
    id: z.string(),
    moment: z.enum(['each-dose', 'first-dose']).meta({ description: 'before every dose of the agent, or before its first dose only' }),
    order: Order,
    source: z.string().optional()
}).meta({ id: 'BeforeDoseOrder', description: 'an order to complete before dosing, e.g. CBC with differential before each dose' });

export const Variant = z.object({
    id: z.string(),
    when: Condition,
    ...scheduleSections,
    restartAfterDelay: z.array(RestartRule).optional(),
    holds: z.array(HoldRule).optional(),
    panels: z.array(GradePanel).optional(),
    beforeDose: z.array(BeforeDoseOrder).optional().meta({ description: 'orders before dosing that the variant adds to the protocol\'s' })
}).meta({
    id: 'Variant',
    description: 'sections that replace (step-up, maintenance, cycles, restart table, holds, panels) or add to (supportive care, pre-treatment, orders before dosing) the base protocol when `when` holds; premedication sets declared in a variant are in `premedication` with ids prefixed by the variant name'
});

export const Deviation = z.object({
    code: z.string().meta({ description: 'the code of the error, e.g. safety/trailing-zero' }),
    message: z.string().meta({ description: 'the error as Titra reports it' }),
    reason: z.string().meta({ description: 'the reason the suppression comment gives' }),
    suppression: z.enum(['line', 'file']).meta({ description: 'line: a titra-ignore comment on or above the line; file: a titra-ignore-file comment' }),
    location: z.object({
        file: z.string().meta({ description: 'the file holding the finding (the protocol or an imported library), relative to the workspace, with / separators' }),
        line: z.number().int().positive(),
        column: z.number().int().positive()
    }).meta({ description: '1-based line and column where the finding starts' })
}).meta({ id: 'Deviation', description: 'an error of the protocol or of an imported library that a suppression comment silenced: a deliberate deviation from the label or guidelines, on the record' });

export const OrderSet = z.object({
    format: z.literal(ORDER_SET_FORMAT),
    protocol: z.object({
        id: z.string(),
        title: z.string(),
        version: z.string(),
        status: z.enum(['draft', 'active', 'retired', 'replaced']),
        replacedBy: z.string().optional(),
        effective: IsoDate.optional(),
        reviewBy: IsoDate.optional(),
        owner: z.string().optional(),
        population: z.string().optional(),
        references: z.array(z.string())
    }),
    agent: z.object({
        name: z.string(),
        route: Route,
        doseBasis: DoseBasis
    }),
    requiredInputs: z.array(z.object({ name: z.string(), unit: UcumCode.optional() })),
    riskFlags: z.array(z.object({ id: z.string(), description: z.string() })),
    premedication: z.array(PremedicationSet),
    preTreatment: z.array(PreTreatment),
    stepUp: z.array(StepUpDose),
    maintenance: z.array(MaintenancePhase),
    cycles: CycleSchedule.optional(),
    continuousInfusion: ContinuousInfusion.optional(),
    restartAfterDelay: z.array(RestartRule),
    holds: z.array(HoldRule),
    panels: z.array(GradePanel),
    supportiveCare: z.array(SupportiveCareOrder),
    variants: z.array(Variant),
    deviations: z.array(Deviation).optional().meta({ description: 'suppressed errors, absent when there are none' }),
    beforeDose: z.array(BeforeDoseOrder).optional().meta({ description: 'orders before each dose and before the first dose (absent when there are none)' }),
    provenance: z.object({
        source: z.string().meta({ description: 'source path relative to the workspace, with / separators' }),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        imports: z.array(z.object({ source: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
        compiler: z.object({ name: z.literal('titra'), version: z.string() })
    })
}).meta({
    id: 'OrderSet',
    title: 'Titra order set (titra.orderset/1)',
    description: `An executable order set compiled from a Titra protocol; how to run it: ${ORDER_SET_SEMANTICS_URL}`
});

export type OrderSet = z.infer<typeof OrderSet>;
export type Comparison = z.infer<typeof Comparison>;
export type Order = z.infer<typeof Order>;
export type MedicationOrder = z.infer<typeof MedicationOrder>;
export type Dose = z.infer<typeof Dose>;
export type Duration = z.infer<typeof Duration>;
export type Quantity = z.infer<typeof Quantity>;
export type StepUpDose = z.infer<typeof StepUpDose>;
export type MaintenancePhase = z.infer<typeof MaintenancePhase>;
export type HoldRule = z.infer<typeof HoldRule>;
export type GradePanel = z.infer<typeof GradePanel>;
export type GradeEntry = z.infer<typeof GradeEntry>;
export type SupportiveCareOrder = z.infer<typeof SupportiveCareOrder>;
export type RestartRule = z.infer<typeof RestartRule>;
export type PremedicationSet = z.infer<typeof PremedicationSet>;
export type PreTreatment = z.infer<typeof PreTreatment>;
export type CycleSchedule = z.infer<typeof CycleSchedule>;
export type CycleRule = z.infer<typeof CycleRule>;
export type Variant = z.infer<typeof Variant>;
export type Deviation = z.infer<typeof Deviation>;
export type PhaseProgress = z.infer<typeof PhaseProgress>;
export type DosingOrder = z.infer<typeof DosingOrder>;
export type Frequency = z.infer<typeof Frequency>;
export type ContinuousInfusion = z.infer<typeof ContinuousInfusion>;
export type InfusionCycleRule = z.infer<typeof InfusionCycleRule>;
export type InfusionSegment = z.infer<typeof InfusionSegment>;
export type InterruptionRule = z.infer<typeof InterruptionRule>;
export type BeforeDoseOrder = z.infer<typeof BeforeDoseOrder>;
export type MonitoringWatch = z.infer<typeof MonitoringWatch>;
export type ObservationPeriod = z.infer<typeof ObservationPeriod>;

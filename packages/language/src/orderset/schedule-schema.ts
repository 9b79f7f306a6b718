// The titra.schedule/1 contract: one patient's calendar of a compiled order set, defined once as a zod schema.
import { z } from 'zod';
import { MonitoringWatch, ObservationPeriod, Order } from './schema.js';
import { ORDER_SET_SEMANTICS_URL } from '../project.js';
import { IsoDate } from './schedule/dates.js';

export const SCHEDULE_FORMAT = 'titra.schedule/1';

const Day = IsoDate.meta({ description: 'a calendar day, YYYY-MM-DD' });
const Hours = z.number().nonnegative().meta({ description: 'hours' });

export const ComputedAmount = z.object({
    value: z.number(),
    unit: z.string().meta({ description: 'UCUM unit code of the amount, e.g. mg' }),
    calculation: z.string().meta({ description: 'how the amount was computed, e.g. 0.06 mg/kg x 72 kg = 4.32 mg' }),
    capped: z.boolean().meta({ description: 'the maximum per dose replaced the computed amount' })
}).meta({ id: 'ComputedAmount', description: "A dose computed for the patient's weight or body surface area" });

const ORDER_TYPES = Order.options.map((option) => option.shape.type.value) as [Order['type'], ...Array<Order['type']>];

export const ResolvedOrder = z.object({
    id: z.string().meta({ description: 'the order-set id of the order' }),
    type: z.enum(ORDER_TYPES),
    text: z.string(),
    consider: z.boolean(),
    amount: ComputedAmount.optional(),
    maxDoses: z.array(z.object({ count: z.number().int().positive(), periodHours: Hours.optional() })).optional()
}).meta({ id: 'ResolvedOrder', description: 'An order with its text and, for a medication, the amount for this patient' });

const monitoringWatches = z.array(MonitoringWatch).optional().meta({ description: 'what is watched during monitoring, e.g. vital signs every 4 hours' });

export const Administration = z.object({
    date: Day,
    dose: z.string().meta({ description: 'the order-set id of the dose (or cycle dose)' }),
    name: z.string().meta({ description: 'the dose name as written in the protocol (for cycle doses, the id)' }),
    phase: z.enum(['step-up', 'maintenance', 'cycle']),
    cycle: z.object({ number: z.number().int().positive(), day: z.number().int().positive() }).optional(),
    amount: ComputedAmount,
    route: z.string(),
    premedication: z.array(z.object({ id: z.string(), text: z.string(), amount: ComputedAmount, timing: z.string() })),
    afterDose: z.array(z.object({ id: z.string(), text: z.string(), amount: ComputedAmount })).optional()
        .meta({ description: 'orders given right after the dose (after the end of its infusion), from its premedication set' }),
    monitoring: z.discriminatedUnion('setting', [
        z.object({ setting: z.literal('inpatient'), hours: Hours, until: Day, watch: monitoringWatches }),
        z.object({ setting: z.literal('outpatient'), observe: ObservationPeriod.optional(), note: z.string().optional(), watch: monitoringWatches })
    ]).optional(),
    infusionHours: Hours.optional(),
    beforeDose: z.array(ResolvedOrder).optional().meta({ description: 'orders to complete before this dose (each dose, and the first dose of the course)' }),
    verify: z.array(z.string()).optional().meta({
        description: 'required labs a hold uses with no result since the previous dose (the first dose: in the 7 days before it): verify before giving'
    }),
    doseChange: z.string().optional().meta({ description: 'the order-set id of the panel dosing order that changed this dose or its interval' })
}).meta({ id: 'Administration', description: 'One dose of the agent given on one day' });

export const HoldPeriod = z.object({
    rule: z.string().meta({ description: 'the order-set id of the hold rule, or of the toxicity panel order (hold next dose, discontinue permanently) that a reported grade gave' }),
    from: Day,
    to: Day.optional().meta({ description: 'the day the resume condition was met; absent while the hold lasts past the horizon' }),
    discontinued: z.boolean(),
    orders: z.array(ResolvedOrder)
}).meta({ id: 'HoldPeriod', description: 'Doses held (or treatment discontinued) by a hold rule or by a toxicity panel order for a reported grade' });

export const Decision = z.object({
    date: Day,
    kind: z.enum(['variant', 'restart', 'transition', 'window', 'delay', 'unknown-condition', 'discontinue', 'missing-input', 'interruption', 'dose-change']),
    rule: z.string().optional().meta({ description: 'the order-set id of the rule that decided' }),
    message: z.string()
}).meta({ id: 'Decision', description: 'Something the scheduler decided, and why' });

export const PanelOrders = z.object({
    date: Day,
    panel: z.string().meta({ description: 'the order-set id of the toxicity panel' }),
    toxicity: z.string(),
    grade: z.number().int().min(1).max(5),
    orders: z.array(ResolvedOrder),
    escalations: z.array(z.object({ afterHours: Hours.optional(), refractory: z.boolean(), orders: z.array(ResolvedOrder) }))
}).meta({ id: 'PanelOrders', description: 'The orders of a toxicity panel for a reported grade' });

export const SupportivePeriod = z.object({
    id: z.string(),
    text: z.string(),
    from: Day,
    to: Day.optional().meta({ description: 'absent while the order lasts past the horizon' })
}).meta({ id: 'SupportivePeriod', description: 'A supportive-care order and the days it applies' });

export const ScheduleNotice = z.object({
    kind: z.enum(['not-active', 'not-yet-effective']),
    message: z.string()
}).meta({ id: 'ScheduleNotice', description: 'Something the reader must know before using the schedule for a patient' });

export const InfusionPeriod = z.object({
    rule: z.string().meta({ description: 'the order-set id of the infusion cycle rule' }),
    segment: z.string().meta({ description: 'the order-set id of the infusion rate (segment)' }),
    cycle: z.object({ number: z.number().int().positive(), firstDay: z.number().int().positive(), lastDay: z.number().int().positive() }),
    from: Day,
    to: Day.meta({ description: 'the last day infused (inclusive)' }),
    days: z.number().int().positive(),
    dailyAmount: ComputedAmount,
    totalAmount: z.object({ value: z.number(), unit: z.string() }).meta({ description: 'daily amount times days, in the daily amount unit without /d' }),
    route: z.string(),
    bagHours: Hours.optional(),
    premedication: z.array(z.object({ id: z.string(), text: z.string(), amount: ComputedAmount, timing: z.string() }))
        .meta({ description: 'given before this period starts: a new rate, a new cycle, or a restart after an interruption' })
}).meta({ id: 'InfusionPeriod', description: 'Days of a continuous infusion at one daily dose, without a break' });

export const Schedule = z.object({
    format: z.literal(SCHEDULE_FORMAT),
    notices: z.array(ScheduleNotice).optional().meta({ description: 'shown before the calendar; absent when there is none' }),
    protocol: z.object({ id: z.string(), version: z.string(), title: z.string() }),
    start: Day,
    until: Day,
    administrations: z.array(Administration),
    holds: z.array(HoldPeriod),
    decisions: z.array(Decision),
    panelOrders: z.array(PanelOrders),
    supportiveCare: z.array(SupportivePeriod),
    preTreatment: z.array(z.object({ id: z.string(), text: z.string(), notBefore: Day, completeBy: Day })),
    infusions: z.array(InfusionPeriod).optional().meta({ description: 'continuous infusion periods, for a protocol with a continuous infusion' })
}).meta({
    id: 'Schedule',
    title: 'Titra schedule (titra.schedule/1)',
    description: `One patient's calendar of a compiled order set: doses, holds, decisions, panel orders, supportive care; how it is computed: ${ORDER_SET_SEMANTICS_URL}`
});

export type ComputedAmount = z.infer<typeof ComputedAmount>;
export type ResolvedOrder = z.infer<typeof ResolvedOrder>;
export type Administration = z.infer<typeof Administration>;
export type HoldPeriod = z.infer<typeof HoldPeriod>;
export type Decision = z.infer<typeof Decision>;
export type PanelOrders = z.infer<typeof PanelOrders>;
export type SupportivePeriod = z.infer<typeof SupportivePeriod>;
export type Schedule = z.infer<typeof Schedule>;
export type ScheduleNotice = z.infer<typeof ScheduleNotice>;
export type InfusionPeriod = z.infer<typeof InfusionPeriod>;

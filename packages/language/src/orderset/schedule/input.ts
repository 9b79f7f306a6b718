// What the scheduler is asked: the order set, the patient, the dates and the timeline of events (`titra schedule --events`, scenarios).
import { z } from 'zod';
import { ResponseLevel, type OrderSet } from '../schema.js';
import { IsoDate } from './dates.js';

/** One thing that happened to the patient, as given to `titra schedule --events` and in scenarios. */
export const TimelineEvent = z.discriminatedUnion('type', [
    z.object({ date: IsoDate, type: z.literal('lab'), observation: z.string(), value: z.number(), unit: z.string() }),
    z.object({ date: IsoDate, type: z.literal('toxicity'), toxicity: z.string(), grade: z.number().int().min(0).max(5) }),
    z.object({ date: IsoDate, type: z.literal('response'), level: ResponseLevel }),
    z.object({ date: IsoDate, type: z.literal('state'), state: z.string(), present: z.boolean() }),
    z.object({ date: IsoDate, type: z.literal('delay'), until: IsoDate, dose: z.string().optional() }),
    z.object({ date: IsoDate, type: z.literal('infusion-interrupted') }),
    z.object({
        date: IsoDate, type: z.literal('infusion-resumed'),
        hours: z.number().nonnegative().optional().meta({ description: 'length of the interruption in hours, when more precise than the days since it began' })
    })
]);
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const PatientInputs = z.object({
    weight: z.number().positive().optional().meta({ description: 'kg' }),
    height: z.number().positive().optional().meta({ description: 'cm' }),
    age: z.number().nonnegative().optional().meta({ description: 'years' }),
    sex: z.enum(['female', 'male']).optional().meta({ description: 'for formulas that depend on it' }),
    flags: z.array(z.string()).default([])
});
export type PatientInputs = z.infer<typeof PatientInputs>;

export interface ScheduleRequest {
    orderSet: OrderSet;
    patient: PatientInputs;
    start: string;
    until: string;
    events: TimelineEvent[];
}

/** Days a schedule shows when no last day is given: 26 weeks, for `titra schedule` and the editor's preview alike. */
export const DEFAULT_SCHEDULE_HORIZON_DAYS = 26 * 7;

/** A request the scheduler cannot run (missing weight for a mg/kg protocol, an event on an unknown dose or in a unit it cannot convert, ...). */
export class ScheduleInputError extends Error {}

// `titra schedule`: the calendar of a protocol for one patient, start date and timeline of events.
import {
    addDays, computeSchedule, DEFAULT_SCHEDULE_HORIZON_DAYS, isIsoDate, KnowledgeBase, PatientInputs, Schedule, ScheduleInputError, TimelineEvent
} from '@titra/language';
import { z } from 'zod';
import { loadOrderSet } from '../order-set-source.js';
import { renderScheduleText } from '../schedule-text.js';
import type { Terminal } from '../terminal.js';
import { parseJsonInput } from '../json-input.js';
import { confinedRealPath, displayPath, InputError, readProtocolText, workspaceOf } from '../workspace-loader.js';

export interface ScheduleOptions {
    file: string;
    weight?: string;
    height?: string;
    age?: string;
    sex?: string;
    start?: string;
    until?: string;
    flags: string[];
    events?: string;
    format: 'text' | 'json';
}


function positiveNumber(value: string | undefined, option: string): number | undefined {
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isFinite(number) || number <= 0) throw new InputError(`${option} must be a positive number, not '${value}'`);
    return number;
}

/** A body measurement within the plausible range of its observation (observations.json, with its source), else an input error. */
function plausibleMeasurement(value: string | undefined, option: string, observation: 'weight' | 'height'): number | undefined {
    const number = positiveNumber(value, option);
    const range = new KnowledgeBase().observationDefinition(observation)?.plausibleRange;
    if (number === undefined || !range) return number;
    if ((range.low !== undefined && number < range.low) || (range.high !== undefined && number > range.high)) {
        throw new InputError(`${option} ${value} is outside the plausible ${observation} of a patient, ${range.low ?? 0} to ${range.high ?? 'any'} ${range.unit} (${range.source}); give the patient's ${observation} in ${range.unit}`);
    }
    return number;
}

function nonNegativeNumber(value: string | undefined, option: string): number | undefined {
    if (value === undefined) return undefined;
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || number < 0) throw new InputError(`${option} must be a number of years, 0 or more, not '${value}'`);
    return number;
}

function sexOption(value: string | undefined): PatientInputs['sex'] {
    if (value === undefined) return undefined;
    const parsed = PatientInputs.shape.sex.safeParse(value);
    if (!parsed.success) throw new InputError(`--sex must be female or male, not '${value}'`);
    return parsed.data;
}

function isoDate(value: string, option: string): string {
    if (!isIsoDate(value)) {
        throw new InputError(`${option} must be a real calendar date as YYYY-MM-DD, not '${value}'`);
    }
    return value;
}

/** Reads a timeline: a JSON array of events, or an object with an `events` array. */
export async function readEvents(file: string): Promise<TimelineEvent[]> {
    const shown = displayPath(file);
    const real = await confinedRealPath(file, await workspaceOf([file]), shown);
    const json = parseJsonInput(await readProtocolText(real, shown), shown);
    const list = Array.isArray(json) ? json : (json as { events?: unknown })?.events;
    if (!Array.isArray(list)) {
        const found = json === null ? 'null' : typeof json !== 'object' ? `a ${typeof json}` : 'events' in json ? 'an object whose "events" is not an array' : 'an object without "events"';
        throw new InputError(`${shown}: expected a JSON array of events, or an object with an "events" array; found ${found}`);
    }
    const parsed = z.array(TimelineEvent).safeParse(list);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InputError(`${shown}: event ${issue.path.length > 0 ? `${Number(issue.path[0]) + 1}` : ''}${issue.path.length > 1 ? ` (${issue.path.slice(1).join('.')})` : ''}: ${issue.message}`);
    }
    return parsed.data;
}

export async function runSchedule(terminal: Terminal, options: ScheduleOptions): Promise<number> {
    if (!options.start) throw new InputError('schedule needs --start YYYY-MM-DD (cycle 1 day 1)');
    const start = isoDate(options.start, '--start');
    const until = options.until ? isoDate(options.until, '--until') : addDays(start, DEFAULT_SCHEDULE_HORIZON_DAYS);
    const weight = plausibleMeasurement(options.weight, '--weight', 'weight');
    const height = plausibleMeasurement(options.height, '--height', 'height');
    const age = nonNegativeNumber(options.age, '--age');
    const sex = sexOption(options.sex);
    const patient: PatientInputs = {
        ...(weight !== undefined ? { weight } : {}), ...(height !== undefined ? { height } : {}),
        ...(age !== undefined ? { age } : {}), ...(sex !== undefined ? { sex } : {}), flags: options.flags
    };
    const events = options.events ? await readEvents(options.events) : [];
    const orderSet = await loadOrderSet(terminal, options.file);
    if (orderSet === 1) return 1;
    let schedule: Schedule;
    try {
        schedule = computeSchedule({ orderSet, start, until, events, patient });
    } catch (error) {
        if (error instanceof ScheduleInputError) throw new InputError(error.message);
        throw error;
    }
    for (const notice of schedule.notices ?? []) terminal.err(`titra: notice: ${notice.message}`);
    // The JSON is checked against the titra.schedule/1 contract it promises (a failure here is a bug, not an input error).
    terminal.out(options.format === 'json' ? JSON.stringify(Schedule.parse(schedule), null, 2) : renderScheduleText(schedule, patient));
    return 0;
}

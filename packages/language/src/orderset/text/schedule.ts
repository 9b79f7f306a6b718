// Schedule rules in human-readable order-set text: dose windows, cycle ranges, restart gaps, hold outcomes, escalations.
import type { CycleRule, Escalation, HoldRule, PhaseProgress, PreTreatment, RestartRule, StepUpDose } from '../schema.js';
import { conditionText } from './conditions.js';
import { durationRangeText, durationText } from './durations.js';
import { numberListText } from './numbers.js';

/** Names a dose by its id (the dose name when known). */
export type DoseNamer = (id: string) => string;

/** When a dose may be given after the previous one: "2 days to 7 days after SUD1". */
export function windowText(window: NonNullable<StepUpDose['window']>, name: DoseNamer): string {
    return `${durationRangeText(window.min, window.max)} after ${name(window.after)}`;
}

/** How long before a dose a pre-treatment phase must be complete: "28 days before SUD1". */
export function completeBeforeText(phase: Pick<PreTreatment, 'completeWithin' | 'before'>, name: DoseNamer): string {
    return `${durationText(phase.completeWithin)} before ${name(phase.before)}`;
}

/** When a pre-treatment phase is given: "on day 1, complete within 7 days before SUD1". */
export function preTreatmentTimingText(phase: Pick<PreTreatment, 'day' | 'completeWithin' | 'before'>, name: DoseNamer): string {
    return `${phase.day !== undefined ? `on day ${phase.day}, ` : ''}complete within ${completeBeforeText(phase, name)}`;
}

/** The progress a maintenance phase waits for: "after 17 doses of TD1, QW, Q2W", "after 24 weeks of Q2W". */
export function phaseProgressText(progress: PhaseProgress, name: DoseNamer): string {
    const of = `of ${progress.of.map(name).join(', ')}`;
    return [
        progress.doses !== undefined ? `after ${progress.doses} doses ${of}` : undefined,
        progress.time ? `after ${durationText(progress.time)} ${of}` : undefined
    ].filter(Boolean).join(' and ');
}

/** The cycles a cycle rule applies to: "4", "2 to 3", "10 onward". */
export function cycleRangeText(rule: Pick<CycleRule, 'firstCycle' | 'lastCycle'>): string {
    return rule.lastCycle === undefined ? `${rule.firstCycle} onward`
        : rule.lastCycle === rule.firstCycle ? `${rule.firstCycle}` : `${rule.firstCycle} to ${rule.lastCycle}`;
}

/** The treatment days of a cycle, in order: "day 1", "days 1, 8, 15, 22". */
export function cycleDaysText(days: readonly number[]): string {
    return `day${days.length === 1 ? '' : 's'} ${numberListText(days)}`;
}

/** The days since the last dose a restart rule covers: "up to 7 days", "more than 28 days", "8 to 14 days". */
export function restartGapText(rule: RestartRule): string {
    const { minDays, minExclusive, maxDays } = rule.gap;
    if (minDays === undefined) return `up to ${maxDays} days`;
    if (maxDays === undefined) return `${minExclusive ? 'more than' : 'at least'} ${minDays} days`;
    return `${minExclusive ? `more than ${minDays}` : minDays} to ${maxDays} days`;
}

/** What a restart rule does: "continue", "restart from SUD1, next dose after 2 days". */
export function restartActionText(rule: RestartRule, name: DoseNamer): string {
    return rule.action.type === 'continue' ? 'continue'
        : `restart from ${name(rule.action.dose)}${rule.action.nextAfter ? `, next dose after ${durationText(rule.action.nextAfter)}` : ''}`;
}

/** What happens after a hold's trigger: "discontinue permanently" or "resume when platelets > 50 x10^9/L". */
export function holdOutcomeText(rule: HoldRule, name: DoseNamer = (id) => id): string {
    return rule.discontinue ? 'discontinue permanently'
        : `resume when ${conditionText(rule.resume ?? { type: 'resolved' })}${rule.resumeAt ? ` at ${name(rule.resumeAt)}` : ''}${rule.repeatLastDose ? ', repeating the last dose given' : ''}`;
}

/** When an escalation step applies: "if refractory", "if no improvement after 24 hours". */
export function escalationTriggerText(escalation: Pick<Escalation, 'refractory' | 'after'>): string {
    return escalation.refractory ? 'if refractory' : `if no improvement${escalation.after ? ` after ${durationText(escalation.after)}` : ''}`;
}

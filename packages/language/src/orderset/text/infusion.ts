// Infusions in human-readable order-set text: infusion times, and continuous infusions (daily doses over cycle days, caps, bags, interruptions).
import type { ContinuousInfusion, Dose, Duration, InfusionCycleRule, InfusionSegment, InterruptionRule } from '../schema.js';
import { durationText } from './durations.js';
import { formatNumber } from './numbers.js';
import { quantityText, unitText } from './units.js';
import { cycleRangeText } from './schedule.js';

/** A daily dose with its daily cap: "28 mcg/day", "5 mcg/m2/day (max 9 mcg/day)". */
export function dailyDoseText(dose: Dose): string {
    const cap = dose.maxPerDose ? ` (max ${formatNumber(dose.maxPerDose.value)} ${unitText(dose.maxPerDose.unit)})` : '';
    return `${formatNumber(dose.value)} ${unitText(dose.unit)}${cap}`;
}

/** A computed daily amount: "4.2 mcg/day". */
export function dailyAmountText(amount: { value: number; unit: string }): string {
    return quantityText(amount.value, amount.unit);
}

/** One rate of a continuous infusion: "9 mcg/day on days 1 to 7". */
export function infusionSegmentText(segment: Pick<InfusionSegment, 'dose' | 'firstDay' | 'lastDay'>): string {
    return `${dailyDoseText(segment.dose)} on days ${segment.firstDay} to ${segment.lastDay}`;
}

/** The cycles an infusion rule applies to, with their length when it differs: "cycle 1", "cycles 6 to 9 (84-day cycles)". */
export function infusionCyclesText(rule: Pick<InfusionCycleRule, 'firstCycle' | 'lastCycle' | 'length'>): string {
    const range = cycleRangeText(rule);
    const word = rule.lastCycle === rule.firstCycle ? 'cycle' : 'cycles';
    return `${word} ${range}${rule.length ? ` (cycles of ${durationText(rule.length)})` : ''}`;
}

/** A whole infusion rule: "cycle 1: 9 mcg/day on days 1 to 7, then 28 mcg/day on days 8 to 28". */
export function infusionRuleText(rule: InfusionCycleRule): string {
    return `${infusionCyclesText(rule)}: ${rule.segments.map(infusionSegmentText).join(', then ')}`;
}

/** The schedule line of an infusion: "cycles of 42 days, at most 9; bags changed every 24 hours". */
export function infusionScheduleText(infusion: ContinuousInfusion): string {
    return `cycles of ${durationText(infusion.length)}${infusion.maxCycles ? `, at most ${infusion.maxCycles}` : ''}`
        + `${infusion.bagInterval ? `; bags changed every ${durationText(infusion.bagInterval)}` : ''}`;
}

/** Hours in the largest whole unit: 168 as "7 days", 4 as "4 hours". */
function hoursText(hours: number): string {
    return hours % 24 === 0 ? durationText({ value: hours / 24, unit: 'd' }) : durationText({ value: hours, unit: 'h' });
}

/** The interruptions a rule covers: "up to 7 days", "more than 7 days", "4 hours or more". */
export function interruptionGapText(rule: InterruptionRule): string {
    const { minHours, minExclusive, maxHours } = rule.gap;
    if (minHours === undefined) return `up to ${hoursText(maxHours ?? 0)}`;
    if (maxHours === undefined) return minExclusive ? `more than ${hoursText(minHours)}` : `${hoursText(minHours)} or more`;
    return `${hoursText(minHours)} to ${hoursText(maxHours)}`;
}

/** What an interruption rule does: "continue the cycle", "start the cycle again from day 1", "premedicate with dexa". */
export function interruptionActionText(rule: InterruptionRule, premedicationName: (id: string) => string): string {
    switch (rule.action.type) {
        case 'continue-cycle': return 'continue the cycle';
        case 'new-cycle': return 'start a new cycle';
        case 'premedicate': return `premedicate with ${premedicationName(rule.action.premedication)}`;
    }
}

/** How long a dose is infused: "over 4 hours", "over 4 hours, over 2 hours when the previous dose gave no CRS". */
export function infusionTimeText(times: { infusionDuration?: Duration; infusionDurationWithoutCrs?: Duration }): string {
    const standard = times.infusionDuration ? `over ${durationText(times.infusionDuration)}` : '';
    const shorter = times.infusionDurationWithoutCrs ? `over ${durationText(times.infusionDurationWithoutCrs)} when the previous dose gave no CRS` : '';
    return [standard, shorter].filter(Boolean).join(', ');
}

// The calendar of a continuous infusion for one patient: infused periods per cycle and rate, holds and interruptions applied.
import { durationInDays, durationInHours } from '../../vocabulary/time-units.js';
import type { ContinuousInfusion, InfusionCycleRule, InfusionSegment, InterruptionRule, OrderSet } from '../schema.js';
import type { Decision, InfusionPeriod } from '../schedule-schema.js';
import { interruptionActionText, interruptionGapText } from '../text/infusion.js';
import { tidyNumber } from '../text/numbers.js';
import { addDays, daysBetween } from './dates.js';
import { computeDose } from './dose.js';
import type { PatientInputs, TimelineEvent } from './input.js';
import { resolvePremedication } from './orders.js';

/** What the infusion calendar needs from the scheduler running it. */
export interface InfusionContext {
    orderSet: OrderSet;
    infusion: ContinuousInfusion;
    patient: PatientInputs;
    start: string;
    until: string;
    /** The patient's events in date order. */
    events: readonly TimelineEvent[];
    /** The day the infusion may go on: the same day when nothing holds it; else records the hold and returns its resume day, or 'discontinued'. */
    holdUntil(day: string): string | 'discontinued';
    decide(date: string, kind: Decision['kind'], rule: string | undefined, message: string): void;
}

interface Interruption {
    from: string;
    to: string;
    hours: number;
}

/** The interruptions given as `infusion-interrupted` / `infusion-resumed` event pairs, in date order. */
function reportedInterruptions(events: readonly TimelineEvent[]): Interruption[] {
    const interruptions: Interruption[] = [];
    let open: string | undefined;
    for (const event of events) {
        if (event.type === 'infusion-interrupted') open ??= event.date;
        else if (event.type === 'infusion-resumed' && open !== undefined) {
            interruptions.push({ from: open, to: event.date, hours: event.hours ?? daysBetween(open, event.date) * 24 });
            open = undefined;
        }
    }
    if (open !== undefined) interruptions.push({ from: open, to: '9999-12-31', hours: Number.POSITIVE_INFINITY });
    return interruptions;
}

function covers(rule: InterruptionRule, hours: number): boolean {
    const { minHours, minExclusive, maxHours } = rule.gap;
    const aboveMin = minHours === undefined || (minExclusive ? hours > minHours : hours >= minHours);
    return aboveMin && (maxHours === undefined || hours <= maxHours);
}

class InfusionCalendar {
    private readonly periods: InfusionPeriod[] = [];
    private readonly interruptions: Interruption[];
    /** A premedication set to give before the next infused day, after an interruption. */
    private pendingPremedication: string | undefined;
    private readonly applied = new Set<Interruption>();

    constructor(private readonly context: InfusionContext) {
        this.interruptions = reportedInterruptions(context.events);
    }

    private rule(cycle: number): InfusionCycleRule | undefined {
        const { infusion } = this.context;
        if (infusion.maxCycles !== undefined && cycle > infusion.maxCycles) return undefined;
        return infusion.rules.find((r) => r.firstCycle <= cycle && (r.lastCycle === undefined || cycle <= r.lastCycle));
    }

    /** Walks the calendar day by day: infused days advance the cycle day, interruptions pause or restart it. */
    run(): InfusionPeriod[] {
        const { start, until } = this.context;
        let cycle = 1;
        let cycleDay = 1;
        let rule = this.rule(cycle);
        for (let day = start; rule && day <= until;) {
            const length = durationInDays(rule.length ?? this.context.infusion.length);
            if (cycleDay > length) {
                cycle += 1;
                cycleDay = 1;
                rule = this.rule(cycle);
                continue;
            }
            const segment = rule.segments.find((s) => s.firstDay <= cycleDay && cycleDay <= s.lastDay);
            if (!segment) {
                day = addDays(day, 1);
                cycleDay += 1;
                continue;
            }
            const interruption = this.interruptionOn(day);
            if (interruption === 'discontinued') return this.periods;
            if (interruption) {
                if (this.afterInterruption(interruption) === 'new-cycle') cycleDay = 1;
                if (interruption.to > day) {
                    day = interruption.to;
                    continue;
                }
            }
            this.infuse(day, cycle, cycleDay, rule, segment);
            day = addDays(day, 1);
            cycleDay += 1;
        }
        return this.periods;
    }

    /** The interruption starting on an infused day: a reported one, or a hold (which lasts until its resume day). */
    private interruptionOn(day: string): Interruption | 'discontinued' | undefined {
        const reported = this.interruptions.find((i) => !this.applied.has(i) && i.from <= day && (day < i.to || i.from === i.to));
        if (reported) {
            this.applied.add(reported);
            return reported;
        }
        const resume = this.context.holdUntil(day);
        if (resume === day) return undefined;
        if (resume === 'discontinued') return 'discontinued';
        return { from: day, to: resume, hours: daysBetween(day, resume) * 24 };
    }

    /** Applies the interruption rules that cover its length; returns what happens to the cycle. */
    private afterInterruption(interruption: Interruption): 'continue-cycle' | 'new-cycle' {
        const rules = this.context.infusion.interruptions.filter((r) => covers(r, interruption.hours));
        const premedicationName = (id: string) => this.context.orderSet.premedication.find((p) => p.id === id)?.name ?? id;
        let outcome: 'continue-cycle' | 'new-cycle' = 'continue-cycle';
        for (const rule of rules) {
            if (rule.action.type === 'new-cycle') outcome = 'new-cycle';
            if (rule.action.type === 'premedicate') this.pendingPremedication = rule.action.premedication;
            const length = Number.isFinite(interruption.hours) ? `${interruption.hours} hours` : 'past the horizon';
            this.context.decide(interruption.to, 'interruption', rule.id,
                `infusion interrupted from ${interruption.from} (${length}): ${interruptionGapText(rule)}, ${interruptionActionText(rule, premedicationName)}`);
        }
        return outcome;
    }

    private infuse(day: string, cycle: number, cycleDay: number, rule: InfusionCycleRule, segment: InfusionSegment): void {
        const last = this.periods[this.periods.length - 1];
        const continues = last && this.pendingPremedication === undefined && last.segment === segment.id
            && last.cycle.number === cycle && addDays(last.to, 1) === day;
        if (continues) {
            last.to = day;
            last.days += 1;
            last.cycle.lastDay = cycleDay;
            last.totalAmount.value = tidyNumber(last.dailyAmount.value * last.days);
            return;
        }
        const premedicationSet = this.pendingPremedication ?? (cycleDay === segment.firstDay ? segment.premedication : undefined);
        this.pendingPremedication = undefined;
        const premedication = this.context.orderSet.premedication.find((p) => p.id === premedicationSet);
        const dailyAmount = computeDose(segment.dose, this.context.patient);
        const bag = this.context.infusion.bagInterval;
        this.periods.push({
            rule: rule.id,
            segment: segment.id,
            cycle: { number: cycle, firstDay: cycleDay, lastDay: cycleDay },
            from: day,
            to: day,
            days: 1,
            dailyAmount,
            totalAmount: { value: dailyAmount.value, unit: dailyAmount.unit.replace(/\/d$/, '') },
            route: this.context.infusion.route,
            ...(bag ? { bagHours: durationInHours(bag) } : {}),
            premedication: resolvePremedication(premedication?.orders ?? [], this.context.patient)
        });
    }
}

/** The infused periods of a continuous infusion from the start (cycle 1 day 1) to the horizon. */
export function infusionCalendar(context: InfusionContext): InfusionPeriod[] {
    return new InfusionCalendar(context).run();
}

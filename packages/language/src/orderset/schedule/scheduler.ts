// Runs a compiled order set for one patient: the calendar of doses, holds, restarts, transitions and panel orders.
import { durationInDays, durationInHours } from '../../vocabulary/time-units.js';
import { evaluateCondition, type PatientState, type Truth } from '../conditions.js';
import type {
    Condition, CycleRule, GradeEntry, HoldRule, MaintenancePhase, Order, OrderSet, StepUpDose, SupportiveCareOrder,
    Escalation
} from '../schema.js';
import { SCHEDULE_FORMAT, type Administration, type Decision, type PanelOrders, type ResolvedOrder, type Schedule } from '../schedule-schema.js';
import { addDays, daysBetween } from './dates.js';
import { computeDose } from './dose.js';
import { ScheduleInputError, type ScheduleRequest, type TimelineEvent } from './input.js';
import { beforeDoseText } from '../text/durations.js';
import { orderText } from '../text/orders.js';
import { resolveOrder } from './orders.js';
import { Timeline } from './timeline.js';

const MAX_ADMINISTRATIONS = 2000;

interface PlannedDose {
    id: string;
    phase: Administration['phase'];
    definition: StepUpDose | MaintenancePhase | CycleRule;
    cycle?: { number: number; day: number };
}

function nameOf(dose: PlannedDose): string {
    return 'name' in dose.definition ? dose.definition.name : dose.id;
}

class Scheduler {
    private readonly timeline: Timeline;
    private readonly schedule: Schedule;
    private readonly stepUp: StepUpDose[];
    private readonly maintenance: MaintenancePhase[];
    private readonly cycles: OrderSet['cycles'];
    private readonly supportive: SupportiveCareOrder[];
    private readonly preTreatment: NonNullable<OrderSet['preTreatment']>;
    private readonly delays: Array<Extract<TimelineEvent, { type: 'delay' }>>;
    private readonly unknownTriggers = new Set<string>();

    constructor(private readonly request: ScheduleRequest) {
        const { orderSet, patient } = request;
        this.timeline = new Timeline(request.events, new Set(patient.flags));
        this.schedule = {
            format: SCHEDULE_FORMAT,
            protocol: { id: orderSet.protocol.id, version: orderSet.protocol.version, title: orderSet.protocol.title },
            start: request.start, until: request.until,
            administrations: [], holds: [], decisions: [], panelOrders: [], supportiveCare: [], preTreatment: []
        };
        let stepUp = orderSet.stepUp;
        let maintenance = orderSet.maintenance;
        let cycles = orderSet.cycles;
        let supportive = orderSet.supportiveCare;
        let preTreatment = orderSet.preTreatment;
        const startState = this.timeline.stateOn(request.start);
        for (const variant of orderSet.variants) {
            if (evaluateCondition(variant.when, startState) !== true) continue;
            this.decide(request.start, 'variant', variant.id, `variant ${variant.id} applies`);
            stepUp = variant.stepUp ?? stepUp;
            maintenance = variant.maintenance ?? maintenance;
            cycles = variant.cycles ?? cycles;
            supportive = [...supportive, ...(variant.supportiveCare ?? [])];
            preTreatment = [...preTreatment, ...(variant.preTreatment ?? [])];
        }
        this.stepUp = stepUp;
        this.maintenance = maintenance;
        this.cycles = cycles;
        this.supportive = supportive;
        this.preTreatment = preTreatment;
        this.delays = this.timeline.all.filter((e): e is Extract<TimelineEvent, { type: 'delay' }> => e.type === 'delay');
        const known = new Set([...stepUp, ...maintenance].flatMap((d) => [d.id, d.name]));
        for (const delay of this.delays) {
            if (delay.dose && !known.has(delay.dose)) {
                throw new ScheduleInputError(`the delay on ${delay.date} names dose '${delay.dose}', which the protocol does not have (doses: ${[...known].join(', ')})`);
            }
            if (delay.until < delay.date) throw new ScheduleInputError(`the delay on ${delay.date} ends before it starts (${delay.until})`);
        }
        for (const event of request.events) {
            if (event.type === 'lab' && !orderSet.requiredInputs.some((i) => i.name === event.observation)) {
                throw new ScheduleInputError(`the lab event on ${event.date} reports '${event.observation}', which the protocol does not use (inputs: ${orderSet.requiredInputs.map((i) => i.name).join(', ')})`);
            }
        }
    }

    private decide(date: string, kind: Decision['kind'], rule: string | undefined, message: string): void {
        this.schedule.decisions.push({ date, kind, ...(rule ? { rule } : {}), message });
    }

    run(): Schedule {
        this.planDoses();
        this.panelOrders();
        this.supportiveCare();
        this.preTreatments();
        return this.schedule;
    }

    /** The first dose of the course, then each next one, until the horizon, a discontinuation or the end. */
    private planDoses(): void {
        let next: PlannedDose | undefined = this.stepUp[0] ? { id: this.stepUp[0].id, phase: 'step-up', definition: this.stepUp[0] }
            : this.maintenance[0] ? { id: this.maintenance[0].id, phase: 'maintenance', definition: this.maintenance[0] } : undefined;
        let planned = this.request.start;
        let last: { dose: PlannedDose; date: string } | undefined;
        const countByPhase = new Map<string, number>();
        while (next && planned <= this.request.until && this.schedule.administrations.length < MAX_ADMINISTRATIONS) {
            const nominal = planned;
            planned = this.applyDelays(planned, next.id, nameOf(next));
            const held = this.applyHolds(planned);
            if (held === 'discontinued') return;
            planned = held;
            if (planned > this.request.until) return;
            if (last && planned > nominal) {
                const restarted = this.applyRestartRules(last, planned);
                if (restarted) next = restarted;
            }
            if (last) this.checkWindow(next, last, planned);
            this.administer(next, planned);
            countByPhase.set(next.definition.id, (countByPhase.get(next.definition.id) ?? 0) + 1);
            last = { dose: next, date: planned };
            const following = this.following(next, planned, countByPhase);
            if (!following) return;
            next = following.dose;
            planned = addDays(planned, following.afterDays);
        }
    }

    /** Moves the dose past every delay that covers its day; delays that chain are followed to the end. */
    private applyDelays(planned: string, doseId: string, doseName: string): string {
        for (let moved = true; moved;) {
            moved = false;
            for (const delay of this.delays) {
                if ((delay.dose === undefined || delay.dose === doseId || delay.dose === doseName) && planned >= delay.date && planned < delay.until) {
                    this.decide(planned, 'delay', undefined, `${doseId} planned for ${planned} is delayed until ${delay.until}`);
                    planned = delay.until;
                    moved = true;
                }
            }
        }
        return planned;
    }

    /** Returns the day the dose can be given (after any hold), or 'discontinued'. */
    private applyHolds(planned: string): string | 'discontinued' {
        const holds = this.request.orderSet.holds;
        let day = planned;
        for (;;) {
            const state = this.timeline.stateOn(day);
            const active = holds.filter((h) => this.triggered(h, state, day));
            const discontinue = active.find((h) => h.discontinue);
            if (discontinue) {
                this.schedule.holds.push({ rule: discontinue.id, from: day, discontinued: true, orders: this.resolveOrders(discontinue.orders) });
                this.decide(day, 'discontinue', discontinue.id, `treatment discontinued permanently (${discontinue.id})`);
                return 'discontinued';
            }
            if (active.length === 0) return day;
            const resumeDay = this.resumeDay(active, day);
            for (const hold of active) {
                this.schedule.holds.push({
                    rule: hold.id, from: day, ...(resumeDay ? { to: resumeDay } : {}), discontinued: false, orders: this.resolveOrders(hold.orders)
                });
            }
            if (!resumeDay) return addDays(this.request.until, 1);
            day = resumeDay;
        }
    }

    private triggered(hold: HoldRule, state: PatientState, day: string): boolean {
        const truth: Truth = evaluateCondition(hold.trigger, state);
        if (truth === 'unknown' && !this.unknownTriggers.has(hold.id)) {
            this.unknownTriggers.add(hold.id);
            this.decide(day, 'unknown-condition', hold.id, `cannot evaluate the trigger of ${hold.id} from ${day} on: a value it needs has not been reported`);
        }
        return truth === true;
    }

    /** The first day on or after `from` on which every active hold's resume condition holds. */
    private resumeDay(active: HoldRule[], from: string): string | undefined {
        // The hold starts on `from`; it can only end on a later day on which something changed.
        for (const day of this.timeline.changeDays(addDays(from, 1), this.request.until)) {
            const state = this.timeline.stateOn(day);
            const resumed = active.every((h) => {
                const condition: Condition = h.resume ?? { type: 'resolved' };
                return evaluateCondition(condition, state, h.trigger) === true;
            });
            if (resumed) return day;
        }
        return undefined;
    }

    private applyRestartRules(last: { dose: PlannedDose; date: string }, planned: string): PlannedDose | undefined {
        const gap = daysBetween(last.date, planned);
        const lastName = nameOf(last.dose);
        const rules = this.request.orderSet.restartAfterDelay.filter((r) => r.lastDose === last.dose.definition.id || r.lastDose === lastName);
        const rule = rules.find((r) => {
            const { minDays, minExclusive, maxDays } = r.gap;
            const aboveMin = minDays === undefined || (minExclusive ? gap > minDays : gap >= minDays);
            return aboveMin && (maxDays === undefined || gap <= maxDays);
        });
        if (!rule) return undefined;
        if (rule.action.type === 'continue') {
            this.decide(planned, 'restart', rule.id, `${gap} days since ${last.dose.id}: continue (${rule.id})`);
            return undefined;
        }
        const targetId = rule.action.dose;
        // A rule written for the base doses applies to a variant's doses of the same name.
        const targetName = this.request.orderSet.stepUp.find((d) => d.id === targetId)?.name ?? targetId;
        const target = this.stepUp.find((d) => d.id === targetId) ?? this.stepUp.find((d) => d.name === targetName);
        this.decide(planned, 'restart', rule.id, `${gap} days since ${last.dose.id}: restart from ${targetId} (${rule.id})`);
        if (!target) return undefined;
        return { id: target.id, phase: 'step-up', definition: target };
    }

    private checkWindow(next: PlannedDose, last: { dose: PlannedDose; date: string }, planned: string): void {
        if (next.phase !== 'step-up') return;
        const window = (next.definition as StepUpDose).window;
        if (!window || window.after !== last.dose.definition.id) return;
        const gap = daysBetween(last.date, planned);
        const min = durationInDays(window.min);
        const max = durationInDays(window.max);
        if (gap < min || gap > max) {
            this.decide(planned, 'window', next.id, `${next.id} on ${planned} is ${gap} days after ${last.dose.id}, outside its window of ${min} to ${max} days`);
        }
    }

    private administer(dose: PlannedDose, date: string): void {
        const definition = dose.definition;
        const premedSet = definition.premedication ? this.request.orderSet.premedication.find((p) => p.id === definition.premedication) : undefined;
        const monitoring = definition.monitoring;
        const infusion = definition.infusionDuration;
        const watch = monitoring?.watch ? { watch: monitoring.watch } : {};
        const first = this.schedule.administrations.length === 0;
        const beforeDose = (this.request.orderSet.beforeDose ?? [])
            .filter((item) => item.moment === 'each-dose' || first)
            .map((item) => resolveOrder(item.order, this.request.patient));
        this.schedule.administrations.push({
            date,
            dose: dose.id,
            name: nameOf(dose),
            phase: dose.phase,
            ...(dose.cycle ? { cycle: dose.cycle } : {}),
            amount: computeDose(definition.dose, this.request.patient),
            route: definition.route,
            premedication: (premedSet?.orders ?? []).map(({ order, timing }) => ({
                id: order.id,
                text: orderText(order, { details: 'instructions' }),
                amount: computeDose(order.dose, this.request.patient),
                timing: beforeDoseText(timing)
            })),
            ...(monitoring ? {
                monitoring: monitoring.setting === 'inpatient'
                    ? { setting: 'inpatient', hours: durationInHours(monitoring.duration), until: addDays(date, Math.ceil(durationInDays(monitoring.duration))), ...watch }
                    : { setting: 'outpatient', ...(monitoring.note ? { note: monitoring.note } : {}), ...watch }
            } : {}),
            ...(infusion ? { infusionHours: durationInHours(infusion) } : {}),
            ...(beforeDose.length > 0 ? { beforeDose } : {})
        });
    }

    /** The dose after `current` and the days until it, or undefined at the end of the course. */
    private following(current: PlannedDose, date: string, counts: Map<string, number>): { dose: PlannedDose; afterDays: number } | undefined {
        if (current.phase === 'step-up') {
            const index = this.stepUp.findIndex((d) => d.id === current.id);
            const nextStep = this.stepUp[index + 1];
            const override = this.lastRestartNextAfter(date);
            if (nextStep) {
                const afterDays = override ?? (nextStep.day - this.stepUp[index].day);
                return { dose: { id: nextStep.id, phase: 'step-up', definition: nextStep }, afterDays };
            }
            if (this.cycles) return this.firstCycleDose(date);
            const phase = this.maintenance[0];
            return phase ? { dose: { id: phase.id, phase: 'maintenance', definition: phase }, afterDays: override ?? durationInDays(phase.interval) } : undefined;
        }
        if (current.phase === 'cycle') return this.nextCycleDose(current, date);
        return this.nextMaintenance(current.definition as MaintenancePhase, date, counts);
    }

    /** A restart rule's `then next after` spacing, when the dose just given was a restart. */
    private lastRestartNextAfter(date: string): number | undefined {
        const decision = [...this.schedule.decisions].reverse().find((d) => d.kind === 'restart' && d.date === date);
        const rule = decision && this.request.orderSet.restartAfterDelay.find((r) => r.id === decision.rule);
        return rule?.action.type === 'restart-from' && rule.action.nextAfter ? durationInDays(rule.action.nextAfter) : undefined;
    }

    private nextMaintenance(phase: MaintenancePhase, date: string, counts: Map<string, number>): { dose: PlannedDose; afterDays: number } | undefined {
        const index = this.maintenance.findIndex((p) => p.id === phase.id);
        const candidate = this.maintenance[index + 1];
        const weekOfCourse = Math.floor(daysBetween(this.request.start, date) / 7) + 1;
        const exhausted = (phase.doseCount !== undefined && (counts.get(phase.id) ?? 0) >= phase.doseCount)
            || (phase.throughWeek !== undefined && weekOfCourse >= phase.throughWeek);
        if (candidate) {
            // The new phase starts with the dose that would have been the current phase's next one,
            // once that day is in the phase's starting week and its condition holds on the last dose day.
            const afterDays = durationInDays(phase.interval);
            const nextDay = addDays(date, afterDays);
            const nextWeek = Math.floor(daysBetween(this.request.start, nextDay) / 7) + 1;
            const weekReached = candidate.fromWeek === undefined || nextWeek >= candidate.fromWeek;
            const condition = candidate.when ? evaluateCondition(candidate.when, this.timeline.stateOn(date)) : true;
            if ((exhausted || candidate.when) && weekReached && condition === true) {
                this.decide(nextDay, 'transition', candidate.id, `from ${phase.id} to ${candidate.id} (week ${nextWeek}), then every ${durationInDays(candidate.interval)} days`);
                return { dose: { id: candidate.id, phase: 'maintenance', definition: candidate }, afterDays };
            }
        }
        if (exhausted && !candidate) return undefined;
        return { dose: { id: phase.id, phase: 'maintenance', definition: phase }, afterDays: durationInDays(phase.interval) };
    }

    private cycleRule(cycle: number): CycleRule | undefined {
        const schedule = this.cycles;
        if (!schedule || (schedule.maxCycles !== undefined && cycle > schedule.maxCycles)) return undefined;
        return schedule.rules.find((r) => r.firstCycle <= cycle && (r.lastCycle === undefined || cycle <= r.lastCycle));
    }

    private firstCycleDose(date: string): { dose: PlannedDose; afterDays: number } | undefined {
        const cycle1Start = this.request.start;
        const lastStepDay = this.stepUp[this.stepUp.length - 1]?.day ?? 1;
        const length = durationInDays(this.cycles!.length);
        const shift = daysBetween(addDays(cycle1Start, lastStepDay - 1), date);
        return this.cycleDoseFrom(2, 0, addDays(cycle1Start, length + shift));
    }

    private nextCycleDose(current: PlannedDose, date: string): { dose: PlannedDose; afterDays: number } | undefined {
        const { number, day } = current.cycle!;
        const cycleStart = addDays(date, -(day - 1));
        return this.cycleDoseFrom(number, day, cycleStart);
    }

    /** The first dose day after `afterDay` in cycle `number` (starting `cycleStart`), or the next cycle's first. */
    private cycleDoseFrom(number: number, afterDay: number, cycleStart: string): { dose: PlannedDose; afterDays: number } | undefined {
        const length = durationInDays(this.cycles!.length);
        for (let cycle = number, start = cycleStart, after = afterDay; cycle < number + 2; cycle++, start = addDays(start, length), after = 0) {
            const rule = this.cycleRule(cycle);
            if (!rule) return undefined;
            const day = rule.days.find((d) => d > after);
            if (day !== undefined) {
                const dueDate = addDays(start, day - 1);
                const previous = this.schedule.administrations[this.schedule.administrations.length - 1]?.date ?? start;
                return {
                    dose: { id: `${rule.id}.C${cycle}D${day}`, phase: 'cycle', definition: rule, cycle: { number: cycle, day } },
                    afterDays: daysBetween(previous, dueDate)
                };
            }
        }
        return undefined;
    }

    private resolveOrders(orders: Order[]): ResolvedOrder[] {
        return orders.map((o) => resolveOrder(o, this.request.patient));
    }

    /** The panel orders that apply when a CRS, ICANS or other toxicity grade is reported. */
    private panelOrders(): void {
        for (const event of this.timeline.all) {
            if (event.type !== 'toxicity' || event.grade < 1) continue;
            const panel = this.request.orderSet.panels.find((p) => p.kind === event.toxicity || p.name === event.toxicity || p.id === event.toxicity);
            if (!panel) continue;
            const entry: GradeEntry | undefined = panel.grades.find((g) => g.grade === event.grade);
            if (!entry) continue;
            const escalations: PanelOrders['escalations'] = [];
            for (let e: Escalation | undefined = entry.escalation; e; e = e.escalation) {
                escalations.push({
                    ...(e.after ? { afterHours: durationInHours(e.after) } : {}), refractory: e.refractory, orders: this.resolveOrders(e.orders)
                });
            }
            this.schedule.panelOrders.push({
                date: event.date, panel: panel.id, toxicity: event.toxicity, grade: event.grade, orders: this.resolveOrders(entry.orders), escalations
            });
        }
    }

    /** Supportive care periods: throughout the course, or while their start condition holds. */
    private supportiveCare(): void {
        const administrations = this.schedule.administrations;
        const firstDose = administrations[0]?.date ?? this.request.start;
        const lastDose = administrations[administrations.length - 1]?.date ?? this.request.start;
        const days = [this.request.start, ...this.timeline.changeDays(this.request.start, this.request.until)];
        for (const item of this.supportive) {
            const text = orderText(item.order, { details: 'instructions' });
            if (item.before) {
                const anchor = this.firstAdministrationOf(item.before);
                if (anchor) this.schedule.supportiveCare.push({ id: item.id, text, from: anchor.date, to: anchor.date });
                continue;
            }
            if (!item.start && !item.throughout && !item.stop && !item.continueAfterLastDose) {
                // No timing clause: a one-time order at the start of treatment.
                this.schedule.supportiveCare.push({ id: item.id, text, from: firstDose, to: firstDose });
                continue;
            }
            if (!item.start) {
                const end = item.continueAfterLastDose ? addDays(lastDose, durationInDays(item.continueAfterLastDose)) : undefined;
                const stopDay = item.stop ? days.find((d) => evaluateCondition(item.stop!, this.timeline.stateOn(d)) === true) : undefined;
                const to = [end, stopDay].filter((d): d is string => d !== undefined).sort()[0];
                this.schedule.supportiveCare.push({ id: item.id, text, from: firstDose, ...(to ? { to } : {}) });
                continue;
            }
            let from: string | undefined;
            for (const day of days) {
                const state = this.timeline.stateOn(day);
                const on = evaluateCondition(item.start, state) === true;
                const off = item.stop ? evaluateCondition(item.stop, state) === true : !on;
                if (!from && on) from = day;
                else if (from && off) {
                    this.schedule.supportiveCare.push({ id: item.id, text, from, to: day });
                    from = undefined;
                }
            }
            if (from) this.schedule.supportiveCare.push({ id: item.id, text, from });
        }
    }

    /** The first administration of a dose, by id, or by the name of the base dose with that id. */
    private firstAdministrationOf(doseId: string): Administration | undefined {
        const name = this.request.orderSet.stepUp.find((d) => d.id === doseId)?.name ?? doseId;
        return this.schedule.administrations.find((a) => a.dose === doseId)
            ?? this.schedule.administrations.find((a) => a.name === name);
    }

    private preTreatments(): void {
        for (const phase of this.preTreatment) {
            const anchor = this.firstAdministrationOf(phase.before)?.date ?? this.request.start;
            const text = phase.orders.map((o) => orderText(o.order, { details: 'instructions' })).join('; ');
            this.schedule.preTreatment.push({
                id: phase.id, text, notBefore: addDays(anchor, -durationInDays(phase.completeWithin)), completeBy: anchor
            });
        }
    }
}

/** Computes the calendar of a compiled order set for one patient, start date and timeline of events. */
export function computeSchedule(request: ScheduleRequest): Schedule {
    const needsWeight = [...request.orderSet.stepUp, ...request.orderSet.maintenance].some((d) => d.dose.per !== undefined);
    if (needsWeight && request.patient.weight === undefined) {
        throw new ScheduleInputError(`${request.orderSet.protocol.id} doses by body weight: give the patient's weight (--weight in kg)`);
    }
    if (request.until < request.start) throw new ScheduleInputError(`the horizon ${request.until} is before the start ${request.start}`);
    return new Scheduler(request).run();
}

// Runs a compiled order set for one patient: the calendar of doses, holds, restarts, transitions and panel orders.
import { durationInDays, durationInHours } from '../../vocabulary/time-units.js';
import { conditionObservations, evaluateCondition, type PatientState, type Truth } from '../conditions.js';
import type {
    Condition, CycleRule, DosingOrder, GradeEntry, HoldRule, MaintenancePhase, Order, OrderSet, StepUpDose, SupportiveCareOrder,
    Escalation, PhaseProgress, Duration, PremedicationSet
} from '../schema.js';
import { SCHEDULE_FORMAT, type Administration, type Decision, type PanelOrders, type ResolvedOrder, type Schedule } from '../schedule-schema.js';
import { addDays, daysBetween } from './dates.js';
import { computeDose } from './dose.js';
import { readableEvents } from './events.js';
import { ScheduleInputError, type ScheduleRequest, type TimelineEvent } from './input.js';
import { conditionText } from '../text/conditions.js';
import { orderText } from '../text/orders.js';
import { cycleRangeText } from '../text/schedule.js';
import { notYetEffectiveNotice, protocolStatusNotice } from '../text/schedule-notices.js';
import { changeInEffect, panelDosingOrders, panelFor, premedicationOrdered, type DoseChange, type PanelHold } from './dose-changes.js';
import { infusionCalendar } from './infusion.js';
import { resolveOrder, resolvePremedication } from './orders.js';
import { Timeline } from './timeline.js';

const MAX_ADMINISTRATIONS = 2000;

/** How far before the first dose a lab result still counts for it; later doses count results since the previous dose. */
const FIRST_DOSE_LAB_LOOKBACK_DAYS = 7;

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
    private readonly holds: HoldRule[];
    private readonly restartRules: OrderSet['restartAfterDelay'];
    private readonly panels: OrderSet['panels'];
    private readonly delays: Array<Extract<TimelineEvent, { type: 'delay' }>>;
    private readonly unknownTriggers = new Set<string>();
    /** Required observations that a hold trigger reads: each dose needs a recent result of them. */
    private readonly holdLabs: string[];
    /** Whether each conditional cycle rule applies, decided when its first cycle is due. */
    private readonly cycleRuleApplies = new Map<string, boolean>();
    private readonly infusion: OrderSet['continuousInfusion'];
    /** Orders before dosing: the protocol's, then those of each variant that applies. */
    private readonly beforeDose: NonNullable<OrderSet['beforeDose']>;
    private readonly doseChanges: DoseChange[];
    /** Holds and discontinuations ordered by the reported grades of toxicity panels ("hold next dose"). */
    private readonly panelHolds: PanelHold[];
    /** `premedicate SET before next dose` orders of toxicity panels, with the day of the grade report that ordered them. */
    private readonly panelPremedications: Array<{ order: DosingOrder; from: string }>;
    private readonly appliedChanges = new Set<DoseChange>();
    /** True when the course ends (no further dose, or discontinued) within the horizon; false when doses go on past it. */
    private courseEnded = false;

    constructor(private readonly request: ScheduleRequest) {
        const { orderSet, patient } = request;
        this.timeline = new Timeline(readableEvents(request.events, orderSet), patient);
        this.schedule = {
            format: SCHEDULE_FORMAT,
            ...this.notices(),
            protocol: { id: orderSet.protocol.id, version: orderSet.protocol.version, title: orderSet.protocol.title },
            start: request.start, until: request.until,
            administrations: [], holds: [], decisions: [], panelOrders: [], supportiveCare: [], preTreatment: []
        };
        let stepUp = orderSet.stepUp;
        let maintenance = orderSet.maintenance;
        let cycles = orderSet.cycles;
        let supportive = orderSet.supportiveCare;
        let preTreatment = orderSet.preTreatment;
        let holds = orderSet.holds;
        let restartRules = orderSet.restartAfterDelay;
        let panels = orderSet.panels;
        let infusion = orderSet.continuousInfusion;
        let beforeDose = orderSet.beforeDose ?? [];
        const startState = this.timeline.stateOn(request.start);
        for (const variant of orderSet.variants) {
            const applies = evaluateCondition(variant.when, startState);
            if (applies === 'unknown') {
                const missing = conditionObservations(variant.when).filter((o) => !startState.observations.has(o));
                throw new ScheduleInputError(`${variant.id} depends on ${missing.join(', ')}, not given on ${request.start}: give it (--weight, --height, --age, or a lab event on or before cycle 1 day 1)`);
            }
            if (applies !== true) continue;
            this.decide(request.start, 'variant', variant.id, `variant ${variant.id} applies`);
            stepUp = variant.stepUp ?? stepUp;
            maintenance = variant.maintenance ?? maintenance;
            cycles = variant.cycles ?? cycles;
            supportive = [...supportive, ...(variant.supportiveCare ?? [])];
            preTreatment = [...preTreatment, ...(variant.preTreatment ?? [])];
            holds = variant.holds ?? holds;
            restartRules = variant.restartAfterDelay ?? restartRules;
            panels = variant.panels ?? panels;
            infusion = variant.continuousInfusion ?? infusion;
            beforeDose = [...beforeDose, ...(variant.beforeDose ?? [])];
        }
        this.beforeDose = beforeDose;
        this.holds = holds;
        this.restartRules = restartRules;
        this.panels = panels;
        this.infusion = infusion;
        this.stepUp = stepUp;
        this.maintenance = maintenance;
        this.cycles = cycles;
        this.supportive = supportive;
        this.preTreatment = preTreatment;
        const ordered = panelDosingOrders(this.panels, this.timeline.all);
        this.doseChanges = ordered.changes;
        this.panelHolds = ordered.holds;
        this.panelPremedications = ordered.premedications;
        this.delays = this.timeline.all.filter((e): e is Extract<TimelineEvent, { type: 'delay' }> => e.type === 'delay');
        const known = new Set([...stepUp, ...maintenance].flatMap((d) => [d.id, d.name]));
        for (const delay of this.delays) {
            if (delay.dose && !known.has(delay.dose)) {
                throw new ScheduleInputError(`the delay on ${delay.date} names dose '${delay.dose}', which the protocol does not have (doses: ${[...known].join(', ')})`);
            }
            if (delay.until < delay.date) throw new ScheduleInputError(`the delay on ${delay.date} ends before it starts (${delay.until})`);
        }
        const triggerLabs = new Set(orderSet.holds.flatMap((h) => conditionObservations(h.trigger)));
        this.holdLabs = orderSet.requiredInputs.map((i) => i.name).filter((name) => triggerLabs.has(name));
    }

    /** A protocol that is not active, or not yet in effect on cycle 1 day 1, is scheduled only with a notice. */
    private notices(): Pick<Schedule, 'notices'> {
        const { protocol } = this.request.orderSet;
        const notices: NonNullable<Schedule['notices']> = [];
        if (protocol.status !== 'active') notices.push({ kind: 'not-active', message: protocolStatusNotice(protocol) });
        if (protocol.effective !== undefined && protocol.effective > this.request.start) {
            notices.push({ kind: 'not-yet-effective', message: notYetEffectiveNotice(protocol.id, protocol.effective, this.request.start) });
        }
        return notices.length > 0 ? { notices } : {};
    }

    private decide(date: string, kind: Decision['kind'], rule: string | undefined, message: string): void {
        this.schedule.decisions.push({ date, kind, ...(rule ? { rule } : {}), message });
    }

    run(): Schedule {
        this.planDoses();
        this.planInfusion();
        this.panelOrders();
        this.supportiveCare();
        this.preTreatments();
        return this.schedule;
    }

    /** The first dose of the course, then each next one, until the horizon, a discontinuation or the end. */
    private planDoses(): void {
        let next: PlannedDose | undefined = this.stepUp[0] ? { id: this.stepUp[0].id, phase: 'step-up', definition: this.stepUp[0] }
            : this.maintenance[0] ? { id: this.maintenance[0].id, phase: 'maintenance', definition: this.maintenance[0] } : undefined;
        // --start is cycle 1 day 1: a step-up dose on day N is planned N - 1 days after it.
        let planned = this.stepUp[0] ? addDays(this.request.start, this.stepUp[0].day - 1) : this.request.start;
        let last: { dose: PlannedDose; date: string } | undefined;
        const countByPhase = new Map<string, number>();
        while (next && planned <= this.request.until && this.schedule.administrations.length < MAX_ADMINISTRATIONS) {
            const nominal = planned;
            planned = this.applyDelays(planned, next.id, nameOf(next));
            const held = this.applyHolds(planned);
            if (held === 'discontinued') {
                this.courseEnded = true;
                return;
            }
            planned = held.day;
            if (planned > this.request.until) return;
            const resumed = held.resumeAt ? this.plannedDose(held.resumeAt) : undefined;
            const repeat = last?.dose.phase === 'step-up' ? this.repeatRuleSince(last.date, planned) : undefined;
            if (last && repeat) {
                // A restart rule for the gap still applies first: restarting lower is never skipped for a repeat.
                const restarted = planned > nominal ? this.applyRestartRules(last, planned) : undefined;
                if (!restarted) this.decide(planned, 'restart', repeat.id, `repeat ${nameOf(last.dose)}, the last dose given, instead of stepping up (${repeat.id})`);
                next = restarted ?? last.dose;
            } else if (resumed) {
                this.decide(planned, 'restart', held.rule, `resume at ${nameOf(resumed)} after the hold (${held.rule})`);
                next = resumed;
            } else if (last && planned > nominal) {
                const restarted = this.applyRestartRules(last, planned);
                if (restarted) next = restarted;
            }
            if (last) this.checkWindow(next, last, planned);
            this.administer(next, planned, last?.date);
            countByPhase.set(next.definition.id, (countByPhase.get(next.definition.id) ?? 0) + 1);
            last = { dose: next, date: planned };
            const following = this.following(next, planned, countByPhase);
            if (!following) {
                this.courseEnded = true;
                return;
            }
            const intervalChange = following.dose.phase === 'maintenance' && next.phase === 'maintenance' ? this.change(planned, 'interval') : undefined;
            next = following.dose;
            planned = addDays(planned, intervalChange?.order.interval ? durationInDays(intervalChange.order.interval) : following.afterDays);
        }
    }

    /** The continuous infusion's periods, when the protocol has one; holds interrupt it. */
    private planInfusion(): void {
        const { orderSet, patient, start, until } = this.request;
        if (!this.infusion) return;
        this.schedule.infusions = infusionCalendar({
            orderSet, infusion: this.infusion, patient, start, until, events: this.timeline.all,
            holdUntil: (day) => {
                const held = this.applyHolds(day);
                return held === 'discontinued' ? held : held.day;
            },
            decide: (date, kind, rule, message) => this.decide(date, kind, rule, message)
        });
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

    /**
     * Returns the day the dose can be given (after any hold) and the dose a hold resumes at, or 'discontinued'. Hold
     * rules and the holds that toxicity panels order ("hold next dose" for a reported grade) both keep the dose back.
     */
    private applyHolds(planned: string): { day: string; resumeAt?: string; rule?: string } | 'discontinued' {
        const holds = this.holds;
        let day = planned;
        let resumeAt: { resumeAt?: string; rule?: string } = {};
        for (;;) {
            const state = this.timeline.stateOn(day);
            const active = holds.filter((h) => this.triggered(h, state, day));
            const ordered = this.panelHoldsOn(day);
            const discontinue = active.find((h) => h.discontinue);
            if (discontinue) {
                this.schedule.holds.push({ rule: discontinue.id, from: day, discontinued: true, orders: this.resolveOrders(discontinue.orders) });
                this.decide(day, 'discontinue', discontinue.id, `treatment discontinued permanently (${discontinue.id})`);
                return 'discontinued';
            }
            const orderedStop = ordered.find((h) => h.discontinue);
            if (orderedStop) {
                this.schedule.holds.push({ rule: orderedStop.order.id, from: orderedStop.from, discontinued: true, orders: [] });
                this.decide(day, 'discontinue', orderedStop.order.id, `treatment discontinued permanently, as ordered for the grade reported on ${orderedStop.from} (${orderedStop.order.id})`);
                return 'discontinued';
            }
            if (active.length === 0 && ordered.length === 0) return { day, ...resumeAt };
            const resuming = active.find((h) => h.resumeAt);
            if (resuming) resumeAt = { resumeAt: resuming.resumeAt, rule: resuming.id };
            const ruleResume = active.length > 0 ? this.resumeDay(active, day) : day;
            for (const hold of active) {
                this.schedule.holds.push({
                    rule: hold.id, from: day, ...(ruleResume ? { to: ruleResume } : {}), discontinued: false, orders: this.resolveOrders(hold.orders)
                });
            }
            for (const hold of ordered) this.schedule.holds.push({ rule: hold.order.id, from: day, ...(hold.until ? { to: hold.until } : {}), discontinued: false, orders: [] });
            const ends = [ruleResume, ...ordered.map((h) => h.until)];
            if (ends.some((end) => end === undefined)) return { day: addDays(this.request.until, 1) };
            day = (ends as string[]).reduce((latest, end) => (end > latest ? end : latest));
        }
    }

    /**
     * The hold rule that resumes by repeating the last dose and whose trigger held on some day after the last dose,
     * up to the day of the next one: the step-up dose is given again instead of the next, higher one.
     */
    private repeatRuleSince(lastDose: string, planned: string): HoldRule | undefined {
        return this.holds.find((h) => h.repeatLastDose && this.triggeredSince(h, lastDose, planned));
    }

    /** Whether a hold's trigger was true on some day after the last dose (before the first dose: any day), up to `date`. */
    private triggeredSince(hold: HoldRule, lastDose: string | undefined, date: string): boolean {
        // '0000-01-01' sorts before any date.
        const days = this.timeline.changeDays(lastDose === undefined ? '0000-01-01' : addDays(lastDose, 1), date);
        return days.some((day) => evaluateCondition(hold.trigger, this.timeline.stateOn(day)) === true);
    }

    /** The holds and discontinuations toxicity panels ordered that apply on a day: reported on or before it, not yet resolved. */
    private panelHoldsOn(day: string): PanelHold[] {
        return this.panelHolds.filter((h) => h.from <= day && (h.discontinue || h.until === undefined || day < h.until));
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
        const rules = this.restartRules.filter((r) => r.lastDose === last.dose.definition.id || r.lastDose === lastName);
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
        this.decide(planned, 'restart', rule.id, `${gap} days since ${last.dose.id}: restart from ${targetId} (${rule.id})`);
        return this.plannedDose(targetId);
    }

    /** The step-up dose or maintenance phase a rule names; a rule written for the base doses applies to a variant's doses of the same name. */
    private plannedDose(targetId: string): PlannedDose | undefined {
        const base = [...this.request.orderSet.stepUp, ...this.request.orderSet.maintenance];
        const targetName = base.find((d) => d.id === targetId)?.name ?? targetId;
        const find = <T extends StepUpDose | MaintenancePhase>(doses: T[]) => doses.find((d) => d.id === targetId) ?? doses.find((d) => d.name === targetName);
        const step = find(this.stepUp);
        if (step) return { id: step.id, phase: 'step-up', definition: step };
        const phase = find(this.maintenance);
        return phase ? { id: phase.id, phase: 'maintenance', definition: phase } : undefined;
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

    private administer(dose: PlannedDose, date: string, lastDose: string | undefined): void {
        const definition = dose.definition;
        const premedSet = definition.premedication ? this.request.orderSet.premedication.find((p) => p.id === definition.premedication) : undefined;
        const ordered = this.premedicationOrderedSince(lastDose, date).filter((set) => set !== premedSet);
        const monitoring = definition.monitoring;
        const infusion = this.infusionTime(definition, date);
        const doseChange = dose.phase === 'step-up' ? undefined : this.change(date, 'dose');
        const watch = monitoring?.watch ? { watch: monitoring.watch } : {};
        const first = this.schedule.administrations.length === 0;
        const beforeDose = this.beforeDose
            .filter((item) => item.moment === 'each-dose' || first)
            .map((item) => resolveOrder(item.order, this.request.patient));
        this.schedule.administrations.push({
            date,
            dose: dose.id,
            name: nameOf(dose),
            phase: dose.phase,
            ...(dose.cycle ? { cycle: dose.cycle } : {}),
            amount: computeDose(doseChange?.order.dose ?? definition.dose, this.request.patient),
            route: definition.route,
            premedication: resolvePremedication([...(premedSet?.orders ?? []), ...ordered.flatMap((set) => set.orders)], this.request.patient),
            ...(premedSet?.afterDose ? {
                afterDose: premedSet.afterDose.map((order) => ({
                    // Every detail: the schedule has no field of its own for the infusion time of an order after the dose.
                    id: order.id, text: orderText(order), amount: computeDose(order.dose, this.request.patient)
                }))
            } : {}),
            ...(monitoring ? {
                monitoring: monitoring.setting === 'inpatient'
                    ? { setting: 'inpatient', hours: durationInHours(monitoring.duration), until: addDays(date, Math.ceil(durationInDays(monitoring.duration))), ...watch }
                    : { setting: 'outpatient', ...(monitoring.observe ? { observe: monitoring.observe } : {}), ...(monitoring.note ? { note: monitoring.note } : {}), ...watch }
            } : {}),
            ...(infusion ? { infusionHours: durationInHours(infusion) } : {}),
            ...(beforeDose.length > 0 ? { beforeDose } : {}),
            ...this.labsToVerify(date),
            ...(doseChange ? { doseChange: doseChange.order.id } : {})
        });
    }

    /**
     * The premedication sets that a `premedicate SET before next dose` order asks for since the previous dose: a panel's
     * standing order for a grade reported after the previous dose (for the first dose: on or before it), or a hold
     * rule's side order whose trigger held on some day in that time.
     */
    private premedicationOrderedSince(lastDose: string | undefined, date: string): PremedicationSet[] {
        const fromPanels = this.panelPremedications
            .filter(({ from }) => (lastDose === undefined || from > lastDose) && from <= date)
            .map(({ order }) => premedicationOrdered(order));
        const fromHolds = this.holds
            .filter((h) => h.orders.some((o) => premedicationOrdered(o) !== undefined) && this.triggeredSince(h, lastDose, date))
            .flatMap((h) => h.orders.map(premedicationOrdered));
        const ids = new Set([...fromPanels, ...fromHolds]);
        return this.request.orderSet.premedication.filter((set) => ids.has(set.id));
    }

    /** The hold labs with no result since the previous dose (for the first dose: in the days just before it). */
    private labsToVerify(date: string): Pick<Administration, 'verify'> {
        const previous = this.schedule.administrations[this.schedule.administrations.length - 1]?.date;
        const from = previous ? addDays(previous, 1) : addDays(date, -FIRST_DOSE_LAB_LOOKBACK_DAYS);
        const verify = this.holdLabs.filter((lab) => !this.timeline.hasResult(lab, from, date));
        return verify.length > 0 ? { verify } : {};
    }

    /** The panel's dose or interval change in effect on a day, recorded as a decision the first time it applies. */
    private change(date: string, what: 'dose' | 'interval'): DoseChange | undefined {
        const change = changeInEffect(this.doseChanges, date, what);
        if (change && !this.appliedChanges.has(change)) {
            this.appliedChanges.add(change);
            this.decide(date, 'dose-change', change.order.id, `${orderText(change.order)} (ordered ${change.from}${change.until ? `, resolved ${change.until}` : ''})`);
        }
        return change;
    }

    /** The infusion time of a dose: the shorter one when the dose has one and no CRS was reported since the previous dose. */
    private infusionTime(definition: PlannedDose['definition'], date: string): Duration | undefined {
        const previous = this.schedule.administrations[this.schedule.administrations.length - 1];
        if (!definition.infusionDurationWithoutCrs || !previous) return definition.infusionDuration;
        const crs = this.timeline.all.some((e) => e.type === 'toxicity' && e.toxicity === 'crs' && e.grade >= 1 && e.date >= previous.date && e.date <= date);
        return crs ? definition.infusionDuration : definition.infusionDurationWithoutCrs;
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
        const rule = decision && this.restartRules.find((r) => r.id === decision.rule);
        return rule?.action.type === 'restart-from' && rule.action.nextAfter ? durationInDays(rule.action.nextAfter) : undefined;
    }

    private nextMaintenance(phase: MaintenancePhase, date: string, counts: Map<string, number>): { dose: PlannedDose; afterDays: number } | undefined {
        const index = this.maintenance.findIndex((p) => p.id === phase.id);
        const candidate = this.maintenance[index + 1];
        const exhausted = (phase.doseCount !== undefined && (counts.get(phase.id) ?? 0) >= phase.doseCount)
            || (phase.throughWeek !== undefined && this.weekOfCourse(date) >= phase.throughWeek);
        // A used-up phase gives no further dose: the next phase follows, or the course ends.
        if (exhausted) return candidate ? this.afterUsedUpPhase(phase, candidate, date, counts) : undefined;
        if (candidate?.when || candidate?.progress) {
            // The new phase starts with the dose that would have been the current phase's next one,
            // once that day is in the phase's starting week and its condition holds on the last dose day.
            const afterDays = durationInDays(phase.interval);
            const nextDay = addDays(date, afterDays);
            const nextWeek = this.weekOfCourse(nextDay);
            const weekReached = candidate.fromWeek === undefined || nextWeek >= candidate.fromWeek;
            const condition = candidate.when ? evaluateCondition(candidate.when, this.timeline.stateOn(date)) : true;
            const progressReached = (candidate.progress ?? []).every((p) => this.progressReached(p, nextDay, counts));
            if (weekReached && progressReached && condition === true) {
                this.decide(nextDay, 'transition', candidate.id, `from ${phase.id} to ${candidate.id} (week ${nextWeek}), then every ${durationInDays(candidate.interval)} days`);
                return { dose: { id: candidate.id, phase: 'maintenance', definition: candidate }, afterDays };
            }
        }
        return { dose: { id: phase.id, phase: 'maintenance', definition: phase }, afterDays: durationInDays(phase.interval) };
    }

    /**
     * The first dose of the phase after a used-up one (`for N doses`, `through week`): on the used-up phase's rhythm when it
     * gave more than one dose (its next dose is due then, as "weekly for 10 doses, then every 2 weeks" gives week 14 after
     * week 13), else the next phase's own interval after that single dose; never before its `from week`. When its `when`
     * condition does not hold on that day, the course ends there with a decision saying why.
     */
    private afterUsedUpPhase(phase: MaintenancePhase, candidate: MaintenancePhase, date: string, counts: Map<string, number>): { dose: PlannedDose; afterDays: number } | undefined {
        const rhythm = (counts.get(phase.id) ?? 0) > 1 ? phase.interval : candidate.interval;
        let day = addDays(date, durationInDays(rhythm));
        if (candidate.fromWeek !== undefined && this.weekOfCourse(day) < candidate.fromWeek) day = addDays(this.request.start, (candidate.fromWeek - 1) * 7);
        const condition = candidate.when ? evaluateCondition(candidate.when, this.timeline.stateOn(day)) : true;
        if (condition !== true) {
            if (day > this.request.until) return undefined;
            this.decide(day, 'transition', candidate.id, `${phase.id} is complete; ${candidate.id} needs ${conditionText(candidate.when!)}, ${condition === 'unknown' ? 'not reported' : 'not met'} on ${day}: no further dose is scheduled`);
            return undefined;
        }
        this.decide(day, 'transition', candidate.id, `${phase.id} is complete: ${candidate.id} from week ${this.weekOfCourse(day)}, every ${durationInDays(candidate.interval)} days`);
        return { dose: { id: candidate.id, phase: 'maintenance', definition: candidate }, afterDays: daysBetween(date, day) };
    }

    /** The week of the course a day falls in; week 1 begins on cycle 1 day 1. */
    private weekOfCourse(day: string): number {
        return Math.floor(daysBetween(this.request.start, day) / 7) + 1;
    }


    /** Whether the doses given (or the time since the first dose) of the named doses and phases reach `progress` by `day`. */
    private progressReached(progress: PhaseProgress, day: string, counts: Map<string, number>): boolean {
        if (progress.doses !== undefined && progress.of.reduce((sum, id) => sum + (counts.get(id) ?? 0), 0) < progress.doses) return false;
        if (progress.time) {
            const first = this.schedule.administrations.find((a) => progress.of.includes(a.dose));
            if (!first || daysBetween(first.date, day) < durationInDays(progress.time)) return false;
        }
        return true;
    }

    /** The rule for a cycle due on `due`; a conditional rule applies if its condition holds when its first cycle is due. */
    private cycleRule(cycle: number, due: string): CycleRule | undefined {
        const schedule = this.cycles;
        if (!schedule || (schedule.maxCycles !== undefined && cycle > schedule.maxCycles)) return undefined;
        return schedule.rules.find((r) => r.firstCycle <= cycle && (r.lastCycle === undefined || cycle <= r.lastCycle)
            && (!r.when || this.conditionalRuleApplies(r, cycle, due)));
    }

    private conditionalRuleApplies(rule: CycleRule, cycle: number, due: string): boolean {
        const decided = this.cycleRuleApplies.get(rule.id);
        if (decided !== undefined) return decided;
        const truth = evaluateCondition(rule.when!, this.timeline.stateOn(due));
        const range = cycleRangeText(rule);
        if (truth === 'unknown') {
            this.decide(due, 'unknown-condition', rule.id, `cannot evaluate the condition of cycles ${range} on ${due} (${conditionText(rule.when!)}): a value it needs has not been reported; cycle ${cycle} is not given`);
        } else {
            this.decide(due, 'transition', rule.id, truth
                ? `cycles ${range} apply from cycle ${cycle}: ${conditionText(rule.when!)}`
                : `cycles ${range} do not apply: not ${conditionText(rule.when!)} when cycle ${cycle} is due`);
        }
        this.cycleRuleApplies.set(rule.id, truth === true);
        return truth === true;
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
            const rule = this.cycleRule(cycle, start);
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
            const panel = panelFor(this.panels, event.toxicity);
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
                // "N after the last dose" ends only once the last dose is known: not while the course goes on past the horizon.
                const end = item.continueAfterLastDose && this.courseEnded ? addDays(lastDose, durationInDays(item.continueAfterLastDose)) : undefined;
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
            const text = phase.orders.map((o) => orderText(o.order, { details: 'instructions' })).join('; ');
            if (phase.day !== undefined) {
                // Given on one treatment day: day 1 is the start date (cycle 1 day 1).
                const date = addDays(this.request.start, phase.day - 1);
                this.schedule.preTreatment.push({ id: phase.id, text, notBefore: date, completeBy: date });
                continue;
            }
            const anchor = this.firstAdministrationOf(phase.before)?.date ?? this.request.start;
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

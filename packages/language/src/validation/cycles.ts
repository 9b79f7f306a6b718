// Cycle schedules against the agent's labeled cycle plans: cycle length, number of cycles, dose days and doses per cycle.
import type { ValidationAcceptor } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import type { AgentReference, CyclePlanReference } from '../knowledge/reference.js';
import { daysOf, numberOf } from './clinical-values.js';
import { agentOf } from './agent-identity.js';
import { Codes, diagnostic } from './codes.js';
import { severityByHarm, unconfirmedNote } from './harm.js';
import { reportDoseDifference } from './reference.js';

type CycleDoseReference = CyclePlanReference['cycleDoses'][number];

function covers(range: { from: number; to?: number }, cycle: number): boolean {
    return cycle >= range.from && (range.to === undefined || cycle <= range.to);
}

/** The agent's own doses (not another drug's, such as obinutuzumab) a plan gives in `cycle`. */
function agentDosesIn(plan: CyclePlanReference, cycle: number): CycleDoseReference[] {
    return plan.cycleDoses.filter((d) => d.drug === undefined && covers(d.cycles, cycle));
}

/** The day a labeled dose is given on, or a continuous infusion starts on. */
function daysOfDose(dose: CycleDoseReference): number[] {
    return dose.days ?? (dose.infusedDays ? [dose.infusedDays.from] : []);
}

/** The labeled dose of the agent on `day` of `cycle`, from the first plan that applies to that cycle and gives one. */
export function labelCycleDose(reference: AgentReference, cycle: number, day: number): { plan: CyclePlanReference; dose: CycleDoseReference } | undefined {
    for (const plan of plansFor(reference, cycle)) {
        const dose = agentDosesIn(plan, cycle).find((d) => daysOfDose(d).includes(day));
        if (dose) return { plan, dose };
    }
    return undefined;
}

/** The last cycle a rule covers: its own number, the end of its range, or no end (`onward`). */
function lastCycleOf(rule: ast.CycleRule): number | undefined {
    if (rule.onward) return Number.POSITIVE_INFINITY;
    return numberOf(rule.last) ?? numberOf(rule.first);
}

/** The plans that apply to `cycle`, those giving the agent doses in it first. */
function plansFor(reference: AgentReference, cycle: number): CyclePlanReference[] {
    return (reference.cyclePlans ?? []).filter((p) => (!p.appliesToCycles || covers(p.appliesToCycles, cycle)) && agentDosesIn(p, cycle).length > 0);
}

/**
 * A cycle schedule against the labeled cycle plans of its agent (agents.json `cyclePlans`). Each rule is compared in its
 * first cycle and wherever the label changes inside its range: days the label does not give are an error (more often),
 * label days left out a warning, the dose as a step-up dose is (`reference/dose-differs`). A cycle shorter than the
 * label's is an error, longer a warning; more cycles than the label allows an error.
 */
export function checkCyclesAgainstReference(schedule: ast.CycleSchedule, accept: ValidationAcceptor): void {
    const reference = agentOf(schedule)?.reference;
    if (!reference?.cyclePlans) return;
    const label = `the ${reference.brand} label`;
    for (const rule of schedule.rules) checkCycleRule(rule, reference, label, accept);
    checkCycleLength(schedule, reference, label, accept);
    checkCycleCount(schedule, reference, label, accept);
}

function checkCycleRule(rule: ast.CycleRule, reference: AgentReference, label: string, accept: ValidationAcceptor): void {
    const first = numberOf(rule.first);
    const last = lastCycleOf(rule);
    const written = rule.days.map(numberOf).filter((d): d is number => d !== undefined);
    if (first === undefined || last === undefined || written.length === 0) return;
    const starts = new Set([first, ...(reference.cyclePlans ?? []).flatMap((p) => p.cycleDoses.map((d) => d.cycles.from)).filter((c) => c > first && c <= last)]);
    const name = rule.last !== undefined || rule.onward ? `Cycles ${rule.first}${rule.onward ? ' onward' : ` to ${rule.last}`}` : `Cycle ${rule.first}`;
    let reportedDays = false;
    let reportedDose = false;
    for (const cycle of [...starts].sort((a, b) => a - b)) {
        const plan = plansFor(reference, cycle)[0];
        if (!plan) continue;
        const doses = agentDosesIn(plan, cycle);
        const labelDays = [...new Set(doses.flatMap(daysOfDose))].sort((a, b) => a - b);
        const extra = written.filter((d) => !labelDays.includes(d));
        const missing = labelDays.filter((d) => !written.includes(d));
        const cited = `(source: ${plan.source})${unconfirmedNote(plan.confirmed)}`;
        if (!reportedDays && (extra.length > 0 || missing.length > 0)) {
            reportedDays = true;
            const what = extra.length > 0 ? `doses on day ${extra.join(', ')}, which the label does not give in cycle ${cycle}` : `leaves out day ${missing.join(', ')} of cycle ${cycle}`;
            accept(severityByHarm(extra.length > 0, plan.confirmed), `${name} ${what}: ${label} (${plan.name}) gives the agent on day${labelDays.length > 1 ? 's' : ''} ${labelDays.join(', ')} of cycle ${cycle} ${cited}.`, {
                node: rule, property: 'days', ...diagnostic(Codes.referenceCycleDaysDiffer)
            });
        }
        for (const day of written) {
            const dose = doses.find((d) => daysOfDose(d).includes(day));
            if (!dose || reportedDose) continue;
            reportedDose = reportDoseDifference(rule, name, dose, `${label} (${plan.name}) gives`, `on day ${day} of cycle ${cycle}`, plan, accept);
        }
    }
}

function checkCycleLength(schedule: ast.CycleSchedule, reference: AgentReference, label: string, accept: ValidationAcceptor): void {
    const length = daysOf(numberOf(schedule.length?.value), schedule.length?.unit);
    const firstCycle = numberOf(schedule.rules[0]?.first) ?? 2;
    const plan = plansFor(reference, firstCycle).find((p) => p.cycleLength) ?? (reference.cyclePlans ?? []).find((p) => p.cycleLength);
    if (length === undefined || !plan?.cycleLength || length === plan.cycleLength.value) return;
    const shorter = length < plan.cycleLength.value;
    accept(severityByHarm(shorter, plan.confirmed), `Cycles of ${schedule.length.value} ${schedule.length.unit} are ${shorter ? 'shorter than' : 'longer than'} the ${plan.cycleLength.value}-day cycles of ${label} (${plan.name})${shorter ? ': every dose comes sooner' : ''} (source: ${plan.source})${unconfirmedNote(plan.confirmed)}.`, {
        node: schedule, property: 'length', ...diagnostic(Codes.referenceCycleLengthDiffers)
    });
}

/** More cycles than the label allows (its `maxCycles`, the largest of its response-dependent counts) is an error. */
function checkCycleCount(schedule: ast.CycleSchedule, reference: AgentReference, label: string, accept: ValidationAcceptor): void {
    const limits = (reference.cyclePlans ?? []).flatMap((p) => [
        ...(p.maxCycles === undefined ? [] : [{ max: p.maxCycles, source: p.source, confirmed: p.confirmed }]),
        ...(p.conditionalCycles ?? []).map((c) => ({ max: c.maxCycles, source: c.source, confirmed: c.confirmed }))
    ]);
    if (limits.length === 0) return;
    const allowed = limits.reduce((a, b) => (b.max > a.max ? b : a));
    const written = numberOf(schedule.maxCycles);
    const ruleLasts = schedule.rules.map(lastCycleOf).filter((c): c is number => c !== undefined);
    const planned = written ?? (ruleLasts.length > 0 ? Math.max(...ruleLasts) : undefined);
    if (planned === undefined || planned <= allowed.max) return;
    const how = written !== undefined ? `at most ${written} cycles` : planned === Number.POSITIVE_INFINITY ? 'cycles without end (no max)' : `${planned} cycles`;
    accept(severityByHarm(true, allowed.confirmed), `This schedule gives ${how}: ${label} gives at most ${allowed.max} cycles (source: ${allowed.source})${unconfirmedNote(allowed.confirmed)}.`, {
        node: schedule, property: written !== undefined ? 'maxCycles' : 'length', ...diagnostic(Codes.referenceCycleCountDiffers)
    });
}

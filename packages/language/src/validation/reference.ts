// Checks a protocol against the labeled reference of its agent: step-up doses, days, windows, route, dose basis and
// premedication; severity by the direction of harm (validation/harm.ts).
import { AstUtils, type ValidationAcceptor } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import {
    closestSchedule, type AgentReference, type StepReference, type StepUpScheduleReference
} from '../knowledge/reference.js';
import {
    convertTo, daysOf, doseValueOf, formatNumber, numberOf, quantityOf, type DoseValue
} from './clinical-values.js';
import { ROUTE_OF_SPELLING, routeRisk } from '../vocabulary/routes.js';
import { equalWithinTolerance } from '../vocabulary/tolerance.js';
import { agentOf, agentReferenceOf } from './agent-identity.js';
import { Codes, diagnostic } from './codes.js';
import { isTenFold, severityByHarm, unconfirmedNote, type HarmSeverity } from './harm.js';

/** How far a protocol dose is from a reference step: 0 equal, 1 different value, 2 different kind of unit. */
function distance(dose: ast.StepUpDose, step: StepReference): number {
    const written = doseValueOf(dose.amount);
    const label = quantityOf(step.value, step.unit);
    if (!written || !label) return 0;
    const converted = convertTo(written, label);
    return converted === undefined ? 2 : equalWithinTolerance(converted, label.value) ? 0 : 1;
}

/** The reference schedule a step-up block is compared with, dose by dose in sequence (knowledge/reference.ts closestSchedule). */
export function matchingSchedule(stepUp: ast.StepUp, reference: AgentReference): StepUpScheduleReference {
    return closestSchedule(reference, stepUp.doses, distance);
}

const KIND_NAMES: Readonly<Record<DoseValue['kind'], string>> = {
    'per-kg': 'a dose per kg of body weight', 'per-m2': 'a dose per m2 of body surface area', flat: 'a flat dose'
};

function shown(dose: DoseValue): string {
    return `${formatNumber(dose.value)} ${dose.unit}`;
}

/** Step-up doses compared with the label, matched by sequence. */
export function checkStepUpAgainstReference(stepUp: ast.StepUp, accept: ValidationAcceptor): void {
    const agent = agentOf(stepUp);
    if (!agent) return;
    const { reference } = agent;
    const schedule = matchingSchedule(stepUp, reference);
    const label = `the ${reference.brand} label (${schedule.name} schedule)`;
    stepUp.doses.forEach((dose, index) => {
        const step = schedule.steps[index];
        if (!step) return;
        checkDose(dose, step, label, schedule, accept);
        checkDay(dose, step, stepUp.doses[index - 1], label, schedule, accept);
        checkWindow(dose, step, label, schedule, accept);
        checkCap(dose, step, label, schedule, accept);
    });
}

/** A cap written as `max 9 mcg per dose` or `max 9 mcg/day per 1 day` in the unit of the label's cap; undefined if not comparable. */
function capValue(limit: ast.DoseLimit, cap: { value: number; unit: string }): number | undefined {
    const value = numberOf(limit.perDose?.value);
    if (value === undefined || limit.perDose?.unit === undefined) return undefined;
    const expected = quantityOf(cap.value, cap.unit);
    const perDay = cap.unit.endsWith('/day') ? quantityOf(cap.value, cap.unit.slice(0, -'/day'.length)) : undefined;
    const written = quantityOf(value, limit.perDose.unit);
    if (!written || !expected) return undefined;
    const direct = convertTo(written, expected);
    if (direct !== undefined) return direct;
    return perDay ? convertTo(written, perDay) : undefined;
}

/**
 * A BSA- or weight-based dose whose label caps it (blinatumomab under 45 kg: 5 mcg/m2/day, at most 9 mcg/day) needs the
 * cap: none, or a higher one, is an error (a missing safeguard; information where the schedule is unconfirmed).
 */
function checkCap(dose: ast.StepUpDose, step: StepReference, label: string, schedule: StepUpScheduleReference, accept: ValidationAcceptor): void {
    const written = doseValueOf(dose.amount);
    if (!step.cap || !written || written.kind === 'flat') return;
    const caps = dose.limits.map((limit) => capValue(limit, step.cap!)).filter((v): v is number => v !== undefined);
    if (caps.some((cap) => cap < step.cap!.value || equalWithinTolerance(cap, step.cap!.value))) return;
    const expected = `${formatNumber(step.cap.value)} ${step.cap.unit}`;
    const found = caps.length === 0 ? 'has no cap' : `is capped above the label (${formatNumber(Math.min(...caps))} ${step.cap.unit})`;
    accept(severityByHarm(true, schedule.confirmed), `${dose.name ?? 'This dose'} (${shown(written)}) ${found}: ${label} caps ${step.label} at ${expected} (source: ${schedule.source})${unconfirmedNote(schedule.confirmed)}. Add 'max ${expected} per dose'.`, {
        node: dose, property: caps.length === 0 ? 'amount' : 'limits', ...diagnostic(Codes.referenceCapMissing, { expected })
    });
}

function checkDose(dose: ast.StepUpDose, step: StepReference, label: string, schedule: StepUpScheduleReference, accept: ValidationAcceptor): void {
    reportDoseDifference(dose, dose.name ?? 'This dose', step, `${label} gives`, `for ${step.label}`, schedule, accept);
}

/**
 * Reports a written dose (of a step-up dose, maintenance phase or cycle rule) that differs from a reference value by the
 * direction of harm: more drug is an error, less a warning; a 10-fold difference either way or another kind of dose
 * (mg vs mg/kg) is a grave error, even against an unconfirmed reference, and no suppression comment silences it.
 * Returns whether it reported.
 */
export function reportDoseDifference(
    node: ast.StepUpDose | ast.MaintenancePhase | ast.CycleRule, name: string, reference: { value: number; unit: string }, gives: string,
    context: string, entry: { source: string; confirmed: boolean }, accept: ValidationAcceptor
): boolean {
    const written = doseValueOf(node.amount);
    const expected = quantityOf(reference.value, reference.unit);
    if (!written || !expected) return false;
    const converted = convertTo(written, expected);
    if (converted !== undefined && equalWithinTolerance(converted, expected.value)) return false;
    const ratio = converted === undefined ? undefined : converted / expected.value;
    const grave = ratio === undefined || isTenFold(ratio);
    const severity = severityByHarm(ratio === undefined || ratio > 1, entry.confirmed, grave);
    const why = ratio === undefined ? `${KIND_NAMES[written.kind]} where the label gives ${KIND_NAMES[expected.kind]}`
        : grave ? `${formatNumber(ratio)} times the label dose` : ratio > 1 ? 'more than the label dose' : 'less than the label dose';
    accept(severity, `${name} is ${shown(written)}, ${why}: ${gives} ${shown(expected)} ${context} (source: ${entry.source})${unconfirmedNote(entry.confirmed)}.`, {
        node, property: 'amount', ...diagnostic(Codes.referenceDoseDiffers, { expected: `${formatNumber(reference.value)} ${reference.unit}`, ...(grave ? { grave } : {}) })
    });
    return true;
}

/**
 * A maintenance phase against the label's maintenance doses: its interval must be one the label gives
 * (`reference/frequency-differs`), and its dose the label's dose at that interval.
 */
export function checkMaintenanceAgainstReference(phase: ast.MaintenancePhase, accept: ValidationAcceptor): void {
    const agent = agentOf(phase);
    const interval = daysOf(numberOf(phase.interval?.value), phase.interval?.unit);
    if (!agent || interval === undefined) return;
    const { reference } = agent;
    const entries = reference.maintenance.filter((m) => m.value !== undefined && m.unit !== undefined && m.every !== undefined);
    if (entries.length === 0) return;
    const atInterval = entries.filter((m) => daysOf(m.every!.value, m.every!.unit) === interval);
    if (atInterval.length === 0) {
        const given = entries.map((m) => m.description).join('; ');
        const confirmed = entries.every((m) => m.confirmed);
        // More often than the label gives this dose (or any dose, when the label never gives this one) is the harmful way.
        const written = doseValueOf(phase.amount);
        const sameDose = entries.filter((m) => {
            const expected = quantityOf(m.value!, m.unit!);
            const converted = written && expected ? convertTo(written, expected) : undefined;
            return converted !== undefined && equalWithinTolerance(converted, m.value!);
        });
        const shortest = Math.min(...(sameDose.length > 0 ? sameDose : entries).map((m) => daysOf(m.every!.value, m.every!.unit)!));
        const moreOften = interval < shortest;
        const direction = moreOften ? 'more often than' : 'less often than or between the intervals of';
        accept(severityByHarm(moreOften, confirmed), `${phase.name ?? 'This phase'} is every ${phase.interval.value} ${phase.interval.unit}, ${direction} the ${reference.brand} label, which gives ${given} (source: ${entries[0].source})${unconfirmedNote(confirmed)}.`, {
            node: phase, property: 'interval', ...diagnostic(Codes.referenceFrequencyDiffers)
        });
        return;
    }
    const written = doseValueOf(phase.amount);
    const matches = (m: (typeof entries)[number]) => {
        const expected = quantityOf(m.value!, m.unit!);
        const converted = written && expected ? convertTo(written, expected) : undefined;
        return converted !== undefined && equalWithinTolerance(converted, m.value!);
    };
    if (!written || atInterval.some(matches)) return;
    const closest = atInterval[0];
    reportDoseDifference(phase, phase.name ?? 'This phase', { value: closest.value!, unit: closest.unit! }, `the ${reference.brand} label gives`, `(${closest.description})`, closest, accept);
}

/**
 * A day other than the label's is reported unless the label gives a window after the previous dose and the
 * protocol's interval lies inside it (outpatient days 1, 3, 5 of Jadot et al. 2026 within 2-7 days).
 */
function checkDay(dose: ast.StepUpDose, step: StepReference, previous: ast.StepUpDose | undefined, label: string, schedule: StepUpScheduleReference, accept: ValidationAcceptor): void {
    const day = numberOf(dose.day);
    if (day === undefined || step.day === undefined || day === step.day) return;
    const previousDay = numberOf(previous?.day);
    if (step.window && previousDay !== undefined) {
        const interval = day - previousDay;
        const min = daysOf(step.window.min, step.window.unit);
        const max = daysOf(step.window.max, step.window.unit);
        if (min !== undefined && max !== undefined && interval >= min && interval <= max) return;
    }
    const allowed = step.window ? `, or ${step.window.min} to ${step.window.max} ${step.window.unit} after the previous dose` : '';
    const sooner = step.window && previousDay !== undefined ? day - previousDay < daysOf(step.window.min, step.window.unit)! : day < step.day;
    accept(severityByHarm(sooner, schedule.confirmed), `${dose.name ?? 'This dose'} is on day ${day}, ${sooner ? 'earlier' : 'later'} than the label: ${label} gives day ${step.day} for ${step.label}${allowed} (source: ${schedule.source})${unconfirmedNote(schedule.confirmed)}.`, {
        node: dose, property: 'day', ...diagnostic(Codes.referenceDayDiffers, { expected: step.day })
    });
}

function checkWindow(dose: ast.StepUpDose, step: StepReference, label: string, schedule: StepUpScheduleReference, accept: ValidationAcceptor): void {
    const window = dose.windows[0];
    if (!window || !step.window) return;
    const min = daysOf(numberOf(window.min), window.unit);
    const max = daysOf(numberOf(window.max), window.unit);
    if (min === undefined || max === undefined) return;
    const expectedMin = daysOf(step.window.min, step.window.unit);
    const expectedMax = daysOf(step.window.max, step.window.unit);
    if (min === expectedMin && max === expectedMax) return;
    const sooner = expectedMin !== undefined && min < expectedMin;
    accept(severityByHarm(sooner, schedule.confirmed), `The window of ${dose.name ?? 'this dose'} is ${window.min} to ${window.max} ${window.unit}${sooner ? ', allowing the dose sooner than the label' : ''}: ${label} gives ${step.window.min} to ${step.window.max} ${step.window.unit} after the previous dose for ${step.label} (source: ${schedule.source})${unconfirmedNote(schedule.confirmed)}.`, {
        node: window, ...diagnostic(Codes.referenceWindowDiffers)
    });
}

/** A dose basis as the kind of dose it gives: per kg of a body weight, per m2, or flat. */
function basisKind(basis: string): 'weight' | 'surface' | 'flat' {
    return basis === 'flat' ? 'flat' : basis === 'body-surface-area' ? 'surface' : 'weight';
}

/**
 * The agent's route and dose basis against the label. A route that delivers the drug faster than the label's (IV for
 * subcut) is an error, another route a warning; a dose basis of another kind (weight-based for a flat dose) is a grave
 * error, another weight (ideal for actual) a warning. `SC`/`SQ` mean subcut (flagged as spellings elsewhere).
 */
export function checkAgentAgainstReference(agent: ast.Agent, accept: ValidationAcceptor): void {
    const reference = agentReferenceOf(agent);
    if (!reference) return;
    if (agent.route !== undefined && ROUTE_OF_SPELLING[agent.route as keyof typeof ROUTE_OF_SPELLING] !== ROUTE_OF_SPELLING[reference.route]) {
        const riskier = routeRisk(agent.route as keyof typeof ROUTE_OF_SPELLING) > routeRisk(reference.route);
        accept(severityByHarm(riskier, reference.confirmed), `${reference.brand} (${reference.name}) is given ${reference.route}, not ${agent.route}${riskier ? `, which delivers the drug faster than ${reference.route}` : ''} (source: ${reference.source})${unconfirmedNote(reference.confirmed)}.`, {
            node: agent, property: 'route', ...diagnostic(Codes.referenceRouteDiffers, { expected: reference.route })
        });
    }
    if (agent.basis !== undefined && !reference.doseBasis.includes(agent.basis as AgentReference['doseBasis'][number])) {
        const grave = !reference.doseBasis.some((basis) => basisKind(basis) === basisKind(agent.basis!));
        accept(severityByHarm(grave, reference.confirmed, grave), `${reference.brand} (${reference.name}) is dosed on ${reference.doseBasis.join(' or ')}, not ${agent.basis}${grave ? ': another kind of dose, which gives a different amount to every patient' : ''} (source: ${reference.source})${unconfirmedNote(reference.confirmed)}.`, {
            node: agent, property: 'basis', ...diagnostic(Codes.referenceDoseBasisDiffers, grave ? { grave } : {})
        });
    }
}

type PremedicationOrderReference = NonNullable<AgentReference['premedication']>['orders'][number];

/** The written amount of an order (a range `a to b` as both ends) in the unit of `unit`; undefined if not comparable. */
function writtenRange(amount: ast.DoseAmount, unit: string): [number, number] | undefined {
    const low = numberOf(amount.value);
    const high = amount.upper === undefined ? low : numberOf(amount.upper);
    if (low === undefined || high === undefined || amount.unit === undefined || amount.second !== undefined) return undefined;
    const target = quantityOf(1, unit);
    const from = quantityOf(low, amount.unit);
    const to = quantityOf(high, amount.unit);
    if (!target || !from || !to) return undefined;
    const converted = [convertTo(from, target), convertTo(to, target)];
    return converted[0] === undefined || converted[1] === undefined ? undefined : [converted[0], converted[1]];
}

function within(value: number, low: number, high: number): boolean {
    return (value > low || equalWithinTolerance(value, low)) && (value < high || equalWithinTolerance(value, high));
}

function labelDose(order: PremedicationOrderReference): string {
    return `${formatNumber(order.value)}${order.upper === undefined ? '' : ` to ${formatNumber(order.upper)}`} ${order.unit}`;
}

/**
 * The premedication sets used by the step-up doses (of the protocol and its variants) against the label's orders,
 * by drug name, with the label value and source: a label drug missing from a set (a missing safeguard) or a dose above
 * the label's range is an error, a dose below it a warning, a 10-fold or unit-kind difference a grave error; information
 * where the label order is unconfirmed (unless grave). Drugs the label does not name are not reported: institutions add some.
 */
export function checkPremedicationAgainstReference(protocol: ast.Protocol, accept: ValidationAcceptor): void {
    const reference = agentReferenceOf(protocol.members.find(ast.isAgent));
    const premedication = reference?.premedication;
    if (!reference || !premedication) return;
    const document = AstUtils.getDocument(protocol);
    const stepUps = [
        ...protocol.members.filter(ast.isStepUp),
        ...protocol.members.filter(ast.isVariant).flatMap((variant) => variant.members.filter(ast.isStepUp))
    ];
    // Each set once, with the first dose that uses it (where a set from another document is reported).
    const sets = new Map<ast.PremedicationSet, { dose: ast.StepUpDose; index: number }>();
    for (const dose of stepUps.flatMap((stepUp) => stepUp.doses)) {
        dose.premedications.forEach((premedicate, index) => {
            const set = premedicate.ref;
            if (set && !sets.has(set)) sets.set(set, { dose, index });
        });
    }
    for (const [set, use] of sets) {
        const local = AstUtils.getDocument(set) === document;
        const report = (severity: HarmSeverity, message: string, node: ast.PremedicationSet | ast.MedicationOrder, property: 'name' | 'amount', order: PremedicationOrderReference, grave = false) => {
            const finding = diagnostic(Codes.referencePremedicationDiffers, { drug: order.drug, expected: labelDose(order), ...(grave ? { grave } : {}) });
            if (local) accept(severity, message, { node, property, ...finding });
            else accept(severity, message, { node: use.dose, property: 'premedications', index: use.index, ...finding });
        };
        for (const order of premedication.orders) {
            const written = set.orders.find((o) => o.order.drug?.toLowerCase() === order.drug.toLowerCase())?.order;
            const cited = `(source: ${order.source})${unconfirmedNote(order.confirmed)}`;
            if (!written) {
                report(severityByHarm(true, order.confirmed), `Premedication ${set.name} has no ${order.drug}: the ${reference.brand} label premedicates ${order.drug} ${labelDose(order)} ${cited}.`, set, 'name', order);
                continue;
            }
            const range = writtenRange(written.amount, order.unit);
            const upper = order.upper ?? order.value;
            if (range && within(range[0], order.value, upper) && within(range[1], order.value, upper)) continue;
            const amount = `${written.amount.value}${written.amount.upper === undefined ? '' : ` to ${written.amount.upper}`} ${written.amount.unit ?? ''}`.trim();
            // Above the label's range is more drug; a 10-fold difference or another kind of unit (mg/kg) is grave.
            const above = range !== undefined && range[1] > upper && !equalWithinTolerance(range[1], upper);
            const grave = range === undefined || isTenFold(above ? range[1] / upper : range[0] / order.value);
            const direction = range === undefined ? 'in a unit of another kind than' : above ? 'above' : 'below';
            report(severityByHarm(above, order.confirmed, grave), `${order.drug} ${amount} in premedication ${set.name} is ${direction} the ${reference.brand} label: ${labelDose(order)} ${cited}.`, written, 'amount', order, grave);
        }
    }
}

// Continuous-infusion checks: each rate's days lie inside its cycle without overlapping another rate; interruption rules do not contradict;
// a weight- or BSA-based rate keeps the label's daily cap.
import { AstUtils, type ValidationAcceptor } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import type { ContinuousInfusion, InterruptionRule } from '../grammar/generated/ast.js';
import { agentReference } from '../knowledge/reference.js';
import { translateUnit } from '../vocabulary/unit-spellings.js';
import { equalWithinTolerance } from '../vocabulary/tolerance.js';
import { daysOf, hoursOf, numberOf } from './clinical-values.js';
import { Codes, diagnostic } from './codes.js';
import { unconfirmedNote } from './harm.js';

/** Each rate runs from a day to a later one inside its cycle, and the rates of one rule do not share a day. */
export function checkInfusionDays(infusion: ContinuousInfusion, accept: ValidationAcceptor): void {
    for (const rule of infusion.rules) {
        const length = daysOf(numberOf(rule.length?.value ?? infusion.length?.value), rule.length?.unit ?? infusion.length?.unit);
        const taken: Array<{ first: number; last: number }> = [];
        for (const segment of rule.segments) {
            const first = numberOf(segment.firstDay);
            const last = numberOf(segment.lastDay);
            if (first === undefined || last === undefined) continue;
            const problem = first < 1 || last < first ? `days ${first} to ${last} do not run forward from day 1`
                : length !== undefined && last > length ? `day ${last} is after the end of the ${length}-day cycle`
                    : taken.some((t) => first <= t.last && t.first <= last) ? `days ${first} to ${last} overlap another rate of the same cycles`
                        : undefined;
            if (problem) accept('error', `This infusion rate is not schedulable: ${problem}.`, { node: segment, property: 'firstDay', ...diagnostic(Codes.infusionDays) });
            taken.push({ first, last });
        }
    }
}

/** The interruption lengths a rule covers, in hours: [from, to] with whether `from` itself is included. */
function hoursCovered(rule: InterruptionRule): { from: number; fromIncluded: boolean; to: number } | undefined {
    const gap = rule.gap;
    const hours = (text: string | undefined) => hoursOf(numberOf(text), gap?.unit);
    if (gap?.upTo !== undefined) return { from: 0, fromIncluded: true, to: hours(gap.upTo) ?? Number.NaN };
    if (gap?.above !== undefined) return { from: hours(gap.above) ?? Number.NaN, fromIncluded: false, to: Number.POSITIVE_INFINITY };
    if (gap?.atLeast !== undefined) return { from: hours(gap.atLeast) ?? Number.NaN, fromIncluded: true, to: Number.POSITIVE_INFINITY };
    return undefined;
}

/** No interruption length may both continue the cycle and start a new one. */
export function checkInterruptionRules(infusion: ContinuousInfusion, accept: ValidationAcceptor): void {
    const cycleRules = infusion.interruptions.filter((r) => r.action?.kind === 'continue' || r.action?.kind === 'new');
    for (let i = 0; i < cycleRules.length; i++) {
        for (let j = 0; j < i; j++) {
            const [a, b] = [cycleRules[j], cycleRules[i]];
            if (a.action.kind === b.action.kind) continue;
            const [x, y] = [hoursCovered(a), hoursCovered(b)];
            if (!x || !y) continue;
            const low = Math.max(x.from, y.from);
            const lowIncluded = (x.from < low || x.fromIncluded) && (y.from < low || y.fromIncluded);
            const overlaps = low < Math.min(x.to, y.to) || (low === Math.min(x.to, y.to) && lowIncluded);
            if (overlaps) {
                accept('error', 'These interruption rules both continue the cycle and start a new one for the same interruption length: say which applies.', {
                    node: b, property: 'gap', ...diagnostic(Codes.interruptionConflict)
                });
            }
        }
    }
}

/**
 * A rate per kg or per m2 that the label caps per day (blinatumomab under 45 kg: 5 mcg/m2/day, at most 9 mcg/day) must
 * state that cap, and not a higher one: error (a missing safeguard, more drug), warning when the label value is unconfirmed.
 */
export function checkInfusionCaps(infusion: ContinuousInfusion, accept: ValidationAcceptor): void {
    const agent = AstUtils.getContainerOfType(infusion, ast.isProtocol)?.members.find(ast.isAgent);
    const reference = agent?.drug === undefined ? undefined : agentReference(agent.drug);
    if (!reference) return;
    const cappedSteps = reference.schedules.flatMap((schedule) => schedule.steps.filter((step) => step.cap).map((step) => ({ schedule, step })));
    for (const segment of infusion.rules.flatMap((rule) => rule.segments)) {
        const unit = translateUnit(segment.amount.unit);
        const value = numberOf(segment.amount.value);
        if (!unit?.per || value === undefined) continue;
        const match = cappedSteps.find(({ step }) => translateUnit(step.unit)?.ucum === unit.ucum && equalWithinTolerance(step.value, value));
        if (!match) continue;
        const cap = match.step.cap!;
        const written = segment.cap ? numberOf(segment.cap.value) : undefined;
        const capUnit = segment.cap ? translateUnit(segment.cap.unit)?.ucum : undefined;
        if (written !== undefined && capUnit === translateUnit(cap.unit)?.ucum && written <= cap.value) continue;
        const severity = match.schedule.confirmed ? 'error' : 'warning';
        const problem = segment.cap ? `its cap of ${segment.cap.value} ${segment.cap.unit} is above the label's maximum of ${cap.value} ${cap.unit}`
            : `it has no daily cap, and the label caps it at ${cap.value} ${cap.unit}`;
        accept(severity, `${segment.amount.value} ${segment.amount.unit} is computed from the patient; ${problem} `
            + `(${match.schedule.name}; source: ${match.schedule.source})${unconfirmedNote(match.schedule.confirmed)}: write 'max ${cap.value} ${cap.unit}'.`, {
            node: segment, property: 'amount', ...diagnostic(Codes.infusionCap)
        });
    }
}

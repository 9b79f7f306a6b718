// Restart-after-delay checks: the day ranges of one last dose neither overlap nor leave gaps; every dose has a rule.
import type { ValidationAcceptor } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import type { GapRange, RestartAfterDelay, RestartRule } from '../grammar/generated/ast.js';
import { daysOf, formatNumber, numberOf } from './clinical-values.js';
import { Codes, diagnostic } from './codes.js';

export interface DayRange { rule: RestartRule; first: number; last: number; text: string }

/** The whole days a gap covers: 'up to 28 days' 0-28, '29 to 56 days' 29-56, 'more than 56 days' 57 on. */
export function dayRange(gap: GapRange | undefined): Omit<DayRange, 'rule'> | undefined {
    if (!gap) return undefined;
    if (gap.upTo !== undefined) {
        const to = daysOf(numberOf(gap.upTo), gap.unit);
        return to === undefined ? undefined : { first: 0, last: Math.floor(to), text: `up to ${gap.upTo} ${gap.unit}` };
    }
    if (gap.above !== undefined) {
        const above = daysOf(numberOf(gap.above), gap.unit);
        return above === undefined ? undefined : { first: Math.floor(above) + 1, last: Number.POSITIVE_INFINITY, text: `more than ${gap.above} ${gap.unit}` };
    }
    const from = daysOf(numberOf(gap.from), gap.unit);
    const to = daysOf(numberOf(gap.to), gap.unit);
    return from === undefined || to === undefined ? undefined : { first: Math.ceil(from), last: Math.floor(to), text: `${gap.from} to ${gap.to} ${gap.unit}` };
}

function describeDays(first: number, last: number): string {
    return first === last ? `${formatNumber(first)} days` : `${formatNumber(first)} to ${formatNumber(last)} days`;
}

export function checkRestartRanges(table: RestartAfterDelay, accept: ValidationAcceptor): void {
    const byLast = new Map<string, DayRange[]>();
    for (const rule of table.rules) {
        const name = rule.last?.$refText;
        const range = dayRange(rule.gap);
        if (!name || !range) continue;
        byLast.set(name, [...(byLast.get(name) ?? []), { rule, ...range }]);
    }
    for (const [name, ranges] of byLast) {
        ranges.sort((a, b) => a.first - b.first);
        for (let i = 1; i < ranges.length; i++) {
            const [before, after] = [ranges[i - 1], ranges[i]];
            if (after.first <= before.last) {
                accept('error', `After ${name}, '${after.text}' overlaps '${before.text}' (${describeDays(after.first, Math.min(before.last, after.last))}): two restart instructions for the same delay.`, {
                    node: after.rule, property: 'gap', ...diagnostic(Codes.restartOverlap)
                });
            } else if (after.first > before.last + 1) {
                accept('error', `After ${name}, no row covers a delay of ${describeDays(before.last + 1, after.first - 1)} (between '${before.text}' and '${after.text}').`, {
                    node: after.rule, property: 'gap', ...diagnostic(Codes.restartGap)
                });
            }
        }
    }
}

/** The names of the step-up doses and maintenance phases of the protocol and its variants, in order, once each. */
function doseNames(protocol: ast.Protocol): string[] {
    const names = new Set<string>();
    const collect = (members: ReadonlyArray<ast.ProtocolMember | ast.VariantMember>) => {
        for (const member of members) {
            if (ast.isStepUp(member)) member.doses.forEach((dose) => dose.name && names.add(dose.name));
            else if (ast.isMaintenance(member)) member.phases.forEach((phase) => phase.name && names.add(phase.name));
            else if (ast.isVariant(member)) collect(member.members);
        }
    };
    collect(protocol.members);
    return [...names];
}

/**
 * A restart-after-delay table has at least one rule (`last X ...`) for every step-up dose and maintenance phase
 * (of the protocol and its variants, whose doses the table names by the same names). A protocol without a table
 * is not concerned: the reference gives no table for several agents.
 */
export function checkRestartCoversDoses(table: RestartAfterDelay, accept: ValidationAcceptor): void {
    if (!ast.isProtocol(table.$container)) return;
    const covered = new Set(table.rules.map((rule) => rule.last?.$refText).filter((name): name is string => !!name));
    for (const name of doseNames(table.$container)) {
        if (covered.has(name)) continue;
        accept('warning', `The restart-after-delay table has no rule for ${name}: add 'last ${name} ...' rows saying how to restart after a delay following ${name}.`, {
            node: table, keyword: 'restart-after-delay', ...diagnostic(Codes.restartDoseNotCovered, { dose: name })
        });
    }
}

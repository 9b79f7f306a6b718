// Restart-after-delay rules against the label's restart table: the dose a rule restarts at, for each delay, compared with
// the label's for the same last dose and delay (a higher dose than the label's is an error, a lower one a warning).
import type { ValidationAcceptor } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import type { AgentReference, StepUpScheduleReference } from '../knowledge/reference.js';
import { convertTo, daysOf, doseValueOf, formatNumber, quantityOf, type DoseValue } from './clinical-values.js';
import { agentOf } from './agent-identity.js';
import { Codes, diagnostic } from './codes.js';
import { severityByHarm, unconfirmedNote } from './harm.js';
import { matchingSchedule } from './reference.js';
import { dayRange } from './restarts.js';
import { equalWithinTolerance } from '../vocabulary/tolerance.js';

type RestartRowReference = NonNullable<AgentReference['restart']>['rows'][number];
type Dose = ast.StepUpDose | ast.MaintenancePhase;

/** An amount written in a label's words ("32 mg", "0.06 mg/kg"); the first one. */
const AMOUNT = /(\d+(?:\.\d+)?) ?(mg\/kg|mcg\/kg|mg|mcg)\b/;
/** "step-up dose 2" in a label's words. */
const STEP = /step-up dose (\d+)/;

function amountIn(text: string): DoseValue | undefined {
    const match = AMOUNT.exec(text);
    return match ? quantityOf(Number(match[1]), match[2]) : undefined;
}

function same(a: DoseValue | undefined, b: DoseValue | undefined): b is DoseValue {
    const converted = a && b ? convertTo(a, b) : undefined;
    return converted !== undefined && b !== undefined && equalWithinTolerance(converted, b.value);
}

/** The whole days a label gap covers. */
function labelDays(gap: RestartRowReference['gap']): { first: number; last: number } {
    if ('upTo' in gap) return { first: 0, last: gap.upTo };
    if ('moreThan' in gap) return { first: Math.floor(gap.moreThan) + 1, last: Number.POSITIVE_INFINITY };
    return { first: gap.from, last: gap.to };
}

/** The step-up doses a restart of `dose` goes back to: its own block, or for a maintenance phase the block before it. */
function stepUpOf(dose: Dose): ast.StepUp | undefined {
    if (ast.isStepUpDose(dose)) return dose.$container;
    const members: ReadonlyArray<ast.ProtocolMember | ast.VariantMember> = dose.$container.$container.members;
    return members.find(ast.isStepUp);
}

/** The dose given next when dosing continues after `dose`: the next step-up dose, else the same dose (maintenance goes on). */
function nextAfter(dose: Dose): DoseValue | undefined {
    if (ast.isStepUpDose(dose)) {
        const doses = dose.$container.doses;
        const next = doses[doses.indexOf(dose) + 1];
        if (next) return doseValueOf(next.amount);
    }
    return doseValueOf(dose.amount);
}

/** The positions of the label steps of `amount` in the schedule ("32 mg" is step-up dose 2 of elranatamab). */
function stepPositions(schedule: StepUpScheduleReference | undefined, amount: DoseValue): number[] {
    return (schedule?.steps ?? []).flatMap((step, i) => (same(quantityOf(step.value, step.unit), amount) ? [i] : []));
}

/** Whether a label row's last dose ("step-up dose 2", "weekly dose", "32 mg", "0.4 mg/kg") is the protocol's `dose`. */
function rowIsFor(row: RestartRowReference, dose: Dose, schedule: StepUpScheduleReference | undefined): boolean {
    const amount = amountIn(row.last);
    const step = STEP.exec(row.last);
    if (ast.isStepUpDose(dose)) {
        const position = dose.$container.doses.indexOf(dose);
        if (amount) return stepPositions(schedule, amount).includes(position);
        return step !== null && position === Number(step[1]) - 1;
    }
    if (amount) return same(doseValueOf(dose.amount), amount);
    const interval = daysOf(Number(dose.interval?.value), dose.interval?.unit);
    return (row.last === 'weekly dose' && interval === 7) || (row.last === 'every-2-week dose' && interval === 14);
}

/**
 * The protocol's own dose at the place the label restarts from: "continue" is the next dose, the last dose's own amount
 * that dose, "step-up dose N" and a label step's amount ("restart at 32 mg") the protocol's step-up dose at that
 * position; an amount of no label step as written.
 * Comparing the protocol's doses by position keeps a dose that differs from the label a dose finding, not a restart one.
 */
function labelTarget(row: RestartRowReference, last: Dose, schedule: StepUpScheduleReference | undefined): DoseValue | undefined {
    const amount = amountIn(row.action);
    if (row.action.startsWith('continue') && !row.action.includes('cycle')) return nextAfter(last);
    // The dose just given, again ("12 mg: restart at 12 mg", "76 mg: give 76 mg"), is the protocol's own last dose.
    if (same(amount, amountIn(row.last))) return doseValueOf(last.amount);
    const doses = stepUpOf(last)?.doses ?? [];
    const step = STEP.exec(row.action);
    if (step) return doseValueOf(doses[Number(step[1]) - 1]?.amount);
    const position = amount ? stepPositions(schedule, amount)[0] : undefined;
    return position === undefined ? amount : doseValueOf(doses[position]?.amount);
}

function protocolTarget(rule: ast.RestartRule, last: Dose): DoseValue | undefined {
    if (rule.action?.kind === 'continue') return nextAfter(last);
    const target = rule.action?.dose?.ref;
    return target ? doseValueOf(target.amount) : undefined;
}

/** The label schedule the step-up block of `dose` (or the block before a maintenance phase) follows. */
function scheduleOf(dose: Dose, reference: AgentReference): StepUpScheduleReference | undefined {
    const stepUp = stepUpOf(dose);
    return stepUp ? matchingSchedule(stepUp, reference) : reference.schedules[0];
}

/**
 * Each rule against the label rows for the same last dose whose delays overlap the rule's: restarting at a higher dose
 * than the label for that delay (the full dose where the label goes back to step-up dose 1) is an error, at a lower
 * one a warning (information where the table is unconfirmed). Rows and actions the label words differently are not
 * compared.
 */
export function checkRestartAgainstReference(table: ast.RestartAfterDelay, accept: ValidationAcceptor): void {
    const reference = agentOf(table)?.reference;
    const restart = reference?.restart;
    if (!reference || !restart) return;
    for (const rule of table.rules) {
        const last = rule.last?.ref;
        const range = dayRange(rule.gap);
        if (!last || !range) continue;
        const schedule = scheduleOf(last, reference);
        const written = protocolTarget(rule, last);
        const differences = restart.rows.flatMap((row) => {
            const days = labelDays(row.gap);
            if (!rowIsFor(row, last, schedule) || days.first > range.last || days.last < range.first) return [];
            const expected = labelTarget(row, last, schedule);
            const converted = written && expected ? convertTo(written, expected) : undefined;
            if (!expected || converted === undefined || equalWithinTolerance(converted, expected.value)) return [];
            return [{ row, expected, higher: converted > expected.value }];
        });
        const difference = differences.find((d) => d.higher) ?? differences[0];
        if (!difference) continue;
        const { row, expected, higher } = difference;
        const gap = 'upTo' in row.gap ? `up to ${row.gap.upTo} days` : 'moreThan' in row.gap ? `more than ${row.gap.moreThan} days` : `${row.gap.from} to ${row.gap.to} days`;
        accept(severityByHarm(higher, restart.confirmed), `After ${rule.last.$refText} with a delay of ${range.text}, this rule gives ${formatNumber(written!.value)} ${written!.unit}, ${higher ? 'a higher' : 'a lower'} dose than the ${reference.brand} label, which says after ${row.last}, ${gap}: ${row.action} (here ${formatNumber(expected.value)} ${expected.unit}) (source: ${restart.source})${unconfirmedNote(restart.confirmed)}.`, {
            node: rule, property: 'action', ...diagnostic(Codes.referenceRestartDiffers)
        });
    }
}

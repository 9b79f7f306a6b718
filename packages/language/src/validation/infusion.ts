// Infusion durations of step-up doses, maintenance phases and cycle rules against the agent's label: a faster infusion than
// the label's (or a continuous infusion written in hours) is an error, a slower one a warning.
import type { ValidationAcceptor } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import type { AgentReference, StepReference } from '../knowledge/reference.js';
import { convertTo, doseValueOf, formatNumber, hoursOf, numberOf, quantityOf } from './clinical-values.js';
import { agentOf } from './agent-identity.js';
import { Codes, diagnostic } from './codes.js';
import { labelCycleDose } from './cycles.js';
import { severityByHarm, unconfirmedNote } from './harm.js';
import { matchingSchedule } from './reference.js';
import { equalWithinTolerance } from '../vocabulary/tolerance.js';

type Duration = NonNullable<StepReference['infusionDuration']>;

/** The shortest and longest infusion the label gives for a dose, in hours, with its words and source. */
interface LabelInfusion { min: number; max: number; text: string; source: string; confirmed: boolean; continuous: boolean }

function fromDuration(duration: Duration, source: string, confirmed: boolean): LabelInfusion {
    const min = hoursOf(duration.value, duration.unit)!;
    const max = hoursOf(duration.upper ?? duration.value, duration.unit)!;
    const text = `${formatNumber(duration.value)}${duration.upper === undefined ? '' : ` to ${formatNumber(duration.upper)}`} ${duration.unit}`;
    return { min, max, text, source, confirmed, continuous: false };
}

/** The label's infusion of the dose at `node`: its step, its cycle day, the cycle dose of a maintenance phase, or the bag durations of a continuous infusion. */
function labelInfusionOf(node: ast.StepUpDose | ast.MaintenancePhase | ast.CycleRule, reference: AgentReference): LabelInfusion | undefined {
    const bags = reference.infusion?.bagHours;
    if (bags && bags.length > 0) {
        const text = `bags of ${bags.map(formatNumber).join(', ')} hours`;
        return { min: Math.min(...bags), max: Math.max(...bags), text, source: reference.infusion!.source, confirmed: reference.infusion!.confirmed, continuous: true };
    }
    if (ast.isStepUpDose(node)) {
        const schedule = matchingSchedule(node.$container, reference);
        const step = schedule.steps[node.$container.doses.indexOf(node)];
        return step?.infusionDuration && fromDuration(step.infusionDuration, schedule.source, schedule.confirmed);
    }
    if (ast.isCycleRule(node)) {
        const cycle = numberOf(node.first);
        const day = numberOf(node.days[0]);
        const found = cycle === undefined || day === undefined ? undefined : labelCycleDose(reference, cycle, day);
        return found?.dose.infusionDuration && fromDuration(found.dose.infusionDuration, found.plan.source, found.plan.confirmed);
    }
    // A maintenance phase: the infusion of the label's later-cycle dose of the same amount.
    const written = doseValueOf(node.amount);
    for (const plan of reference.cyclePlans ?? []) {
        const dose = plan.cycleDoses.find((d) => {
            const expected = quantityOf(d.value, d.unit);
            const converted = written && expected ? convertTo(written, expected) : undefined;
            return d.drug === undefined && d.cycles.from >= 2 && d.infusionDuration && converted !== undefined && equalWithinTolerance(converted, d.value);
        });
        if (dose) return fromDuration(dose.infusionDuration!, plan.source, plan.confirmed);
    }
    return undefined;
}

export function checkInfusionAgainstReference(node: ast.StepUpDose | ast.MaintenancePhase | ast.CycleRule, accept: ValidationAcceptor): void {
    const infusion = node.infusions[0];
    const reference = agentOf(node)?.reference;
    const hours = hoursOf(numberOf(infusion?.value), infusion?.unit);
    if (!infusion || !reference || hours === undefined) return;
    const label = labelInfusionOf(node, reference);
    if (!label) return;
    const faster = hours < label.min && !equalWithinTolerance(hours, label.min);
    const slower = hours > label.max && !equalWithinTolerance(hours, label.max);
    if (!faster && !slower) return;
    const what = ast.isCycleRule(node) ? `The infusion of cycle ${node.first}` : `The infusion of ${node.name ?? 'this dose'}`;
    const why = faster
        ? (label.continuous ? ': this agent is a continuous infusion, each bag running hours to days' : ': faster than the label, more drug per hour')
        : ': slower than the label';
    accept(severityByHarm(faster, label.confirmed), `${what} runs over ${infusion.value} ${infusion.unit}${why}. The ${reference.brand} label gives ${label.text} (source: ${label.source})${unconfirmedNote(label.confirmed)}.`, {
        node: infusion, ...diagnostic(Codes.referenceInfusionDiffers, { expected: label.text })
    });
}

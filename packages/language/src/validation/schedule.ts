// Step-up checks: doses increase, windows contain the nominal days, premedication and monitoring where needed.
import type { ValidationAcceptor } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import type { AgentReference } from '../knowledge/reference.js';
import { convertTo, daysOf, doseValueOf, formatNumber, hoursOf, numberOf } from './clinical-values.js';
import { Codes, diagnostic } from './codes.js';
import { agentOf } from './agent-identity.js';
import { severityByHarm, unconfirmedNote } from './harm.js';
import { matchingSchedule } from './reference.js';

/** The doses of a block in the unit of the first dose; undefined where a dose is incomplete or of another kind. */
function comparableValues(stepUp: ast.StepUp): Array<number | undefined> {
    const values = stepUp.doses.map((d) => doseValueOf(d.amount));
    const first = values.find((v) => v !== undefined);
    return values.map((v) => (v && first ? convertTo(v, first) : undefined));
}

/**
 * Doses strictly increase up to the full dose; the full dose (the largest of the block) may repeat at the end
 * (epcoritamab cycle 1 days 15 and 22).
 */
export function checkStepUpIncreasing(stepUp: ast.StepUp, accept: ValidationAcceptor): void {
    const values = comparableValues(stepUp);
    const defined = values.filter((v): v is number => v !== undefined);
    const full = Math.max(...defined);
    for (let i = 1; i < values.length; i++) {
        const previous = values[i - 1];
        const current = values[i];
        if (previous === undefined || current === undefined) continue;
        if (current > previous || (current === previous && current === full)) continue;
        const dose = stepUp.doses[i];
        const before = stepUp.doses[i - 1];
        accept('error', `Step-up doses must increase: ${dose.name ?? 'this dose'} (${dose.amount.value} ${dose.amount.unit}) is ${current === previous ? 'equal to' : 'lower than'} ${before.name ?? 'the previous dose'} (${before.amount.value} ${before.amount.unit}).`, {
            node: dose, property: 'amount', ...diagnostic(Codes.stepUpNotIncreasing)
        });
    }
}

/** A window `a to b days after X` must contain the days between X's nominal day and this dose's. */
export function checkWindowContainsDay(dose: ast.StepUpDose, accept: ValidationAcceptor): void {
    const window = dose.windows[0];
    const anchor = window?.anchor?.ref;
    if (!window || !ast.isStepUpDose(anchor)) return;
    const day = numberOf(dose.day);
    const anchorDay = numberOf(anchor.day);
    const min = daysOf(numberOf(window.min), window.unit);
    const max = daysOf(numberOf(window.max), window.unit);
    if (day === undefined || anchorDay === undefined || min === undefined || max === undefined) return;
    const interval = day - anchorDay;
    if (interval >= min && interval <= max) return;
    accept('error', `${dose.name ?? 'This dose'} is on day ${day}, ${formatNumber(interval)} days after ${anchor.name} (day ${anchorDay}), outside its window of ${window.min} to ${window.max} ${window.unit}.`, {
        node: window, ...diagnostic(Codes.windowExcludesDay)
    });
}

/**
 * Premedication and monitoring of each step-up dose. When Titra has the agent's reference, the label decides
 * which doses need them (elranatamab: premedication before the first three doses, monitoring after the first
 * two); otherwise every dose below the full dose of the block needs both. A missing safeguard is an error (information
 * where the label's is unconfirmed). Where the reference gives no premedication or monitoring for the agent (epcoritamab
 * premedication), nothing is reported.
 */
export function checkStepUpCare(stepUp: ast.StepUp, accept: ValidationAcceptor): void {
    const agent = agentOf(stepUp);
    const schedule = agent ? matchingSchedule(stepUp, agent.reference) : undefined;
    const values = comparableValues(stepUp);
    const full = Math.max(...values.filter((v): v is number => v !== undefined));
    stepUp.doses.forEach((dose, index) => {
        const belowFull = values[index] === undefined ? index < stepUp.doses.length - 1 : values[index]! < full;
        const step = schedule?.steps[index];
        const name = dose.name ?? 'This dose';
        if (dose.premedications.length === 0) {
            const premedication = agent?.reference.premedication;
            const needed = agent ? premedication !== undefined && step?.premedicate === true : belowFull;
            if (needed) {
                const why = agent && premedication
                    ? `the ${agent.reference.brand} reference premedicates ${premedication.description} (source: ${premedication.source})${unconfirmedNote(premedication.confirmed)}`
                    : 'every step-up dose needs premedication against cytokine release syndrome';
                accept(severityByHarm(true, premedication?.confirmed ?? true), `${name} has no premedication: ${why}. Add 'premedicate <set>'.`, {
                    node: dose, property: 'name', ...diagnostic(Codes.stepUpWithoutPremedication)
                });
            }
        }
        if (dose.monitorings.length === 0) {
            const monitoring = agent?.reference.monitoring;
            const needed = agent ? monitoring !== undefined && step?.monitorHours !== undefined : belowFull;
            if (needed) {
                const why = agent && monitoring && step?.monitorHours !== undefined
                    ? `the ${agent.reference.brand} reference says ${monitoring.description}; for ${step.label}: ${step.monitorHours} hours (source: ${monitoring.source})${unconfirmedNote(monitoring.confirmed)}`
                    : 'every step-up dose needs monitoring for cytokine release syndrome and neurotoxicity';
                accept(severityByHarm(true, monitoring?.confirmed ?? true), `${name} has no monitoring: ${why}. Add 'monitor inpatient <hours>' or 'monitor outpatient "..."'.`, {
                    node: dose, property: 'name', ...diagnostic(Codes.stepUpWithoutMonitoring)
                });
            }
        } else if (agent && step?.monitorHours !== undefined) {
            checkMonitoringHours(dose, step.monitorHours, step.label, agent.reference, accept);
        }
    });
}

/**
 * Inpatient monitoring shorter than the label's for that step-up dose removes part of a safeguard (error; information
 * where the label's monitoring is unconfirmed); outpatient monitoring is an institution's choice and is not compared.
 */
function checkMonitoringHours(
    dose: ast.StepUpDose, labelHours: number, stepLabel: string, reference: AgentReference, accept: ValidationAcceptor
): void {
    const monitoring = reference.monitoring;
    for (const written of dose.monitorings) {
        if (written.setting !== 'inpatient') continue;
        const hours = hoursOf(numberOf(written.duration?.value), written.duration?.unit);
        if (hours === undefined || hours >= labelHours) continue;
        const source = monitoring ? ` (source: ${monitoring.source})${unconfirmedNote(monitoring.confirmed)}` : '';
        accept(severityByHarm(true, monitoring?.confirmed ?? true), `${dose.name ?? 'This dose'} is monitored inpatient for ${formatNumber(hours)} hours: the ${reference.brand} label monitors ${labelHours} hours after ${stepLabel}${source}.`, {
            node: written, property: 'duration', ...diagnostic(Codes.referenceMonitoringShorter)
        });
    }
}

/**
 * The first maintenance phase starts after the last step-up dose: its `after` names the last dose of the step-up
 * block. Inside a variant, the variant's own step-up is used (the protocol's when the variant has none). A
 * protocol that continues with cycles instead of maintenance phases is not concerned.
 */
export function checkMaintenanceAfterLastStepUp(maintenance: ast.Maintenance, accept: ValidationAcceptor): void {
    const first = maintenance.phases[0];
    const container = maintenance.$container;
    const members: ReadonlyArray<ast.ProtocolMember | ast.VariantMember> = container.members;
    const own = members.find(ast.isStepUp);
    const protocol = ast.isVariant(container) ? container.$container : undefined;
    const stepUp = own ?? (ast.isProtocol(protocol) ? protocol.members.find(ast.isStepUp) : undefined);
    const last = stepUp?.doses[stepUp.doses.length - 1];
    if (!first || !last?.name) return;
    if (first.afters.some((after) => after.$refText === last.name)) return;
    const written = first.afters.map((after) => after.$refText).join(', ');
    const why = written ? `starts after ${written}` : "has no 'after'";
    accept('warning', `${first.name ?? 'The first maintenance phase'} ${why}: the first maintenance phase must start after the last step-up dose, ${last.name}. Write 'after ${last.name}'.`, {
        node: first, property: first.afters.length > 0 ? 'afters' : 'name', ...diagnostic(Codes.maintenanceNotAfterLastStepUp)
    });
}

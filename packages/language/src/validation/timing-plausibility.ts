// Plausible times around a dose: premedication before it, pre-treatment windows, supportive care after the last dose, escalation waits.
import type { ValidationAcceptor } from 'langium';
import type * as ast from '../grammar/generated/ast.js';
import { timingReference } from '../knowledge/reference.js';
import { durationInDays, timeUnitCode } from '../vocabulary/time-units.js';
import { numberOf } from './clinical-values.js';
import { Codes, diagnostic } from './codes.js';

/** A written time in days (a month counts as 30 days); undefined when incomplete. */
function writtenDays(value: string | undefined, unit: string | undefined): number | undefined {
    const number = numberOf(value);
    const code = unit === undefined ? undefined : timeUnitCode(unit);
    return number === undefined || code === undefined ? undefined : durationInDays({ value: number, unit: code });
}

/** Premedication more than 24 hours (or days, weeks) before the dose: it is given minutes to hours before. */
export function checkPremedicationTimingPlausible(timing: ast.BeforeDoseTiming, accept: ValidationAcceptor): void {
    const reference = timingReference().premedication;
    const days = writtenDays(timing.max ?? timing.min, timing.unit);
    if (days === undefined || days * 24 <= reference.maxHours) return;
    const written = `${timing.min}${timing.max ? ` to ${timing.max}` : ''} ${timing.unit}`;
    accept('error', `Premedication ${written} before the dose is implausible: premedication is given ${reference.usual}, never more than ${reference.maxHours} hours before (${reference.bounds}); hours were probably meant (source: ${reference.source}).`, {
        node: timing, property: 'unit', ...diagnostic(Codes.implausiblePremedicationTiming)
    });
}

/**
 * A pre-treatment window in minutes or hours (a unit slip: a warning, the window is only narrower) or beyond 90 days
 * (an error: the pre-treatment may be long over when the first dose is given).
 */
export function checkPreTreatmentWindow(pre: ast.PreTreatment, accept: ValidationAcceptor): void {
    const reference = timingReference().preTreatment;
    const days = writtenDays(pre.within?.value, pre.within?.unit);
    if (days === undefined || (days >= reference.minDays && days <= reference.maxDays)) return;
    const written = `complete within ${pre.within.value} ${pre.within.unit}`;
    const short = days < reference.minDays;
    accept(short ? 'warning' : 'error', `'${written}' is ${short ? 'shorter' : 'longer'} than a pre-treatment window can plausibly be: pre-treatment completes ${reference.usual} (${reference.bounds}; source: ${reference.source}).`, {
        node: pre, property: 'within', ...diagnostic(Codes.implausibleTiming)
    });
}

/**
 * Supportive care continued only minutes to days after the last dose (an error: the safeguard stops early) or for
 * more than 12 months (a warning) where IMWG continues prophylaxis 3 months off treatment.
 */
export function checkContinueAfterLastDose(order: ast.SupportiveOrder, accept: ValidationAcceptor): void {
    const reference = timingReference().continueAfterLastDose;
    order.continueAfters.forEach((duration, index) => {
        const days = writtenDays(duration.value, duration.unit);
        if (days === undefined || (days >= reference.minDays && days <= reference.maxDays)) return;
        const short = days < reference.minDays;
        accept(short ? 'error' : 'warning', `'continue ${duration.value} ${duration.unit} after last dose' is ${short ? 'shorter' : 'longer'} than supportive care plausibly continues: IMWG continues prophylaxis ${reference.usual} (${reference.bounds}; source: ${reference.source}).`, {
            node: order, property: 'continueAfters', index, ...diagnostic(Codes.implausibleTiming)
        });
    });
}

/** `if no improvement after N` longer than 72 hours (days or weeks written where hours are meant): a warning, escalation comes later. */
export function checkEscalationWait(escalation: ast.Escalation, accept: ValidationAcceptor): void {
    const reference = timingReference().escalation;
    const days = writtenDays(escalation.after?.value, escalation.after?.unit);
    if (days === undefined || days * 24 <= reference.maxHours) return;
    accept('warning', `'if no improvement after ${escalation.after!.value} ${escalation.after!.unit}' escalates later than the IMWG panels, which escalate after ${reference.usual} (${reference.bounds}); hours were probably meant (source: ${reference.source}).`, {
        node: escalation, property: 'after', ...diagnostic(Codes.implausibleTiming)
    });
}

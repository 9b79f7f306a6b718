// Pre-treatment given on a treatment day: the day must come before the dose it prepares, within its window.
import type { ValidationAcceptor } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import { daysOf, formatNumber, numberOf } from './clinical-values.js';
import { Codes, diagnostic } from './codes.js';

/** `on day N` must be before the anchor step-up dose's day and no more than `complete within` before it. */
export function checkPreTreatmentDay(phase: ast.PreTreatment, accept: ValidationAcceptor): void {
    const anchor = phase.anchor?.ref;
    const day = numberOf(phase.day);
    const within = phase.within ? daysOf(numberOf(phase.within.value), phase.within.unit) : undefined;
    if (day === undefined || within === undefined || !ast.isStepUpDose(anchor)) return;
    const anchorDay = numberOf(anchor.day);
    if (anchorDay === undefined) return;
    const before = anchorDay - day;
    if (before > 0 && before <= within) return;
    const where = before <= 0 ? `on or after ${anchor.name} (day ${anchorDay})` : `${formatNumber(before)} days before ${anchor.name} (day ${anchorDay}), more than the ${phase.within.value} ${phase.within.unit} it must be completed within`;
    accept('error', `Pre-treatment '${phase.name}' is given on day ${day}, ${where}.`, {
        node: phase, property: 'day', ...diagnostic(Codes.preTreatmentDayOutsideWindow)
    });
}

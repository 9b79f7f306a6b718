// The dose an example patient gets for a dose written in a protocol, computed by the scheduler's computeDose (for inlay hints).
import * as ast from '../grammar/generated/ast.js';
import { isPerDoseCap } from '../grammar/dose-limits.js';
import type { Dose } from '../orderset/schema.js';
import type { ComputedAmount } from '../orderset/schedule-schema.js';
import { computeDose } from '../orderset/schedule/dose.js';
import { translateUnit } from '../vocabulary/unit-spellings.js';

/** The example patient of the editor's inlay hints (settings titra.examplePatientWeight and titra.examplePatientHeight). */
export interface ExamplePatient {
    weightKg: number;
    heightCm: number;
}

/** The limits written with a dose: step-up and maintenance doses, cycle rules and medication orders carry them. */
function limitsOf(amount: ast.DoseAmount): ast.DoseLimit[] {
    const owner = amount.$container;
    return ast.isStepUpDose(owner) || ast.isMaintenancePhase(owner) || ast.isMedicationOrder(owner) || ast.isCycleRule(owner) ? owner.limits : [];
}

/**
 * The example patient's amount for a weight- or body-surface-area-based dose (its per-dose cap applied), or undefined for a
 * flat dose, a range, a combination or a unit Titra does not know.
 */
export function exampleDose(amount: ast.DoseAmount, patient: ExamplePatient): ComputedAmount | undefined {
    const unit = translateUnit(amount.unit ?? '');
    const value = Number(amount.value);
    if (!unit?.per || !Number.isFinite(value) || amount.upper !== undefined || amount.second !== undefined) return undefined;
    const cap = limitsOf(amount).find(isPerDoseCap)?.perDose;
    const capUnit = cap ? translateUnit(cap.unit) : undefined;
    const dose: Dose = {
        value, unit: unit.ucum, per: unit.per, basis: unit.per === 'kg' ? 'actual-weight' : 'body-surface-area', text: `${amount.value} ${amount.unit}`,
        ...(cap && capUnit ? { maxPerDose: { value: Number(cap.value), unit: capUnit.ucum } } : {})
    };
    return computeDose(dose, { weight: patient.weightKg, height: patient.heightCm, flags: [] });
}

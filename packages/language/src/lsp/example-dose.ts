// The editor's example patient (settings titra.examplePatientWeight and titra.examplePatientHeight) and the dose it gets for a dose
// written in a protocol, computed by the scheduler's computeDose: one home for inlay hints and hover.
import type { LangiumSharedServices } from 'langium/lsp';
import * as ast from '../grammar/generated/ast.js';
import { isPerDoseCap } from '../grammar/dose-limits.js';
import type { Dose } from '../orderset/schema.js';
import type { ComputedAmount } from '../orderset/schedule-schema.js';
import { computeDose } from '../orderset/schedule/dose.js';
import { translateUnit } from '../vocabulary/unit-spellings.js';

/** The example patient of the editor's inlay hints and hover (settings titra.examplePatientWeight and titra.examplePatientHeight). */
export interface ExamplePatient {
    weightKg: number;
    heightCm: number;
}

/** The example patient when the settings give none (the extension manifest's defaults). */
const DEFAULT_EXAMPLE_PATIENT: ExamplePatient = { weightKg: 70, heightCm: 170 };

const positive = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback);

/** The example patient from the editor's settings (section `titra`). */
export async function examplePatient(shared: LangiumSharedServices): Promise<ExamplePatient> {
    const configuration = shared.workspace.ConfigurationProvider;
    const [weight, height] = await Promise.all([
        configuration.getConfiguration('titra', 'examplePatientWeight'),
        configuration.getConfiguration('titra', 'examplePatientHeight')
    ]);
    return { weightKg: positive(weight, DEFAULT_EXAMPLE_PATIENT.weightKg), heightCm: positive(height, DEFAULT_EXAMPLE_PATIENT.heightCm) };
}

/** The example patient's dose in words, with where the patient comes from: "Example patient 70 kg, 170 cm (...): 0.3 mg/kg x 70 kg = 21 mg". */
export function exampleDoseText(computed: ComputedAmount, patient: ExamplePatient): string {
    return `Example patient ${patient.weightKg} kg, ${patient.heightCm} cm (settings titra.examplePatientWeight, titra.examplePatientHeight): ${computed.calculation}`;
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

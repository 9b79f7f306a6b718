// The patient's dose for a dose definition: weight or body-surface-area basis, rounding and cap, with the calculation in words (units as pharmacists write them).
import type { Dose } from '../schema.js';
import type { ComputedAmount } from '../schedule-schema.js';
import { tidyNumber } from '../text/numbers.js';
import { quantityText } from '../text/units.js';
import { convertUnit } from '../units.js';
import { ScheduleInputError, type PatientInputs } from './input.js';

/** Body surface area in m2 by the Mosteller formula (Mosteller RD, N Engl J Med 1987;317:1098). */
export function bodySurfaceArea(weightKg: number, heightCm: number): number {
    return Math.sqrt((weightKg * heightCm) / 3600);
}

/** A rounding step or cap in the unit of the computed dose (UCUM conversion); a unit that cannot be converted is bad input, never ignored. */
function inDoseUnit(quantity: { value: number; unit: string }, unit: string, role: string, dose: Dose): number {
    const value = convertUnit(quantity.value, quantity.unit, unit);
    if (value === undefined) throw new ScheduleInputError(`the ${role} of ${dose.text} is in ${quantity.unit}, which cannot be converted to ${unit}, the unit of the computed dose`);
    return tidyNumber(value);
}

/** The dose's amount unit once the per-kg or per-m2 basis is applied (mg/kg -> mg, ug/m2/d -> ug/d). */
export function computedDoseUnit(dose: Dose): string {
    return dose.unit.replace(/\/(kg|m2)(?=\/|$)/, '');
}

/** The patient's dose for a dose definition: basis applied, then rounding, then the cap. */
export function computeDose(dose: Dose, patient: PatientInputs): ComputedAmount {
    const numeratorUnit = computedDoseUnit(dose);
    // Ideal and adjusted body weight need formulas (and sex) that Titra does not implement: refuse rather than dose by actual weight.
    if (dose.per === 'kg' && (dose.basis === 'ideal-weight' || dose.basis === 'adjusted-weight')) {
        throw new ScheduleInputError(`a dose of ${dose.text} by ${dose.basis}: Titra computes doses by actual body weight only; compute this dose outside Titra`);
    }
    let value = dose.value;
    let calculation = dose.text;
    if (dose.per === 'kg') {
        if (patient.weight === undefined) throw new ScheduleInputError(`a dose of ${dose.text} needs the patient's weight (--weight)`);
        value = tidyNumber(dose.value * patient.weight);
        calculation = `${dose.text} x ${patient.weight} kg = ${quantityText(value, numeratorUnit)}`;
    } else if (dose.per === 'm2') {
        if (patient.weight === undefined || patient.height === undefined) {
            throw new ScheduleInputError(`a dose of ${dose.text} needs the patient's weight and height (--weight, --height)`);
        }
        const bsa = tidyNumber(bodySurfaceArea(patient.weight, patient.height));
        value = tidyNumber(dose.value * bsa);
        calculation = `${dose.text} x ${bsa} m2 = ${quantityText(value, numeratorUnit)}`;
    }
    const step = dose.rounding && dose.rounding.value > 0 ? inDoseUnit(dose.rounding, numeratorUnit, 'rounding', dose) : undefined;
    if (step !== undefined) {
        // To the nearest multiple, an exact half up; the quotient is tidied first so that 4.35 / 0.1 counts as the half it is.
        const rounded = tidyNumber(Math.round(tidyNumber(value / step)) * step);
        if (rounded !== value) calculation += `, rounded to ${quantityText(rounded, numeratorUnit)}`;
        value = rounded;
    }
    let capped = false;
    const cap = dose.maxPerDose ? inDoseUnit(dose.maxPerDose, numeratorUnit, 'maximum per dose', dose) : undefined;
    if (cap !== undefined && value > cap) {
        value = cap;
        capped = true;
        calculation += `, capped at ${quantityText(value, numeratorUnit)}`;
    }
    return { value, unit: numeratorUnit, calculation, capped };
}

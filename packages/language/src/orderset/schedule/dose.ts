// The patient's dose for a dose definition: weight or body-surface-area basis, rounding and cap, with the calculation in words.
import type { Dose } from '../schema.js';
import type { ComputedAmount } from '../schedule-schema.js';
import { tidyNumber } from '../text/numbers.js';
import { ScheduleInputError, type PatientInputs } from './input.js';


/** Body surface area in m2 by the Mosteller formula (Mosteller RD, N Engl J Med 1987;317:1098). */
export function bodySurfaceArea(weightKg: number, heightCm: number): number {
    return Math.sqrt((weightKg * heightCm) / 3600);
}

/** The patient's dose for a dose definition: basis applied, then rounding, then the cap. */
export function computeDose(dose: Dose, patient: PatientInputs): ComputedAmount {
    const numeratorUnit = dose.unit.replace(/\/(kg|m2)(?=\/|$)/, '');
    let value = dose.value;
    let calculation = dose.text;
    if (dose.per === 'kg') {
        if (patient.weight === undefined) throw new ScheduleInputError(`a dose of ${dose.text} needs the patient's weight (--weight)`);
        value = tidyNumber(dose.value * patient.weight);
        calculation = `${dose.text} x ${patient.weight} kg = ${value} ${numeratorUnit}`;
    } else if (dose.per === 'm2') {
        if (patient.weight === undefined || patient.height === undefined) {
            throw new ScheduleInputError(`a dose of ${dose.text} needs the patient's weight and height (--weight, --height)`);
        }
        const bsa = tidyNumber(bodySurfaceArea(patient.weight, patient.height));
        value = tidyNumber(dose.value * bsa);
        calculation = `${dose.text} x ${bsa} m2 = ${value} ${numeratorUnit}`;
    }
    if (dose.rounding && dose.rounding.unit === numeratorUnit && dose.rounding.value > 0) {
        const rounded = tidyNumber(Math.round(value / dose.rounding.value) * dose.rounding.value);
        if (rounded !== value) calculation += `, rounded to ${rounded} ${numeratorUnit}`;
        value = rounded;
    }
    let capped = false;
    if (dose.maxPerDose && dose.maxPerDose.unit === numeratorUnit && value > dose.maxPerDose.value) {
        value = dose.maxPerDose.value;
        capped = true;
        calculation += `, capped at ${value} ${numeratorUnit}`;
    }
    return { value, unit: numeratorUnit, calculation, capped };
}

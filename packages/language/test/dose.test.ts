// The patient's dose from a dose definition: weight and body-surface-area bases, rounding, the cap, the unit after multiplying, and what is refused.
import { describe, expect, test } from 'vitest';
import { bodySurfaceArea, computeDose, ScheduleInputError, type Dose } from '../src/orderset/index.js';

const perKg = (value: number, extra: Partial<Dose> = {}): Dose => ({ value, unit: 'mg/kg', per: 'kg', basis: 'actual-weight', text: `${value} mg/kg`, ...extra });
const patient = { weight: 72, height: 170, flags: [] };

describe('computeDose', () => {
    test('a per-kg dose is multiplied by the actual weight, in the unit without /kg', () => {
        expect(computeDose(perKg(0.06), patient)).toEqual({ value: 4.32, unit: 'mg', calculation: '0.06 mg/kg x 72 kg = 4.32 mg', capped: false });
    });

    test('a per-m2 dose uses the Mosteller body surface area; only the first /m2 leaves the unit (ug/m2/d -> ug/d)', () => {
        expect(bodySurfaceArea(72, 170)).toBeCloseTo(Math.sqrt(72 * 170 / 3600), 12);
        const dose: Dose = { value: 15, unit: 'ug/m2/d', per: 'm2', basis: 'body-surface-area', text: '15 mcg/m2/day' };
        expect(computeDose(dose, patient)).toMatchObject({ value: 27.6586333719, unit: 'ug/d', capped: false });
    });

    test('rounding to the nearest multiple comes before the cap, an exact half rounds up', () => {
        expect(computeDose(perKg(0.0435, { rounding: { value: 0.1, unit: 'mg' } }), { ...patient, weight: 100 })).toMatchObject({ value: 4.4 });
        expect(computeDose(perKg(8, { rounding: { value: 20, unit: 'mg' }, maxPerDose: { value: 800, unit: 'mg' } }), { ...patient, weight: 99 }))
            .toEqual({ value: 800, unit: 'mg', calculation: '8 mg/kg x 99 kg = 792 mg, rounded to 800 mg', capped: false });
        expect(computeDose(perKg(8, { rounding: { value: 20, unit: 'mg' }, maxPerDose: { value: 800, unit: 'mg' } }), { ...patient, weight: 120 }))
            .toEqual({ value: 800, unit: 'mg', calculation: '8 mg/kg x 120 kg = 960 mg, capped at 800 mg', capped: true });
    });

    test('a cap or rounding in another unit is converted with UCUM, never ignored', () => {
        expect(computeDose(perKg(8, { maxPerDose: { value: 0.8, unit: 'g' } }), { ...patient, weight: 120 })).toMatchObject({ value: 800, unit: 'mg', capped: true });
        expect(() => computeDose(perKg(8, { maxPerDose: { value: 800, unit: 'mL' } }), patient)).toThrow(ScheduleInputError);
        expect(() => computeDose(perKg(8, { rounding: { value: 1, unit: 'h' } }), patient)).toThrow(/rounding of 8 mg\/kg is in h, which cannot be converted to mg/);
    });

    test('ideal and adjusted body weight are refused, not replaced by the actual weight', () => {
        expect(() => computeDose(perKg(1, { basis: 'ideal-weight' }), patient)).toThrow(/ideal-weight: Titra computes doses by actual body weight only/);
        expect(() => computeDose(perKg(1, { basis: 'adjusted-weight' }), patient)).toThrow(ScheduleInputError);
    });

    test('a per-kg dose without a weight is bad input', () => {
        expect(() => computeDose(perKg(1), { flags: [] })).toThrow(/needs the patient's weight/);
    });
});

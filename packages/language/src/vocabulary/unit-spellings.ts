// Units as authors and pharmacists write them (mcg, x10^9/L, units, mg/day) translated into UCUM codes.
import { isValidUcum } from '../orderset/units.js';
import { timeUnitCode } from './time-units.js';

/** Time words that may appear inside a unit (mg/day, mcg/kg/hour), as the grammar's unit atoms and the reference data write them. */
const TIME_WORDS_IN_UNITS = ['day', 'days', 'hour', 'hours', 'minute', 'week'] as const;

/** Surface atoms whose UCUM code differs from their spelling; every other atom is taken as UCUM. */
const SURFACE_TO_UCUM: Readonly<Record<string, string>> = {
    mcg: 'ug',
    'µg': 'ug',
    'μg': 'ug',
    units: '[iU]',
    unit: '[iU]',
    IU: '[iU]',
    U: '[iU]',
    u: '[iU]',
    cc: 'mL',
    'x10^9': '10*9',
    'x10^6': '10*6',
    'x10^3': '10*3',
    // G/L (giga per litre) as European laboratories write it; UCUM's G is the gauss.
    G: '10*9',
    mcL: 'uL',
    ...Object.fromEntries(TIME_WORDS_IN_UNITS.map((word) => [word, timeUnitCode(word)])),
    uL: 'uL',
    mL: 'mL',
    dL: 'dL'
};

export interface TranslatedUnit {
    ucum: string;
    /** The dose is per kg of body weight or per m2 of body surface area. */
    per?: 'kg' | 'm2';
}

const translations = new Map<string, TranslatedUnit | undefined>();

/** Returns the UCUM form of a surface unit, or undefined when UCUM does not know it (memoized: UCUM parsing is slow). */
export function translateUnit(surface: string): TranslatedUnit | undefined {
    if (translations.has(surface)) return translations.get(surface);
    const translated = translateUncached(surface);
    translations.set(surface, translated);
    return translated;
}

function translateUncached(surface: string): TranslatedUnit | undefined {
    const cleaned = surface.replace(/\s+/g, '').replace(/\.$/, '');
    const leadingSlash = cleaned.startsWith('/');
    const atoms = (leadingSlash ? cleaned.slice(1) : cleaned).split('/');
    if (atoms.some((a) => a.length === 0)) return undefined;
    const ucumAtoms = atoms.map((a) => SURFACE_TO_UCUM[a] ?? a);
    const ucum = (leadingSlash ? '/' : '') + ucumAtoms.join('/');
    if (!isValidUcum(ucum)) return undefined;
    const denominator = leadingSlash ? ucumAtoms[0] : ucumAtoms[1];
    const per = denominator === 'kg' ? 'kg' : denominator === 'm2' ? 'm2' : undefined;
    return per ? { ucum, per } : { ucum };
}

// Safe order writing (ISMP, Joint Commission "Do Not Use"): numbers, frequency and unit abbreviations, routes.
import type { AstNode, ValidationAcceptor } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import {
    isObservationCondition, type Agent, type DoseAmount, type Frequency, type MedicationOrder, type ObservationCondition, type Quantity
} from '../grammar/generated/ast.js';
import { ERROR_PRONE_ROUTE_SPELLINGS, LOWER_CASE_ROUTE_SPELLINGS, type RouteSpelling } from '../vocabulary/routes.js';
import { Codes, diagnostic } from './codes.js';
import { tokensOfType } from './tokens.js';

/**
 * Reports every NUMBER token of the file written as `.5` (naked decimal) or `1.0` / `1.` (trailing zero).
 * Trailing zeros are allowed in lab thresholds, where they state the precision of a result (Joint Commission).
 */
export function checkNumberSpelling(root: AstNode, accept: ValidationAcceptor): void {
    for (const leaf of tokensOfType(root, 'NUMBER')) {
        const text = leaf.text;
        if (text.includes(',')) {
            const plain = text.replace(/,/g, '');
            accept('warning', `Write '${plain}', not '${text}': a comma is a decimal mark in many countries, so '${text}' can be read as a 1000-fold smaller number.`, {
                node: leaf.astNode, range: leaf.range, ...diagnostic(Codes.errorProneSpelling, { replacement: plain, spelling: text })
            });
        } else if (text.startsWith('.')) {
            accept('error', `Write '0${text}', not '${text}': a naked decimal point can be missed and read as a 10-fold larger dose (ISMP).`, {
                node: leaf.astNode, range: leaf.range, ...diagnostic(Codes.nakedDecimal, { replacement: `0${text}` })
            });
        } else if (/\.\d*0$|\.$/.test(text) && !isObservationCondition(leaf.astNode)) {
            const fixed = text.replace(/0+$/, '').replace(/\.$/, '');
            accept('error', `Write '${fixed}', not '${text}': a trailing zero can be missed and read as a 10-fold larger dose (ISMP).`, {
                node: leaf.astNode, range: leaf.range, ...diagnostic(Codes.trailingZero, { replacement: fixed })
            });
        }
    }
}

/** Frequencies on the Joint Commission "Do Not Use" list or ISMP's error-prone list, with what to write. */
export const FREQUENCY_ABBREVIATIONS: Readonly<Record<string, { write: string; why: string }>> = {
    qd: { write: 'daily', why: 'QD is mistaken for QID (Joint Commission "Do Not Use")' },
    QD: { write: 'daily', why: 'QD is mistaken for QID (Joint Commission "Do Not Use")' },
    qod: { write: 'every other day', why: 'QOD is mistaken for QD or QID (Joint Commission "Do Not Use")' },
    QOD: { write: 'every other day', why: 'QOD is mistaken for QD or QID (Joint Commission "Do Not Use")' },
    TIW: { write: '3 times weekly', why: 'TIW is read as three times a day or twice weekly (ISMP)' },
    tiw: { write: '3 times weekly', why: 'TIW is read as three times a day or twice weekly (ISMP)' },
    HS: { write: 'the time of day', why: 'HS can mean half-strength or bedtime (ISMP)' },
    hs: { write: 'the time of day', why: 'HS can mean half-strength or bedtime (ISMP)' }
};

export function checkFrequencyAbbreviation(frequency: Frequency, accept: ValidationAcceptor): void {
    const entry = frequency.abbreviation ? FREQUENCY_ABBREVIATIONS[frequency.abbreviation] : undefined;
    if (!entry) return;
    accept('error', `Do not write '${frequency.abbreviation}': ${entry.why}. Write '${entry.write}'.`, {
        node: frequency, property: 'abbreviation', ...diagnostic(Codes.unsafeAbbreviation, { replacement: entry.write })
    });
}

/** Unit spellings: U and IU are on the "Do Not Use" list (errors); µg, ug, cc and a trailing period are error-prone. */
const UNIT_SPELLINGS: Readonly<Record<string, { write: string; error: boolean; why: string }>> = {
    U: { write: 'units', error: true, why: 'U is mistaken for 0 or 4 (Joint Commission "Do Not Use")' },
    u: { write: 'units', error: true, why: 'u is mistaken for 0 or 4 (Joint Commission "Do Not Use")' },
    IU: { write: 'units', error: true, why: 'IU is mistaken for IV or 10 (Joint Commission "Do Not Use")' },
    'µg': { write: 'mcg', error: false, why: 'µg is mistaken for mg (ISMP)' },
    'μg': { write: 'mcg', error: false, why: 'μg is mistaken for mg (ISMP)' },
    ug: { write: 'mcg', error: false, why: 'ug is mistaken for mg (ISMP)' },
    cc: { write: 'mL', error: false, why: 'cc is mistaken for U or 00 (ISMP)' }
};

export function checkUnitSpelling(node: DoseAmount | Quantity | ObservationCondition, accept: ValidationAcceptor): void {
    if (typeof node.unit !== 'string') return;
    const unit = node.unit.replace(/\s+/g, '');
    for (const atom of unit.replace(/\.$/, '').split('/')) {
        const entry = UNIT_SPELLINGS[atom];
        if (!entry) continue;
        accept(entry.error ? 'error' : 'warning', `Do not write '${atom}': ${entry.why}. Write '${entry.write}'.`, {
            node, property: 'unit', ...diagnostic(entry.error ? Codes.unsafeAbbreviation : Codes.errorProneSpelling, { replacement: entry.write, spelling: atom })
        });
    }
    if (unit.endsWith('.')) {
        accept('warning', `Write '${unit.slice(0, -1)}' without a period: '${unit}' can be misread as a '1' or a decimal point (ISMP).`, {
            node, property: 'unit', ...diagnostic(Codes.errorProneSpelling, { replacement: unit.slice(0, -1), spelling: unit })
        });
    }
}

/** SC and SQ are mistaken for SL and "5 every" (ISMP): write subcut. Lower-case codes (po, iv) are written in capitals. */
export function checkRouteSpelling(node: Agent | MedicationOrder, accept: ValidationAcceptor): void {
    const finding = (route: RouteSpelling) => {
        const errorProne = ERROR_PRONE_ROUTE_SPELLINGS[route];
        const replacement = errorProne ?? LOWER_CASE_ROUTE_SPELLINGS[route];
        if (replacement === undefined) return undefined;
        const message = errorProne
            ? `Do not write '${route}': it is mistaken for SL or "5 every" (ISMP). Write '${replacement}'.`
            : `Write '${replacement}', not '${route}': route codes are written in capitals.`;
        return { message, ...diagnostic(Codes.errorProneSpelling, { replacement, spelling: route }) };
    };
    if (ast.isAgent(node)) {
        const found = finding(node.route);
        if (found) accept('warning', found.message, { node, property: 'route', code: found.code, data: found.data });
        return;
    }
    node.routes.forEach((route, index) => {
        const found = finding(route);
        if (found) accept('warning', found.message, { node, property: 'routes', index, code: found.code, data: found.data });
    });
}

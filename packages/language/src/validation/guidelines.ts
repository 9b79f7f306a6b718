// Guideline completeness: a CRS or ICANS grade gives every therapy the IMWG 2024 panel recommends at that grade.
import type { ValidationAcceptor } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import {
    drugDoseReference, GUIDELINE_THERAPY_KINDS, guidelinePanel, guidelineTherapy, type GuidelineTherapyReference
} from '../knowledge/reference.js';
import { numberOf } from './clinical-values.js';
import { Codes, diagnostic } from './codes.js';
import { actionsOf } from './panels.js';

/** Every name of the therapy's drugs (generic, brand, synonyms) and its class words, lower case. */
function namesOf(therapy: GuidelineTherapyReference): string[] {
    const drugNames = therapy.drugs.flatMap((drug) => {
        const reference = drugDoseReference(drug);
        return reference ? [reference.name, ...reference.synonyms] : [drug];
    });
    return [...drugNames, ...therapy.words].map((name) => name.toLowerCase());
}

/** One pattern per therapy, built once: any of its names as a word (a plural s allowed). */
const THERAPY_PATTERNS = new WeakMap<GuidelineTherapyReference, RegExp>();

function therapyPattern(therapy: GuidelineTherapyReference): RegExp {
    let pattern = THERAPY_PATTERNS.get(therapy);
    if (!pattern) {
        const names = namesOf(therapy).map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        // A therapy without names names nothing (an empty alternation would match every text).
        pattern = names.length > 0 ? new RegExp(`(^|[^a-z])(${names.join('|')})s?([^a-z]|$)`) : /(?!)/;
        THERAPY_PATTERNS.set(therapy, pattern);
    }
    return pattern;
}

/** True when the action gives (or considers) the therapy: an order of one of its drugs, or a text naming it. */
function namesTherapy(action: ast.Action, therapy: GuidelineTherapyReference): boolean {
    if (ast.isMedicationOrder(action)) {
        const drug = drugDoseReference(action.drug ?? '')?.name ?? action.drug ?? '';
        return therapy.drugs.some((d) => d.toLowerCase() === drug.toLowerCase());
    }
    const text = (ast.isInstruction(action) ? action.text ?? '' : ast.isProcedureOrder(action) ? action.words.join(' ') : '').toLowerCase();
    return therapyPattern(therapy).test(text);
}

function isConsidered(action: ast.Action): boolean {
    return (action as { consider?: boolean }).consider === true;
}

/**
 * A therapy the IMWG 2024 panel recommends at a grade (tocilizumab from CRS grade 2, corticosteroids at CRS grades 3-4,
 * dexamethasone from ICANS grade 2, ...) must be given at that grade, not only considered or kept for no improvement:
 * an error quoting the guideline's grade. A 'consider' or 'if no improvement' therapy left out entirely is an
 * information.
 */
export function checkGuidelineTherapies(entry: ast.GradeEntry, accept: ValidationAcceptor): void {
    const container = entry.$container;
    const system = ast.isCrsPanel(container) ? 'crs' : ast.isIcansPanel(container) ? 'icans' : undefined;
    const grade = numberOf(entry.grade);
    if (!system || grade === undefined) return;
    const panel = guidelinePanel(system);
    const reference = panel.grades.find((g) => g.grade === grade);
    if (!reference) return;
    const label = `${system.toUpperCase()} grade ${grade}`;
    const guideline = `${panel.title}, grade ${grade}: "${reference.text}" (source: ${panel.source})`;
    const later = actionsOf(entry).slice(entry.actions.length);
    for (const kind of GUIDELINE_THERAPY_KINDS) {
        const recommendation = reference[kind];
        if (recommendation === undefined || recommendation === 'not-stated') continue;
        const therapy = guidelineTherapy(kind);
        const given = entry.actions.filter((a) => namesTherapy(a, therapy));
        const anywhere = [...given, ...later.filter((a) => namesTherapy(a, therapy))];
        if (recommendation === 'recommended' && !given.some((a) => !isConsidered(a))) {
            const how = anywhere.length === 0 ? `has no ${therapy.name}` : given.length > 0 ? `only considers ${therapy.name}`
                : `gives ${therapy.name} only if there is no improvement`;
            accept('error', `${label} ${how}; the guideline gives it at this grade. ${guideline}.`, {
                node: entry, property: 'grade', ...diagnostic(Codes.guidelineTherapyMissing)
            });
        } else if (recommendation !== 'recommended' && anywhere.length === 0) {
            const how = recommendation === 'consider' ? 'considers' : 'adds if there is no improvement';
            accept('info', `${label} does not mention ${therapy.name}, which the guideline ${how} at this grade. ${guideline}.`, {
                node: entry, property: 'grade', ...diagnostic(Codes.guidelineTherapyMissing)
            });
        }
    }
}

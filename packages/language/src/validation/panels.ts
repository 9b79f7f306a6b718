// CRS and ICANS panel checks: grades 1-4 once each, ASTCT ICE ranges, escalation of care (drug limits: drug-doses.ts).
import { GrammarUtils, type ValidationAcceptor } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import { gradingReference } from '../knowledge/reference.js';
import { numberOf } from './clinical-values.js';
import { Codes, diagnostic } from './codes.js';

const PANEL_GRADES = [1, 2, 3, 4];

/** Each of grades 1-4 is defined exactly once in a CRS or ICANS panel that defines its grades. */
export function checkPanelGrades(panel: ast.CrsPanel | ast.IcansPanel, accept: ValidationAcceptor): void {
    if (panel.uses) return;
    const system = ast.isCrsPanel(panel) ? 'CRS' : 'ICANS';
    const seen = new Set<number>();
    for (const entry of panel.grades) {
        const grade = numberOf(entry.grade);
        if (grade === undefined) continue;
        if (seen.has(grade)) {
            accept('error', `${system} grade ${grade} is defined more than once; define each grade once.`, {
                node: entry, property: 'grade', ...diagnostic(Codes.panelDuplicateGrade)
            });
        }
        seen.add(grade);
    }
    const missing = PANEL_GRADES.filter((g) => !seen.has(g));
    if (missing.length === 0) return;
    const reference = gradingReference(ast.isCrsPanel(panel) ? 'crs' : 'icans');
    const definitions = missing.map((g) => `grade ${g}: ${reference.grades.find((d) => d.grade === g)?.definition ?? ''}`).join('; ');
    const keyword = GrammarUtils.findNodeForKeyword(panel.$cstNode, ast.isCrsPanel(panel) ? 'crs-panel' : 'icans-panel');
    accept('error', `${system} panel ${panel.name ?? ''} does not define ${missing.map((g) => `grade ${g}`).join(', ')}; ASTCT ${definitions} (source: ${reference.source}).`, {
        node: panel, ...(keyword ? { range: keyword.range } : {}), ...diagnostic(Codes.panelMissingGrade, { missing })
    });
}

/** ICANS grades carry the ASTCT ICE ranges (grade 1: 7-9, 2: 3-6, 3: 0-2, 4: 0); grades 1-3 do not overlap. */
export function checkIceRanges(panel: ast.IcansPanel, accept: ValidationAcceptor): void {
    if (panel.uses) return;
    const reference = gradingReference('icans');
    const ranges: Array<{ entry: ast.GradeEntry; grade: number; min: number; max: number }> = [];
    for (const entry of panel.grades) {
        const grade = numberOf(entry.grade);
        const expected = reference.grades.find((g) => g.grade === grade)?.ice;
        if (grade === undefined || !expected) continue;
        const min = numberOf(entry.iceMin);
        const max = numberOf(entry.iceMax) ?? min;
        const astct = expected.min === expected.max ? `ICE ${expected.min}` : `ICE ${expected.min} to ${expected.max}`;
        if (min === undefined || max === undefined) {
            accept('error', `ICANS grade ${grade} has no ICE range: ASTCT grade ${grade} is ${astct}; write 'grade ${grade} (${astct}):'.`, {
                node: entry, property: 'grade', ...diagnostic(Codes.panelIceRanges)
            });
            continue;
        }
        ranges.push({ entry, grade, min, max });
        if (min !== expected.min || max !== expected.max) {
            accept('error', `ICANS grade ${grade} is ICE ${min}${max !== min ? ` to ${max}` : ''}: ASTCT grade ${grade} is ${astct} (source: ${reference.source}).`, {
                node: entry, property: 'iceMin', ...diagnostic(Codes.panelIceRanges, { expected })
            });
        }
    }
    // Grade 4 (ICE 0, unarousable) lies inside grade 3 by definition; grades 1-3 partition 0-9 (10 is no ICANS).
    const partition = ranges.filter((r) => r.grade <= 3).sort((a, b) => a.min - b.min);
    for (let i = 1; i < partition.length; i++) {
        const [low, high] = [partition[i - 1], partition[i]];
        if (high.min > low.max) continue;
        accept('error', `ICE ranges of ICANS grades ${low.grade} (${low.min} to ${low.max}) and ${high.grade} (${high.min} to ${high.max}) overlap: one ICE score would mean two grades.`, {
            node: high.entry, property: 'iceMin', ...diagnostic(Codes.panelIceRanges)
        });
    }
}

/** Every action of a grade: its own, then those of its escalations in order. */
export function actionsOf(entry: ast.GradeEntry): ast.Action[] {
    const actions = [...entry.actions];
    for (let escalation = entry.escalation; escalation; escalation = escalation.escalation) actions.push(...escalation.actions);
    return actions;
}

function escalatesCare(action: ast.Action): boolean {
    if (ast.isProcedureOrder(action)) return action.words.some((w) => /^(ICU|intensive)$/i.test(w));
    if (ast.isInstruction(action)) return /\bICU\b|intensive care/i.test(action.text ?? '');
    return false;
}

/** CRS and ICANS grades 3 and 4 include escalation of care (transfer to the ICU), not only as a 'consider'. */
export function checkGradeEscalation(entry: ast.GradeEntry, accept: ValidationAcceptor): void {
    const panel = entry.$container;
    if (!ast.isCrsPanel(panel) && !ast.isIcansPanel(panel)) return;
    const grade = numberOf(entry.grade);
    if (grade === undefined || grade < 3) return;
    if (actionsOf(entry).some((a) => escalatesCare(a) && !(a as { consider?: boolean }).consider)) return;
    accept('error', `${ast.isCrsPanel(panel) ? 'CRS' : 'ICANS'} grade ${grade} has no escalation of care: add 'transfer ICU' (IMWG 2024 panel ${ast.isCrsPanel(panel) ? '1' : '2'}).`, {
        node: entry, property: 'grade', ...diagnostic(Codes.grade3WithoutEscalation)
    });
}

/** A grade whose management is still the `"TODO: ..."` placeholder that the missing-grade quick fix inserts. */
export function checkGradePlaceholder(entry: ast.GradeEntry, accept: ValidationAcceptor): void {
    if (!actionsOf(entry).some((a) => ast.isInstruction(a) && /^"?TODO\b/.test(a.text ?? ''))) return;
    accept('error', `Grade ${entry.grade} is a placeholder: write its management (from your institution's source) in place of the TODO instruction.`, {
        node: entry, property: 'grade', ...diagnostic(Codes.panelPlaceholder)
    });
}

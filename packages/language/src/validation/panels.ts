// CRS and ICANS panel checks: grades 1-4 once each, ASTCT ICE ranges, escalation of care, tocilizumab limits.
import { GrammarUtils, type ValidationAcceptor } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import { gradingReference, supportiveDrugReference, type DoseLimitReference } from '../knowledge/reference.js';
import { convertTo, doseValueOf, formatNumber, hoursOf, numberOf, quantityOf, type DoseValue } from './clinical-values.js';
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

/** Tocilizumab within the reference limits: mg/kg dose, mg per dose, doses per 24 hours, doses in total. */
export function checkTocilizumab(order: ast.MedicationOrder, accept: ValidationAcceptor): void {
    const reference = supportiveDrugReference('tocilizumab');
    if (!reference || order.drug?.toLowerCase() !== 'tocilizumab') return;
    const report = (message: string, property: 'amount' | 'limits' | 'frequencies', limit: DoseLimitReference, severity = limit.confirmed ? 'error' : 'info') =>
        accept(severity as 'error' | 'warning' | 'info', `${message} (source: ${limit.source})${limit.confirmed ? '' : ' (unconfirmed)'}.`, {
            node: order, property, ...diagnostic(Codes.tocilizumabLimit)
        });
    const dose = doseValueOf(order.amount);
    const perDoseCaps = order.limits.flatMap((l) => {
        const value = numberOf(l.perDose?.value);
        const cap = value === undefined || l.perDose?.unit === undefined || l.period ? undefined : quantityOf(value, l.perDose.unit);
        return cap ? [cap] : [];
    });
    for (const limit of reference.limits) {
        const cap = limit.unit === undefined ? undefined : quantityOf(limit.value, limit.unit);
        const over = (written: DoseValue | undefined) => {
            const value = written && cap ? convertTo(written, cap) : undefined;
            return value !== undefined && value > limit.value;
        };
        const shown = (written: DoseValue) => `${formatNumber(written.value)} ${written.unit}`;
        if ((limit.kind === 'per-kg-per-dose' || limit.kind === 'per-dose') && dose && over(dose)) {
            report(`Tocilizumab ${shown(dose)} exceeds ${formatNumber(limit.value)} ${limit.unit} per dose`, 'amount', limit);
        }
        if (limit.kind === 'per-dose') {
            for (const written of perDoseCaps.filter(over)) {
                report(`A maximum of ${shown(written)} per tocilizumab dose exceeds ${formatNumber(limit.value)} ${limit.unit}`, 'limits', limit);
            }
            if (dose?.kind === 'per-kg' && perDoseCaps.length === 0) {
                report(`A weight-based tocilizumab dose needs a cap: add 'max ${formatNumber(limit.value)} ${limit.unit} per dose'`, 'amount', limit, 'warning');
            }
        }
        if (limit.kind === 'doses-per-period' && limit.periodHours !== undefined) {
            const period = limit.periodHours;
            const counted = order.limits.filter((l) => l.count !== undefined && l.countPeriod !== undefined);
            for (const l of counted) {
                const count = numberOf(l.count);
                const hours = hoursOf(numberOf(l.countPeriod?.value), l.countPeriod?.unit);
                if (count !== undefined && hours !== undefined && hours <= period && count > limit.value) {
                    report(`At most ${formatNumber(limit.value)} tocilizumab doses per ${formatNumber(period)} hours, not ${formatNumber(count)} per ${l.countPeriod?.value} ${l.countPeriod?.unit}`, 'limits', limit);
                }
            }
            const every = order.frequencies[0]?.every;
            const interval = hoursOf(numberOf(every?.value), every?.unit);
            if (interval !== undefined && counted.length === 0 && period / interval > limit.value) {
                report(`Tocilizumab every ${every?.value} ${every?.unit} gives more than ${formatNumber(limit.value)} doses per ${formatNumber(period)} hours`, 'frequencies', limit);
            }
        }
        if (limit.kind === 'doses-total') {
            for (const l of order.limits) {
                const count = numberOf(l.count);
                if (l.total && count !== undefined && count > limit.value) {
                    report(`At most ${formatNumber(limit.value)} tocilizumab doses in total, not ${formatNumber(count)}`, 'limits', limit);
                }
            }
        }
    }
}

// Turns Langium diagnostics into findings and file:line:column text reports (JSON and SARIF are built from the findings).
import { diagnosticCode, type CheckDiagnostic, type SuppressedFindings } from '@titra/language';
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { displayPath } from './workspace-loader.js';

/** A finding of a check: the diagnostic of the titra.check/1 contract (`titra check --format json`). */
export type Finding = CheckDiagnostic;
export type Severity = Finding['severity'];

const SEVERITIES: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** The findings of a document: its diagnostics, then those that suppression comments silenced. */
export function findingsOf(document: LangiumDocument, suppressed: SuppressedFindings): Finding[] {
    const file = displayPath(document.uri.fsPath);
    const finding = (d: Diagnostic, reason?: string): Finding => ({
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: SEVERITIES[d.severity ?? 1],
        code: diagnosticCode(d),
        message: typeof d.message === 'string' ? d.message : d.message.value,
        suppressed: reason !== undefined,
        ...(reason !== undefined ? { reason } : {})
    });
    return [
        ...(document.diagnostics ?? []).map((d) => finding(d)),
        ...suppressed.of(document).map((s) => finding(s.diagnostic, s.reason))
    ];
}

export function sortFindings(findings: Finding[]): Finding[] {
    return [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column
        || a.code.localeCompare(b.code) || a.message.localeCompare(b.message));
}

/** The longest source excerpt a report quotes: a longer line is cut around the problem, with '...' where it was cut. */
export const EXCERPT_WIDTH = 1000;

/** The part of `line` a report quotes for columns `from` to `to` (1-based), and the column the problem starts at in it. */
function excerpt(line: string, from: number, to: number): { text: string; column: number; width: number } {
    const width = Math.max(1, to - from);
    if (line.length <= EXCERPT_WIDTH) return { text: line, column: from, width };
    const start = Math.max(0, Math.min(from - 1 - 100, line.length - EXCERPT_WIDTH));
    const before = start > 0 ? '...' : '';
    const end = start + EXCERPT_WIDTH;
    const shown = `${before}${line.slice(start, end)}${end < line.length ? '...' : ''}`;
    const column = from - start + before.length;
    return { text: shown, column, width: Math.max(1, Math.min(width, EXCERPT_WIDTH - (from - 1 - start))) };
}

/**
 * `file:line:col: severity [code] message`, then the source line with a caret under the problem (control and
 * text-direction characters of the line shown visibly, a very long line cut around the problem).
 */
export function formatFindingText(finding: Finding, sourceText: string | undefined, color: boolean): string {
    const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
    const severity = finding.severity === 'error' ? paint('31;1', 'error') : finding.severity === 'warning' ? paint('33;1', 'warning') : paint('36', finding.severity);
    const head = `${paint('1', `${finding.file}:${finding.line}:${finding.column}`)}: ${severity} [${finding.code}] ${finding.message}`;
    const line = sourceText?.split(/\r?\n/)[finding.line - 1];
    if (line === undefined) return head;
    const gutter = String(finding.line).length;
    const to = finding.endLine === finding.line ? finding.endColumn : line.length + 1;
    const shown = excerpt(line, finding.column, to);
    const caret = ' '.repeat(Math.max(0, shown.column - 1)) + '^'.repeat(shown.width);
    return `${head}\n ${' '.repeat(gutter)} |\n ${finding.line} | ${visible(shown.text)}\n ${' '.repeat(gutter)} | ${paint('31', caret)}`;
}

/** Control and text-direction characters as '?', one for one, so the quoted line neither drives the terminal nor shifts the caret. */
function visible(text: string): string {
    return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
}

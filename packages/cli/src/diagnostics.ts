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

/** `file:line:col: severity [code] message`, then the source line with a caret under the problem. */
export function formatFindingText(finding: Finding, sourceText: string | undefined, color: boolean): string {
    const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
    const severity = finding.severity === 'error' ? paint('31;1', 'error') : finding.severity === 'warning' ? paint('33;1', 'warning') : paint('36', finding.severity);
    const head = `${paint('1', `${finding.file}:${finding.line}:${finding.column}`)}: ${severity} [${finding.code}] ${finding.message}`;
    const line = sourceText?.split(/\r?\n/)[finding.line - 1];
    if (line === undefined) return head;
    const gutter = String(finding.line).length;
    const width = finding.endLine === finding.line ? Math.max(1, finding.endColumn - finding.column) : Math.max(1, line.length - finding.column + 1);
    const caret = ' '.repeat(Math.max(0, finding.column - 1)) + '^'.repeat(width);
    return `${head}\n ${' '.repeat(gutter)} |\n ${finding.line} | ${line}\n ${' '.repeat(gutter)} | ${paint('31', caret)}`;
}

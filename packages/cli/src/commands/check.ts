// `titra check`: every diagnostic of the given protocols and libraries, as text, JSON or SARIF.
import { CHECK_FORMAT, titraVersion, type CheckReport } from '@titra/language';
import { findingsOf, formatFindingText, sortFindings, type Finding } from '../diagnostics.js';
import { toSarif } from '../sarif.js';
import type { Terminal } from '../terminal.js';
import { displayPath, expandPaths, InputError, loadWorkspace, type LoadedWorkspace } from '../workspace-loader.js';

export interface CheckOptions {
    paths: string[];
    format: 'text' | 'json' | 'sarif';
    strict: boolean;
}

/**
 * Prints the findings of a loaded workspace (suppressed ones only in JSON and SARIF); shared by check and compile.
 * Returns the findings that are not suppressed.
 */
export function reportFindings(terminal: Terminal, workspace: LoadedWorkspace, format: 'text' | 'json' | 'sarif'): Finding[] {
    const documents = workspace.all;
    const suppressed = workspace.Titra.validation.SuppressedFindings;
    const all = sortFindings(documents.flatMap((document) => findingsOf(document, suppressed)));
    const findings = all.filter((f) => !f.suppressed);
    if (format === 'json') {
        terminal.out(JSON.stringify(checkReport(all, findings, documents.length), null, 2));
    } else if (format === 'sarif') {
        terminal.out(JSON.stringify(toSarif(all, titraVersion, workspace.root), null, 2));
    } else {
        const texts = new Map(documents.map((d) => [displayPath(d.uri.fsPath), d.textDocument.getText()]));
        for (const finding of findings) terminal.err(formatFindingText(finding, texts.get(finding.file), terminal.color));
    }
    return findings;
}

/** The tool named in every titra.check/1 envelope. */
const TOOL = { name: 'titra', version: titraVersion } as const;

/** The titra.check/1 envelope of the findings (`all`, suppressed included; `counted`, not suppressed) of `files` checked files. */
function checkReport(all: Finding[], counted: Finding[], files: number): CheckReport {
    const count = (severities: Finding['severity'][]) => counted.filter((f) => severities.includes(f.severity)).length;
    return {
        format: CHECK_FORMAT, status: 'checked', tool: TOOL,
        counts: { files, errors: count(['error']), warnings: count(['warning']), information: count(['info', 'hint']), suppressed: all.length - counted.length },
        diagnostics: all
    };
}

/** The titra.check/1 envelope of a check that could not run (bad input or usage, exit 2), printed on standard output for --format json. */
export function printCheckInputError(terminal: Terminal, message: string): void {
    const report: CheckReport = { format: CHECK_FORMAT, status: 'input-error', tool: TOOL, error: { message } };
    terminal.out(JSON.stringify(report, null, 2));
}

/** Checks the paths; with --format json an input error (exit 2) is also printed on standard output, as a titra.check/1 envelope. */
export async function runCheck(terminal: Terminal, options: CheckOptions): Promise<number> {
    try {
        return await checkPaths(terminal, options);
    } catch (error) {
        if (options.format === 'json' && error instanceof InputError) printCheckInputError(terminal, error.message);
        throw error;
    }
}

async function checkPaths(terminal: Terminal, options: CheckOptions): Promise<number> {
    const files = await expandPaths(options.paths.length > 0 ? options.paths : ['.']);
    const workspace = await loadWorkspace(files);
    const findings = reportFindings(terminal, workspace, options.format);
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    if (options.format === 'text') {
        terminal.err(`${workspace.all.length} file${workspace.all.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
    }
    return errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
}

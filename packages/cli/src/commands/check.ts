// `titra check`: every diagnostic of the given protocols and libraries, as text, JSON or SARIF.
import { titraVersion } from '@titra/language';
import { findingsOf, formatFindingText, sortFindings, toSarif, type Finding } from '../diagnostics.js';
import type { Terminal } from '../terminal.js';
import { displayPath, expandPaths, loadWorkspace, type LoadedWorkspace } from '../workspace-loader.js';

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
        terminal.out(JSON.stringify(all, null, 2));
    } else if (format === 'sarif') {
        terminal.out(JSON.stringify(toSarif(all, titraVersion), null, 2));
    } else {
        const texts = new Map(documents.map((d) => [displayPath(d.uri.fsPath), d.textDocument.getText()]));
        for (const finding of findings) terminal.err(formatFindingText(finding, texts.get(finding.file), terminal.color));
    }
    return findings;
}

export async function runCheck(terminal: Terminal, options: CheckOptions): Promise<number> {
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

// `titra check`: every diagnostic of the given protocols and libraries, as text, JSON or SARIF.
import type { LangiumDocument } from 'langium';
import { findingsOf, formatFindingText, sortFindings, toSarif, type Finding } from '../diagnostics.js';
import { titraVersion } from '../version.js';
import type { Terminal } from '../terminal.js';
import { displayPath, expandPaths, loadWorkspace } from '../workspace-loader.js';

export interface CheckOptions {
    paths: string[];
    format: 'text' | 'json' | 'sarif';
    strict: boolean;
}

/**
 * Prints findings for a set of documents (suppressed ones only in JSON and SARIF); shared by check and compile.
 * Returns the findings that are not suppressed.
 */
export function reportFindings(terminal: Terminal, documents: LangiumDocument[], format: 'text' | 'json' | 'sarif'): Finding[] {
    const all = sortFindings(documents.flatMap(findingsOf));
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
    const findings = reportFindings(terminal, workspace.all, options.format);
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    if (options.format === 'text') {
        terminal.err(`${workspace.all.length} file${workspace.all.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
    }
    return errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
}

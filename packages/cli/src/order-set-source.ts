// Gets an order set from a .titra protocol (compiled in memory) or a compiled .json file.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { OrderSet } from '@titra/language';
import { reportFindings } from './commands/check.js';
import { compileLoaded } from './commands/compile.js';
import type { Terminal } from './terminal.js';
import { displayPath, InputError, loadWorkspace, readProtocolText } from './workspace-loader.js';

/** The order set, or the exit code 1 when the protocol has errors (already printed). */
export async function loadOrderSet(terminal: Terminal, file: string): Promise<OrderSet | 1> {
    const absolute = path.resolve(file);
    const stat = await fs.stat(absolute).catch(() => null);
    if (!stat) throw new InputError(`${file}: no such file`);
    if (!stat.isFile()) throw new InputError(`${file}: not a file`);
    if (absolute.endsWith('.json')) {
        const text = await readProtocolText(absolute, displayPath(absolute));
        let json: unknown;
        try {
            json = JSON.parse(text);
        } catch (error) {
            throw new InputError(`${displayPath(absolute)}: not valid JSON (${(error as Error).message})`);
        }
        const parsed = OrderSet.safeParse(json);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            throw new InputError(`${displayPath(absolute)}: not a titra.orderset/1 document: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
        }
        return parsed.data;
    }
    const workspace = await loadWorkspace([absolute]);
    const findings = reportFindings(terminal, workspace, 'text').filter((f) => f.severity === 'error');
    if (findings.length > 0) return 1;
    // A draft is compiled: schedules, diffs, renders and scenarios are how a draft is tried out before it is made active.
    const compiled = compileLoaded(workspace, workspace.roots[0], true);
    if (compiled.kind === 'draft') throw new Error('internal error: a draft was refused although drafts are allowed');
    return compiled.orderSet;
}

// Gets an order set from a .titra protocol (compiled in memory) or a compiled .json file, read inside the workspace.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { OrderSet } from '@titra/language';
import { reportFindings } from './commands/check.js';
import { compileLoaded } from './commands/compile.js';
import { parseJsonInput } from './json-input.js';
import type { Terminal } from './terminal.js';
import { confinedRealPath, displayPath, InputError, loadWorkspace, readProtocolText, workspaceOf } from './workspace-loader.js';

export interface OrderSetSourceOptions {
    /** The folder the file must be inside; default: the workspace of the file itself (which still refuses symbolic links leading out). */
    workspaceRoot?: string;
    /** How messages about the file itself name it; default: the path as given. */
    shownAs?: string;
}

/** The order set, or the exit code 1 when the protocol has errors (already printed). */
export async function loadOrderSet(terminal: Terminal, file: string, options: OrderSetSourceOptions = {}): Promise<OrderSet | 1> {
    const absolute = path.resolve(file);
    const shownAs = options.shownAs ?? file;
    const workspaceRoot = options.workspaceRoot ?? await workspaceOf([absolute]);
    const real = await confinedRealPath(absolute, workspaceRoot, shownAs);
    const stat = await fs.stat(real).catch(() => null);
    if (!stat) throw new InputError(`${shownAs}: no such file`);
    if (stat.isDirectory()) throw new InputError(`${shownAs}: is a folder; name a protocol (.titra) or order set (.json) file`);
    if (!stat.isFile()) throw new InputError(`${shownAs}: not a file`);
    if (absolute.endsWith('.json')) {
        const shown = displayPath(absolute);
        const parsed = OrderSet.safeParse(parseJsonInput(await readProtocolText(real, shown), shown));
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            throw new InputError(`${shown}: not a titra.orderset/1 document: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
        }
        return parsed.data;
    }
    if (!absolute.endsWith('.titra')) throw new InputError(`${shownAs}: not a protocol (.titra) or order set (.json)`);
    const workspace = await loadWorkspace([absolute], { workspaceRoot });
    const findings = reportFindings(terminal, workspace, 'text').filter((f) => f.severity === 'error');
    if (findings.length > 0) return 1;
    // A draft is compiled: schedules, diffs, renders and scenarios are how a draft is tried out before it is made active.
    const compiled = compileLoaded(workspace, workspace.roots[0], true);
    if (compiled.kind === 'draft') throw new Error('internal error: a draft was refused although drafts are allowed');
    return compiled.orderSet;
}

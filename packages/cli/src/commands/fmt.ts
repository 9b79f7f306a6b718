// `titra fmt`: rewrites protocols and libraries in canonical layout (atomically), or with --check lists those that would change.
import { createTitraServices, formatTitraText } from '@titra/language';
import { writeAllOrNothing, type PlannedOutput } from '../atomic-write.js';
import type { Terminal } from '../terminal.js';
import { confinedRealPath, displayPath, expandPaths, readProtocolText, workspaceOf } from '../workspace-loader.js';

export interface FmtOptions {
    paths: string[];
    check: boolean;
}

function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Exit codes: 0 all files canonical (or rewritten); 1 with --check when a file would change;
 * 2 when a file has syntax errors (it is reported and left untouched) or on input errors.
 */
export async function runFmt(terminal: Terminal, options: FmtOptions): Promise<number> {
    const files = await expandPaths(options.paths.length > 0 ? options.paths : ['.']);
    // Every file is read before anything is written: an unreadable file stops the run with nothing changed.
    // Each file is read and rewritten at its real path, which must be inside the workspace.
    const workspaceRoot = await workspaceOf(files);
    const texts = new Map<string, string>();
    for (const file of files) {
        const real = await confinedRealPath(file, workspaceRoot, displayPath(file));
        texts.set(real, await readProtocolText(real, displayPath(real)));
    }
    const { Titra } = createTitraServices();
    const changed: PlannedOutput[] = [];
    let broken = 0;
    for (const [file, text] of texts) {
        const result = formatTitraText(Titra, text);
        if (!result.ok) {
            broken++;
            terminal.err(`${displayPath(file)}:${result.error.line}:${result.error.column}: syntax error: ${result.error.message} (not formatted)`);
        } else if (result.text !== text) {
            changed.push({ file, content: result.text });
        }
    }
    if (options.check) {
        for (const output of changed) terminal.out(displayPath(output.file));
        terminal.err(`${plural(files.length, 'file')} checked: ${changed.length} would be reformatted${broken > 0 ? `, ${broken} with syntax errors` : ''}`);
    } else {
        await writeAllOrNothing(changed, { rewritesProtocols: true });
        for (const output of changed) terminal.out(displayPath(output.file));
        terminal.err(`${plural(files.length, 'file')} checked: ${changed.length} reformatted${broken > 0 ? `, ${broken} with syntax errors left untouched` : ''}`);
    }
    if (broken > 0) return 2;
    return options.check && changed.length > 0 ? 1 : 0;
}

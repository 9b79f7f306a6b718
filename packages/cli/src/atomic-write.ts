// Writes output files all-or-nothing: every file goes to a temporary sibling first, then all are renamed.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { displayPath, InputError } from './workspace-loader.js';

export interface PlannedOutput {
    file: string;
    content: string;
}

/** Checks that each output's folder exists and is a folder, and that no target is a folder, before anything is written. */
export async function checkOutputFolders(outputs: PlannedOutput[]): Promise<void> {
    for (const folder of new Set(outputs.map((o) => path.dirname(o.file)))) {
        const stat = await fs.stat(folder).catch((error: NodeJS.ErrnoException) => error);
        if (stat instanceof Error) {
            if (stat.code === 'ENOTDIR') throw new InputError(`${displayPath(folder)}: part of this path is a file, not a folder`);
            throw new InputError(`${displayPath(folder)}: the output folder does not exist; create it first`);
        }
        if (!stat.isDirectory()) throw new InputError(`${displayPath(folder)}: is a file, not a folder`);
    }
    for (const output of outputs) {
        const stat = await fs.stat(output.file).catch(() => null);
        if (stat?.isDirectory()) throw new InputError(`${displayPath(output.file)}: is a folder; name an output file, or use --out-dir for a folder`);
    }
}

/** Creates `folder` and its missing parents (`--out-dir`), refusing a path through a file; an existing folder is kept. */
export async function createOutputFolder(folder: string): Promise<void> {
    const stat = await fs.stat(folder).catch(() => null);
    if (stat && !stat.isDirectory()) throw new InputError(`${displayPath(folder)}: is a file, not a folder`);
    try {
        await fs.mkdir(folder, { recursive: true });
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOTDIR' || code === 'EEXIST') throw new InputError(`${displayPath(folder)}: part of this path is a file, not a folder`);
        throw new InputError(`${displayPath(folder)}: cannot create the output folder (${code ?? String(error)})`);
    }
}

/**
 * Refuses an output that would replace a protocol or library (a .titra file, or a link to one): only `titra fmt`
 * rewrites those. Every writer goes through writeAllOrNothing, so this is the one place the rule lives.
 */
async function refuseProtocolTargets(outputs: PlannedOutput[]): Promise<void> {
    for (const output of outputs) {
        const real = await fs.realpath(output.file).catch(() => output.file);
        if (output.file.endsWith('.titra') || real.endsWith('.titra')) {
            throw new InputError(`${displayPath(output.file)}: is a Titra source file and would be overwritten; choose another output file`);
        }
    }
}

/**
 * Writes every output or none: on any failure, temporary files are removed and targets stay untouched. Protocol and
 * library files are refused as targets unless `rewritesProtocols` (titra fmt).
 */
export async function writeAllOrNothing(outputs: PlannedOutput[], options: { rewritesProtocols?: boolean } = {}): Promise<void> {
    if (!options.rewritesProtocols) await refuseProtocolTargets(outputs);
    await checkOutputFolders(outputs);
    const temporaries: Array<{ temporary: string; file: string }> = [];
    // The file being written when something fails: the message names it, never its temporary sibling.
    let current = '';
    const written: string[] = [];
    try {
        for (const output of outputs) {
            current = output.file;
            const temporary = path.join(path.dirname(output.file), `.${path.basename(output.file)}.tmp-${process.pid}`);
            temporaries.push({ temporary, file: output.file });
            await fs.writeFile(temporary, output.content, { encoding: 'utf8', flag: 'wx' });
        }
        for (const { temporary, file } of temporaries) {
            current = file;
            await fs.rename(temporary, file);
            written.push(file);
        }
    } catch (error) {
        await Promise.all(temporaries.map(({ temporary }) => fs.rm(temporary, { force: true })));
        const code = (error as NodeJS.ErrnoException).code;
        const reason = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied'
            : code === 'EISDIR' ? 'is a folder'
            : code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full'
            : code === 'ENOENT' ? 'the folder is gone or does not accept new files'
            : String(code ?? error);
        // Renames are the last step and rarely fail; if one does after others succeeded, say which files changed.
        const outcome = written.length === 0 ? 'nothing was written' : `only ${written.map(displayPath).join(', ')} ${written.length === 1 ? 'was' : 'were'} written`;
        throw new InputError(`cannot write ${displayPath(current)}: ${reason}; ${outcome}`);
    }
}

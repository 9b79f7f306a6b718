// Writes output files all-or-nothing: every file goes to a temporary sibling first, then all are renamed.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { InputError } from './workspace-loader.js';

export interface PlannedOutput {
    file: string;
    content: string;
}

/** Checks that each output's folder exists and is a folder, before anything is written. */
export async function checkOutputFolders(outputs: PlannedOutput[]): Promise<void> {
    for (const folder of new Set(outputs.map((o) => path.dirname(o.file)))) {
        const stat = await fs.stat(folder).catch(() => null);
        if (!stat) throw new InputError(`${folder}: the output folder does not exist; create it first`);
        if (!stat.isDirectory()) throw new InputError(`${folder}: is a file, not a folder`);
    }
}

/** Writes every output or none: on any failure, temporary files are removed and targets stay untouched. */
export async function writeAllOrNothing(outputs: PlannedOutput[]): Promise<void> {
    await checkOutputFolders(outputs);
    const temporaries: Array<{ temporary: string; file: string }> = [];
    try {
        for (const output of outputs) {
            const temporary = path.join(path.dirname(output.file), `.${path.basename(output.file)}.tmp-${process.pid}`);
            temporaries.push({ temporary, file: output.file });
            await fs.writeFile(temporary, output.content, { encoding: 'utf8', flag: 'wx' });
        }
        for (const { temporary, file } of temporaries) await fs.rename(temporary, file);
    } catch (error) {
        await Promise.all(temporaries.map(({ temporary }) => fs.rm(temporary, { force: true })));
        const code = (error as NodeJS.ErrnoException).code;
        const target = (error as NodeJS.ErrnoException).path ?? '';
        throw new InputError(`cannot write ${target}: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : String(code ?? error)}; nothing was written`);
    }
}

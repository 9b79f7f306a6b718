// Runs the built titra command as a process, and hands out temporary working folders, for process-level tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const launcher = path.join(repository, 'packages/cli/bin/titra.js');

export interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** Runs `titra args...` in `cwd` without colors and returns its exit code and output. */
export function titra(cwd: string, ...args: string[]): Run {
    const result = spawnSync(process.execPath, [launcher, ...args], {
        cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000
    });
    if (result.error) throw result.error;
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const folders: string[] = [];

/** A new empty folder under the system's temporary folder; removeTemporaryFolders deletes them all. */
export function temporaryFolder(prefix = 'titra-test-'): string {
    const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
    folders.push(folder);
    return folder;
}

/** Deletes every folder temporaryFolder made (call it from afterAll). */
export function removeTemporaryFolders(): void {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

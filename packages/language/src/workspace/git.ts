// Reads a git working copy with the git on PATH: the repository root above a folder, and a file's text at a revision.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The nearest folder at or above `start` holding a .git entry, or undefined outside any repository. */
export function findGitRoot(start: string): string | undefined {
    for (let current = start; ; current = path.dirname(current)) {
        if (existsSync(path.join(current, '.git'))) return current;
        if (path.dirname(current) === current) return undefined;
    }
}

export type FileAtRevision = { text: string } | { error: string; gitMissing: boolean };

/**
 * `git show --end-of-options <revision>:<path>` run at the repository root `root` (`path` relative to it, with /): the
 * text, or the first line of git's complaint. A revision starting with '-' is refused before git runs (git would read it
 * as an option).
 */
export function fileAtRevision(root: string, revision: string, relativePath: string): Promise<FileAtRevision> {
    if (revision.startsWith('-')) return Promise.resolve({ error: `'${revision}' is not a revision (a revision does not start with '-')`, gitMissing: false });
    return new Promise((resolve) => {
        execFile('git', ['show', '--end-of-options', `${revision}:${relativePath}`], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
            (error, stdout, stderr) => {
                if (!error) resolve({ text: stdout });
                else if (error.code === 'ENOENT') resolve({ error: 'git is not on PATH', gitMissing: true });
                else resolve({ error: stderr.trim().split('\n')[0] || `exit code ${String(error.code)}`, gitMissing: false });
            });
    });
}

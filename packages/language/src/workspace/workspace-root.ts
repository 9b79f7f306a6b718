// The folder a run's provenance paths are relative to when no workspace folder is given: the CLI's rule, also the editor's fallback.
import * as path from 'node:path';
import { findGitRoot } from './git.js';

/**
 * The workspace of a set of files: the git repository holding them; else the working folder `cwd` when it
 * holds them all; else their common folder.
 */
export function workspaceRootOf(files: string[], cwd: string): string {
    const common = commonFolder(files);
    const git = findGitRoot(common);
    if (git) return git;
    return files.every((f) => !path.relative(cwd, f).startsWith('..')) ? cwd : common;
}

function commonFolder(files: string[]): string {
    const parts = files.map((f) => path.dirname(f).split(path.sep));
    const shared: string[] = [];
    for (let i = 0; parts.every((p) => i < p.length && p[i] === parts[0][i]); i++) shared.push(parts[0][i]);
    return shared.join(path.sep) || path.sep;
}

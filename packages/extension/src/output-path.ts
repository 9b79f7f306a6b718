// Chooses where "Titra: Compile to order set" writes <name>.orderset.json (pure; no vscode API).
import * as path from 'node:path';

/** `<name>.orderset.json` for `<name>.titra`, as `titra compile` names it. */
export function orderSetFileName(source: string): string {
    return `${path.basename(source, '.titra')}.orderset.json`;
}

/**
 * The output file for a protocol: beside it when `outputFolder` is empty; in `outputFolder` when it is absolute;
 * otherwise in `outputFolder` resolved against the workspace folder (or, outside any workspace folder, the protocol's folder).
 */
export function orderSetOutputPath(source: string, outputFolder: string, workspaceFolder?: string): string {
    const folder = outputFolder.trim();
    if (folder === '') return path.join(path.dirname(source), orderSetFileName(source));
    const base = workspaceFolder ?? path.dirname(source);
    return path.join(path.resolve(base, folder), orderSetFileName(source));
}

// The suite run inside VS Code by @vscode/test-electron: activation, commands, diagnostics and compilation of the opened examples.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 200));
    }
}

const checks: Array<[string, (folder: string) => Promise<void>]> = [
    ['the extension activates on a .titra file', async (folder) => {
        const document = await vscode.workspace.openTextDocument(path.join(folder, 'broken.titra'));
        await vscode.window.showTextDocument(document);
        assert.equal(document.languageId, 'titra');
        const extension = vscode.extensions.getExtension('titra.titra-vscode');
        assert.ok(extension, 'titra.titra-vscode is installed');
        await until('activation', () => extension.isActive);
    }],
    ['its commands are registered', async () => {
        const commands = await vscode.commands.getCommands(true);
        for (const id of ['titra.compile', 'titra.previewSchedule', 'titra.compareWithHead']) assert.ok(commands.includes(id), id);
    }],
    ['the broken protocol gets its unit diagnostic', async (folder) => {
        const uri = vscode.Uri.file(path.join(folder, 'broken.titra'));
        const diagnostics = await until('diagnostics', () => {
            const found = vscode.languages.getDiagnostics(uri);
            return found.length > 0 && found;
        });
        assert.ok(diagnostics.some((d) => d.message.includes("'mgg/kg' is not a unit")), diagnostics.map((d) => d.message).join('\n'));
    }],
    ['compiling the broken protocol writes nothing', async (folder) => {
        await vscode.commands.executeCommand('titra.compile', vscode.Uri.file(path.join(folder, 'broken.titra')));
        assert.equal(existsSync(path.join(folder, 'broken.orderset.json')), false);
    }],
    ['compiling an example writes its order set', async (folder) => {
        await vscode.commands.executeCommand('titra.compile', vscode.Uri.file(path.join(folder, 'teclistamab-outpatient.titra')));
        const written = path.join(folder, 'teclistamab-outpatient.orderset.json');
        await until('the order set', () => existsSync(written));
        assert.equal(JSON.parse(readFileSync(written, 'utf8')).protocol.id, 'TEC-STEPUP-OUTPATIENT');
    }]
];

/** Entry called by the VS Code test host. */
export async function run(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!folder) throw new Error('the suite needs the examples folder opened');
    const failures: string[] = [];
    for (const [name, check] of checks) {
        try {
            await check(folder);
            console.log(`  ok  ${name}`);
        } catch (error) {
            failures.push(name);
            console.log(`  FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
    if (failures.length > 0) throw new Error(`${failures.length} of ${checks.length} checks failed`);
}

// Runs the @vscode/test-electron suite in a real VS Code (VSCODE_EXECUTABLE_PATH or a download), or says plainly that it was skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const extension = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const repository = path.resolve(extension, '../..');

function skip(reason) {
    console.log(`skipped: no VS Code (${reason})`);
    process.exit(0);
}

async function downloadPossible() {
    try {
        const response = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(5000) });
        return response.ok;
    } catch {
        return false;
    }
}

const executable = process.env.VSCODE_EXECUTABLE_PATH;
if (!executable && !(await downloadPossible())) {
    skip('VSCODE_EXECUTABLE_PATH is not set and update.code.visualstudio.com cannot be reached');
}
if (process.platform === 'linux' && !process.env.DISPLAY) {
    // Electron needs a display: run again under a virtual one when xvfb-run is there.
    const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim();
    if (!xvfb) skip('no DISPLAY and no xvfb-run for a virtual display');
    const again = spawnSync(xvfb, ['-a', process.execPath, fileURLToPath(import.meta.url)], { stdio: 'inherit', env: { ...process.env, DISPLAY: '' } });
    process.exit(again.status ?? 1);
}

const { runTests } = await import('@vscode/test-electron');
execFileSync(process.execPath, ['build.mjs'], { cwd: extension, stdio: 'inherit' });
const suite = path.join(extension, 'dist/test/suite.cjs');
await build({ entryPoints: [path.join(extension, 'test/vscode/suite.ts')], outfile: suite, bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], logLevel: 'warning' });

const workspace = mkdtempSync(path.join(tmpdir(), 'titra-vscode-'));
cpSync(path.join(repository, 'examples'), workspace, { recursive: true });
writeFileSync(path.join(workspace, 'broken.titra'), 'protocol BROKEN "Broken" {\n  version 1.0.0\n  status draft\n  agent teclistamab route subcut\n  step-up { dose SUD1 0.06 mgg/kg day 1 }\n}\n');
const userData = mkdtempSync(path.join(tmpdir(), 'titra-vscode-user-'));
try {
    await runTests({
        ...(executable ? { vscodeExecutablePath: executable } : { version: 'stable', cachePath: path.join(extension, '.vscode-test') }),
        extensionDevelopmentPath: extension,
        extensionTestsPath: suite,
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${userData}`]
    });
} catch (error) {
    console.error(`the VS Code suite failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
} finally {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
}

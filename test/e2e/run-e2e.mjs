// Real VS Code test: code-server with the built Titra .vsix, driven by playwright-core in Debian's Chromium (diagnostics, hover, inlay hints,
// code lenses, commands, the schedule preview and the rendered comparison with git HEAD).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repository = path.resolve(here, '../..');
const artifacts = path.join(here, 'artifacts');
const run = path.join(here, '.run');
const workspace = path.join(run, 'workspace');
const codeServer = path.join(here, 'node_modules/.bin/code-server');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const vsix = path.join(repository, 'packages/extension/titra-vscode.vsix');
const timings = {};
const results = [];
const started = Date.now();

function log(message) {
    console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
}

async function step(name, body) {
    const t0 = Date.now();
    try {
        const outcome = await body();
        results.push({ name, result: outcome ?? 'passed', ms: Date.now() - t0 });
        log(`${name}: ${outcome ?? 'passed'}`);
    } catch (error) {
        const message = String(error?.message ?? error).replace(/\u001b\[[0-9;]*m/g, '').slice(0, 600);
        results.push({ name, result: 'FAILED', error: message, ms: Date.now() - t0 });
        log(`${name}: FAILED ${message}`);
        throw error;
    }
}

function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
        server.on('error', reject);
    });
}

async function waitForHttp(url, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        try {
            const response = await fetch(url);
            if (response.status < 500) return;
        } catch { /* not listening yet */ }
        await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

async function waitForFile(file, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (existsSync(file)) return;
        await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${file} was not written within ${timeoutMs / 1000}s`);
}

if (!existsSync(codeServer)) {
    console.error('code-server is not installed: run test/e2e/install.sh (or npm run test:e2e at the repository root)');
    process.exit(1);
}
const { chromium } = await import('playwright-core');

rmSync(run, { recursive: true, force: true });
rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });
const userData = path.join(run, 'user-data');
const extensionsDir = path.join(run, 'extensions');
const browserProfile = path.join(run, 'chromium-profile');
mkdirSync(path.join(userData, 'User'), { recursive: true });
writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'editor.hover.delay': 300,
    'window.commandCenter': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'git.openRepositoryInParentFolders': 'never'
}, null, 2));

// The opened folder: a copy of examples/ plus a protocol with one error (an unknown unit).
cpSync(path.join(repository, 'examples'), workspace, { recursive: true });
const brokenText = 'protocol BROKEN-E2E "Protocol with an unknown unit" {\n  version 1.0.0\n  status draft\n  agent teclistamab route subcut\n  step-up {\n    dose SUD1 0.06 mgg/kg day 1\n  }\n}\n';
writeFileSync(path.join(workspace, 'broken.titra'), brokenText);
// A draft protocol (its own id), which Compile refuses unless asked to compile it for testing.
const draftText = readFileSync(path.join(repository, 'examples/teclistamab-outpatient.titra'), 'utf8')
    .replace('protocol TEC-STEPUP-OUTPATIENT', 'protocol TEC-DRAFT-E2E').replace('  status active', '  status draft');
writeFileSync(path.join(workspace, 'draft-e2e.titra'), draftText);
// A timeline of events for the preview, as `titra schedule --events` reads it: the blinatumomab scenario's.
const blinatumomabScenario = JSON.parse(readFileSync(path.join(repository, 'examples/scenarios/blinatumomab-under-45kg-interruption-under-7-days.scenario.json'), 'utf8'));
writeFileSync(path.join(workspace, 'blinatumomab-events.json'), JSON.stringify(blinatumomabScenario.events, null, 2));
// A git working copy, so that "Compare with git HEAD" has a committed version to compare with.
for (const args of [['init', '-q'], ['add', '.'], ['commit', '-qm', 'examples as committed']]) {
    execFileSync('git', ['-c', 'user.name=Titra e2e', '-c', 'user.email=e2e@titra.invalid', ...args], { cwd: workspace });
}

// Node 24 (the repository's) on PATH for the build, vsce and code-server.
// XDG folders inside .run/ keep code-server, vsce and Chromium from writing into the user's home.
const env = {
    ...process.env, PATH: `${path.join(repository, 'node_modules/.bin')}:${process.env.PATH}`,
    XDG_CONFIG_HOME: path.join(run, 'config'), XDG_DATA_HOME: path.join(run, 'data'), XDG_CACHE_HOME: path.join(run, 'cache')
};

let t0 = Date.now();
execFileSync('npm', ['run', 'package', '--workspace', 'packages/extension'], { cwd: repository, env, stdio: 'inherit' });
timings.packageVsixMs = Date.now() - t0;

t0 = Date.now();
execFileSync(codeServer, ['--user-data-dir', userData, '--extensions-dir', extensionsDir, '--install-extension', vsix], { env, stdio: 'inherit' });
timings.installExtensionMs = Date.now() - t0;

const port = await freePort();
t0 = Date.now();
const server = spawn(codeServer, [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--user-data-dir', userData, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', workspace
], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
const serverLog = [];
server.stdout.on('data', (d) => serverLog.push(String(d)));
server.stderr.on('data', (d) => serverLog.push(String(d)));

let browser;
let failed = false;
try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
    timings.codeServerStartMs = Date.now() - t0;
    // A fresh profile (--user-data-dir) through Playwright's persistent context.
    browser = await chromium.launchPersistentContext(browserProfile, {
        executablePath: chromiumPath, headless: true, viewport: { width: 1400, height: 900 }, env,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']
    });
    const page = browser.pages()[0] ?? await browser.newPage();
    const shot = (name) => page.screenshot({ path: path.join(artifacts, `${name}.png`) });
    const palette = async (command) => {
        await page.keyboard.press('F1');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible', timeout: 15_000 });
        await input.fill(`>${command}`);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first().waitFor({ timeout: 15_000 });
        await page.keyboard.press('Enter');
    };
    const openFile = async (name) => {
        await page.keyboard.press('Control+P');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible', timeout: 15_000 });
        await input.fill(name);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
        await page.keyboard.press('Enter');
        await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
        await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
    };
    /** The first frame (webview content) that shows `text`, waiting up to `timeout` ms. */
    const frameWith = async (text, timeout) => {
        const deadline = Date.now() + timeout;
        while (Date.now() < deadline) {
            for (const frame of page.frames()) {
                if (await frame.locator(`text=${text}`).count().catch(() => 0) > 0) return frame;
            }
            await page.waitForTimeout(300);
        }
        throw new Error(`no view shows '${text}' within ${timeout / 1000}s`);
    };
    const notification = async (text, timeout) => {
        await page.locator('.notification-toast', { hasText: text }).first().waitFor({ timeout });
        await page.waitForTimeout(600); // let the toast finish fading in before a screenshot
    };

    await step('workbench loads', async () => {
        t0 = Date.now();
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'broken.titra' }).waitFor({ timeout: 60_000 });
        timings.workbenchLoadMs = Date.now() - t0;
        await shot('01-workbench');
    });

    await step('diagnostic of the broken protocol appears in the Problems panel', async () => {
        await openFile('broken.titra');
        // Let the server start and publish; then show the Problems panel.
        await page.keyboard.press('Control+Shift+M');
        const problem = page.locator('.markers-panel .monaco-list-row', { hasText: "'mgg/kg' is not a unit" }).first();
        await problem.waitFor({ timeout: 90_000 });
        await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 15_000 });
        await shot('02-problems-panel');
        return `passed: ${(await problem.innerText()).replace(/\s+/g, ' ').trim()}`;
    });

    await step('compile of the broken protocol writes nothing and points to the Problems panel', async () => {
        await palette('Titra: Compile to order set');
        await notification('nothing was written', 60_000);
        await shot('03-compile-refused');
        if (existsSync(path.join(workspace, 'broken.orderset.json'))) throw new Error('broken.orderset.json was written');
        await page.keyboard.press('Escape');
    });

    await step('status bar shows status and version of the active protocol', async () => {
        await openFile('teclistamab-outpatient.titra');
        await page.locator('.statusbar-item', { hasText: 'Titra: active 1.0.0' }).waitFor({ timeout: 30_000 });
    });

    await step('hover shows label facts for the agent and the example-patient dose', async () => {
        const text = readFileSync(path.join(workspace, 'teclistamab-outpatient.titra'), 'utf8');
        const shown = [];
        for (const [needle, word, expected] of [
            ['agent teclistamab', 'teclistamab', 'Tecvayli'],
            ['dose SUD1 0.06', '0.06', '0.06 mg/kg x 70 kg = 4.2 mg']
        ]) {
            const offset = text.indexOf(needle) + needle.indexOf(word) + 1;
            const before = text.slice(0, offset).split('\n');
            // Go to line:column, then "Show Hover" (Ctrl+K Ctrl+I) at the cursor.
            await page.keyboard.press('Control+G');
            await page.locator('.quick-input-widget input').fill(`:${before.length}:${before[before.length - 1].length}`);
            await page.keyboard.press('Enter');
            await page.keyboard.press('Control+K');
            await page.keyboard.press('Control+I');
            const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents', { hasText: expected }).first();
            await hover.waitFor({ state: 'visible', timeout: 15_000 });
            shown.push(`${word}: ${(await hover.innerText()).replace(/\s+/g, ' ').slice(0, 100)}`);
            await shot(`04-hover-${word}`);
            await page.keyboard.press('Escape');
        }
        return `passed: ${shown.join(' | ')}`;
    });

    await step('inlay hints show the example patient\'s dose and the label value beside each step-up dose', async () => {
        await page.keyboard.press('Control+1');
        const hint = page.locator('.view-lines', { hasText: '= 4.2 mg · label 0.06 mg/kg' }).first();
        await hint.waitFor({ state: 'visible', timeout: 30_000 });
        await page.locator('.view-lines', { hasText: '= 21 mg · label 0.3 mg/kg' }).first().waitFor({ timeout: 15_000 });
        await shot('04c-inlay-hints');
    });

    await step('compile writes the order set, identical to titra compile', async () => {
        const written = path.join(workspace, 'teclistamab-outpatient.orderset.json');
        await palette('Titra: Compile to order set');
        await waitForFile(written, 60_000);
        await notification('wrote', 15_000);
        await shot('05-compiled');
        const cliOut = path.join(run, 'cli.orderset.json');
        execFileSync(process.execPath, [path.join(repository, 'packages/cli/bin/titra.js'), 'compile', path.join(workspace, 'teclistamab-outpatient.titra'), '-o', cliOut], { cwd: repository, env, stdio: 'inherit' });
        if (readFileSync(written, 'utf8') !== readFileSync(cliOut, 'utf8')) throw new Error('the order set differs from `titra compile`');
        const orderSet = JSON.parse(readFileSync(written, 'utf8'));
        return `passed: ${orderSet.protocol.id} ${orderSet.protocol.version}, same bytes as titra compile`;
    });

    await step('compile refuses a draft, as titra compile does, and compiles it for testing when asked', async () => {
        await openFile('draft-e2e.titra');
        await palette('Titra: Compile to order set');
        await notification('has status draft', 60_000);
        await shot('05b-compile-draft-refused');
        const written = path.join(workspace, 'draft-e2e.orderset.json');
        if (existsSync(written)) throw new Error('a draft was compiled without being asked');
        await page.locator('.notification-toast a.monaco-button, .notification-toast .monaco-button', { hasText: 'Compile for testing' }).first().click();
        await waitForFile(written, 60_000);
        await page.locator('.tab', { hasText: 'teclistamab-outpatient.titra' }).first().click();
        await page.locator('.tab.active', { hasText: 'teclistamab-outpatient.titra' }).waitFor({ timeout: 15_000 });
        return `passed: refused, then written with status ${JSON.parse(readFileSync(written, 'utf8')).protocol.status}`;
    });

    await step('schedule preview shows the dose timeline', async () => {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+1');
        await page.keyboard.press('Control+J'); // hide the Problems panel: room for the preview
        await palette('Titra: Preview schedule');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible', timeout: 15_000 });
        await input.fill('80');
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-widget', { hasText: 'YYYY-MM-DD' }).waitFor({ timeout: 15_000 });
        await input.fill('2027-01-04');
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'No events' }).first().waitFor({ timeout: 15_000 });
        await page.keyboard.press('Enter');
        const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        await frame.locator('h2', { hasText: 'Dose timeline' }).waitFor({ timeout: 60_000 });
        const firstRow = await frame.locator('table tr').nth(1).innerText();
        await shot('06-schedule-preview');
        if (!firstRow.includes('0.06 mg/kg x 80 kg = 4.8 mg')) throw new Error(`unexpected first dose row: ${firstRow}`);
        return `passed: ${firstRow.replace(/\s+/g, ' ').slice(0, 140)}`;
    });

    await step('schedule preview follows a saved edit', async () => {
        // Change SUD1 from 0.06 to 0.05 mg/kg (below the label: a warning, so it still compiles) and save: the preview recomputes.
        const text = readFileSync(path.join(workspace, 'teclistamab-outpatient.titra'), 'utf8');
        const offset = text.indexOf('dose SUD1 0.06') + 'dose SUD1 '.length;
        const before = text.slice(0, offset).split('\n');
        await page.keyboard.press('Control+1');
        await page.keyboard.press('Control+G');
        await page.locator('.quick-input-widget input').fill(`:${before.length}:${before[before.length - 1].length + 1}`);
        await page.keyboard.press('Enter');
        for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
        await page.keyboard.type('0.05');
        await page.keyboard.press('Control+S');
        const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        await frame.locator('td', { hasText: '0.05 mg/kg x 80 kg = 4 mg' }).first().waitFor({ timeout: 60_000 });
        await shot('06b-schedule-preview-after-save');
    });

    await step('compare with git HEAD shows the saved dose change as a clinical diff', async () => {
        // Focus the protocol's editor group again (the preview opened beside it); SUD1 was changed to 0.05 mg/kg above.
        await page.keyboard.press('Control+1');
        await palette('Titra: Compare with git HEAD');
        // Rendered (markdown preview), not markdown source: the arrow reads as an arrow, the timeline is a table.
        const frame = await frameWith('SUD1 dose 0.06 mg/kg', 60_000);
        const text = await frame.locator('body').innerText();
        await page.waitForTimeout(500);
        await shot('07-compare-with-head');
        if (!text.includes('SUD1 dose 0.06 mg/kg -> 0.05 mg/kg (label: 0.06 mg/kg)') || text.includes('&gt;') || !text.includes('Timeline')) {
            throw new Error(`the report is not rendered as expected: ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
        }
        if (await page.locator('.view-lines', { hasText: '### Clinical changes' }).count() > 0) throw new Error('the report opened as markdown source');
        return `passed: ${text.replace(/\s+/g, ' ').slice(0, 160)}`;
    });

    await step('a code lens over a step-up dose opens the preview at that dose', async () => {
        // The protocol is still the active editor of the first group (the report opened beside it).
        await page.keyboard.press('Control+1');
        const lens = page.locator('.contentWidgets a', { hasText: 'Preview schedule at SUD2' }).first();
        await lens.waitFor({ state: 'visible', timeout: 30_000 });
        await shot('08-code-lens');
        await lens.click();
        // Two webviews are open now (the report and the schedule): find the one that shows the focused dose.
        const frame = await frameWith('SUD2: 20', 60_000);
        const note = frame.locator('.focus-note');
        await page.waitForTimeout(500);
        await shot('09-preview-at-dose');
        return `passed: ${(await note.innerText()).replace(/\s+/g, ' ')}`;
    });

    await step('the preview asks for the height of a protocol dosed per m2, and takes an events file', async () => {
        await openFile('blinatumomab.titra');
        await palette('Titra: Preview schedule');
        const input = page.locator('.quick-input-widget input');
        await page.locator('.quick-input-widget', { hasText: 'weight' }).waitFor({ timeout: 60_000 });
        await input.fill('30');
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-widget', { hasText: 'height' }).waitFor({ timeout: 15_000 });
        await shot('10-preview-asks-height');
        await input.fill('130');
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-widget', { hasText: 'YYYY-MM-DD' }).waitFor({ timeout: 15_000 });
        await input.fill('2026-12-01');
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Events file' }).first().waitFor({ timeout: 15_000 });
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Events file' }).first().click();
        // code-server's file dialog is a quick input holding a path: type the events file's path and accept it.
        await page.waitForTimeout(1000);
        await input.fill(path.join(workspace, 'blinatumomab-events.json'));
        await page.waitForTimeout(500);
        await page.keyboard.press('Enter');
        const frame = await frameWith('30 kg, 130 cm', 60_000);
        const meta = frame.locator('.meta');
        await frame.locator('h2', { hasText: 'Continuous infusion' }).waitFor({ timeout: 15_000 });
        await page.waitForTimeout(500);
        await shot('11-preview-height-events');
        const metaText = await meta.innerText();
        if (!metaText.includes('events from blinatumomab-events.json')) throw new Error(`the events were not used: ${metaText}`);
        return `passed: ${metaText.replace(/\s+/g, ' ')}`;
    });
} catch (error) {
    failed = true;
    console.error(error);
} finally {
    await browser?.close();
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    writeFileSync(path.join(artifacts, 'code-server.log'), serverLog.join(''));
    timings.totalMs = Date.now() - started;
    writeFileSync(path.join(artifacts, 'summary.json'), JSON.stringify({ results, timings }, null, 2));
    console.log(JSON.stringify({ results, timings }, null, 2));
}
process.exit(failed ? 1 : 0);

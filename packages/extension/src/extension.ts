// Entry of the Titra VS Code extension: starts the bundled language server and registers the commands, the status bar item and the schedule preview.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
    CompileRequestMethod, DiffWithHeadRequestMethod, ProtocolInfoRequestMethod, ScheduleInputsRequestMethod, ScheduleRequestMethod, type CompileResult,
    type DiffWithHeadResult, type ProtocolInfo, type ScheduleInputsResult, type ScheduleResult
} from '@titra/language/requests';
import { compareFailureMessage, compileFailureMessage } from './messages.js';
import { orderSetOutputPath } from './output-path.js';
import { renderPreviewMessage, renderSchedulePreview } from './preview-html.js';
import { heightInputError, localIsoDate, startDateInputError, weightInputError } from './schedule-input.js';
import { statusBarContent } from './status-text.js';

let client: LanguageClient | undefined;

function isTitra(document: vscode.TextDocument): boolean {
    return document.languageId === 'titra';
}

function activeTitraDocument(): vscode.TextDocument | undefined {
    const document = vscode.window.activeTextEditor?.document;
    if (document && isTitra(document)) return document;
    void vscode.window.showErrorMessage('Titra: open a .titra protocol in the editor first.');
    return undefined;
}

function newNonce(): string {
    return randomBytes(18).toString('base64url');
}

async function startClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
    const serverModule = context.asAbsolutePath(path.join('dist', 'server.cjs'));
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ scheme: 'file', language: 'titra' }, { scheme: 'untitled', language: 'titra' }],
        // The `titra` settings reach the server (inlay hints read the example patient and titra.inlayHints.enabled).
        synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.titra'), configurationSection: 'titra' }
    };
    const languageClient = new LanguageClient('titra', 'Titra Language Server', serverOptions, clientOptions);
    await languageClient.start();
    return languageClient;
}

/** The status bar item: status and version of the active protocol, refreshed on editor change and save. */
function createStatusBar(context: vscode.ExtensionContext, languageClient: LanguageClient): void {
    const item = vscode.window.createStatusBarItem('titra.status', vscode.StatusBarAlignment.Left, 10);
    item.name = 'Titra protocol';
    item.command = 'titra.previewSchedule';
    context.subscriptions.push(item);
    let generation = 0;
    const refresh = async () => {
        const current = ++generation;
        const document = vscode.window.activeTextEditor?.document;
        if (!document || !isTitra(document)) {
            item.hide();
            return;
        }
        const info = await languageClient.sendRequest<ProtocolInfo>(ProtocolInfoRequestMethod, { uri: document.uri.toString() });
        if (current !== generation) return;
        const content = statusBarContent(info);
        if (!content) {
            item.hide();
            return;
        }
        item.text = content.text;
        item.tooltip = content.tooltip;
        item.show();
    };
    const safeRefresh = () => refresh().catch((error: unknown) => languageClient.error('Titra status bar update failed', error));
    context.subscriptions.push(
        vscode.window.onDidChangeActiveTextEditor(safeRefresh),
        vscode.workspace.onDidSaveTextDocument((document) => { if (isTitra(document)) safeRefresh(); })
    );
    safeRefresh();
}

/** Compiles the protocol given (Explorer context menu) or, from the palette, the active one. */
/** The clinical diff of the committed version (git HEAD) against the editor's text, as a markdown document beside it. */
async function compareWithHeadCommand(languageClient: LanguageClient): Promise<void> {
    const document = activeTitraDocument();
    if (!document) return;
    if (document.isUntitled) {
        void vscode.window.showErrorMessage('Titra: save the protocol in a git working copy before comparing it with git HEAD.');
        return;
    }
    const result = await languageClient.sendRequest<DiffWithHeadResult>(DiffWithHeadRequestMethod, { uri: document.uri.toString() });
    if (result.kind !== 'ok') {
        void vscode.window.showErrorMessage(compareFailureMessage(result));
        return;
    }
    // The report is written to a file of its own and opened rendered (markdown preview), never as markdown source.
    const folder = path.join(os.tmpdir(), 'titra-compare');
    await fs.mkdir(folder, { recursive: true });
    const report = path.join(folder, `${path.basename(document.uri.fsPath, '.titra')}.HEAD-diff.md`);
    await fs.writeFile(report, result.markdown, 'utf8');
    await vscode.commands.executeCommand('markdown.showPreviewToSide', vscode.Uri.file(report));
}

async function compileCommand(languageClient: LanguageClient, resource?: vscode.Uri, allowDraft = false): Promise<void> {
    const document = resource instanceof vscode.Uri ? await vscode.workspace.openTextDocument(resource) : activeTitraDocument();
    if (!document) return;
    if (!isTitra(document)) {
        void vscode.window.showErrorMessage(`Titra: ${path.basename(document.uri.fsPath)} is not a .titra protocol.`);
        return;
    }
    if (document.isUntitled) {
        void vscode.window.showErrorMessage('Titra: save the protocol as a .titra file before compiling it.');
        return;
    }
    // The order set records the SHA-256 of the text compiled and is written beside the file: compile what is saved.
    if (document.isDirty && !(await document.save())) return;
    const result = await languageClient.sendRequest<CompileResult>(CompileRequestMethod, { uri: document.uri.toString(), allowDraft });
    // Messages are not awaited: the command finishes when the work is done, not when the message is dismissed.
    if (result.kind !== 'ok') {
        if (result.kind === 'draft') {
            // As `titra compile --allow-draft`: a draft is compiled for testing only when asked to.
            void vscode.window.showErrorMessage(compileFailureMessage(result), 'Compile for testing').then((chosen) => {
                if (chosen) void compileCommand(languageClient, document.uri, true);
            });
        } else if (result.kind === 'errors') {
            void vscode.window.showErrorMessage(compileFailureMessage(result), 'Open Problems').then((chosen) => {
                if (chosen) void vscode.commands.executeCommand('workbench.actions.view.problems');
            });
        } else {
            void vscode.window.showErrorMessage(compileFailureMessage(result));
        }
        return;
    }
    const settings = vscode.workspace.getConfiguration('titra', document.uri);
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
    const target = orderSetOutputPath(document.uri.fsPath, settings.get<string>('outputFolder', ''), workspaceFolder);
    await fs.mkdir(path.dirname(target), { recursive: true });
    // Write beside the target, then rename: a reader never sees half an order set.
    const temporary = `${target}.tmp-${process.pid}`;
    try {
        await fs.writeFile(temporary, result.json, 'utf8');
        await fs.rename(temporary, target);
    } catch (error) {
        await fs.rm(temporary, { force: true });
        throw error;
    }
    const shown = vscode.workspace.asRelativePath(target);
    const warnings = result.warnings > 0 ? ` (${result.warnings} warning${result.warnings === 1 ? '' : 's'}, see the Problems panel)` : '';
    void vscode.window.showInformationMessage(`Titra: wrote ${shown}: ${result.protocolId} ${result.version}${warnings}`, 'Open').then((chosen) => {
        if (chosen) void vscode.window.showTextDocument(vscode.Uri.file(target), { preview: true });
    });
}

/** What a preview runs with: the example patient, the dates, the flags, the events, and the dose it was opened at. */
interface PreviewInputs {
    weight: number;
    height?: number;
    start: string;
    flags: string[];
    /** The events file and its parsed JSON (checked by the server). */
    events?: { file: string; json: unknown };
    focus?: string;
}

/** One schedule preview panel; it follows the protocol it was opened for and recomputes on save. */
class SchedulePreview {
    private static current: SchedulePreview | undefined;

    private constructor(
        private readonly panel: vscode.WebviewPanel,
        private readonly languageClient: LanguageClient,
        private uri: vscode.Uri,
        private inputs: PreviewInputs
    ) {
        panel.onDidDispose(() => { if (SchedulePreview.current === this) SchedulePreview.current = undefined; });
    }

    static async show(languageClient: LanguageClient, uri: vscode.Uri, inputs: PreviewInputs): Promise<void> {
        const existing = SchedulePreview.current;
        if (existing) {
            existing.uri = uri;
            existing.inputs = inputs;
            existing.panel.reveal(vscode.ViewColumn.Beside, true);
            await existing.update();
            return;
        }
        const panel = vscode.window.createWebviewPanel('titra.schedulePreview', 'Titra schedule', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
            enableScripts: false, enableCommandUris: false, localResourceRoots: []
        });
        SchedulePreview.current = new SchedulePreview(panel, languageClient, uri, inputs);
        await SchedulePreview.current.update();
    }

    /** Recomputes the open preview when any .titra file is saved (the protocol or one of its imports). */
    static async onSave(document: vscode.TextDocument): Promise<void> {
        if (isTitra(document) && SchedulePreview.current) await SchedulePreview.current.update();
    }

    private async update(): Promise<void> {
        const fileName = path.basename(this.uri.fsPath);
        this.panel.title = `Schedule: ${fileName}`;
        const nonce = newNonce();
        const { weight, height, start, flags, events, focus } = this.inputs;
        const result = await this.languageClient.sendRequest<ScheduleResult>(ScheduleRequestMethod, {
            uri: this.uri.toString(), weight, start, flags, ...(height !== undefined ? { height } : {}), ...(events ? { events: events.json } : {})
        });
        if (result.kind === 'ok') {
            this.panel.webview.html = renderSchedulePreview({
                schedule: result.schedule, weight, flags, fileName, nonce,
                ...(height !== undefined ? { height } : {}), ...(events ? { events: path.basename(events.file) } : {}), ...(focus ? { focus } : {})
            });
        } else {
            const message = result.kind === 'input-error' ? `Titra: ${result.message}` : compileFailureMessage(result).replace('nothing was written', 'no schedule to show');
            this.panel.webview.html = renderPreviewMessage(nonce, fileName, message);
        }
    }
}

/** The example patient of the settings (titra.examplePatientWeight, titra.examplePatientHeight). */
function examplePatient(uri: vscode.Uri): { weight: number; height: number } {
    const settings = vscode.workspace.getConfiguration('titra', uri);
    return { weight: settings.get<number>('examplePatientWeight', 70), height: settings.get<number>('examplePatientHeight', 170) };
}

/** Asks for an events file (a titra timeline, as `titra schedule --events` reads it); undefined: none, null: cancelled. */
async function askEvents(document: vscode.TextDocument): Promise<PreviewInputs['events'] | null> {
    const none = 'No events';
    const file = 'Events file (JSON)...';
    const chosen = await vscode.window.showQuickPick([none, file], { title: 'Titra: Preview schedule - events', ignoreFocusOut: true });
    if (chosen === undefined) return null;
    if (chosen === none) return undefined;
    const picked = await vscode.window.showOpenDialog({
        title: 'Titra: events file', canSelectMany: false, filters: { 'Titra timeline': ['json'] }, defaultUri: vscode.Uri.file(path.dirname(document.uri.fsPath))
    });
    if (!picked || picked.length === 0) return null;
    const text = await fs.readFile(picked[0].fsPath, 'utf8');
    try {
        return { file: picked[0].fsPath, json: JSON.parse(text) as unknown };
    } catch (error) {
        throw new Error(`${path.basename(picked[0].fsPath)} is not valid JSON (${(error as Error).message})`);
    }
}

/**
 * Opens the schedule preview. From the palette or the editor title it asks what `titra schedule` takes (weight, the
 * height when a dose is per m2, risk flags, start date, events); from a code lens over a step-up dose (`uriText`, `dose`)
 * it opens at that dose for the settings' example patient, starting today.
 */
async function previewScheduleCommand(languageClient: LanguageClient, uriText?: string, dose?: string): Promise<void> {
    if (uriText !== undefined && dose !== undefined) {
        const uri = vscode.Uri.parse(uriText);
        const document = await vscode.workspace.openTextDocument(uri);
        if (document.isDirty) await document.save();
        await SchedulePreview.show(languageClient, uri, { ...examplePatient(uri), start: localIsoDate(new Date()), flags: [], focus: dose });
        return;
    }
    const document = activeTitraDocument();
    if (!document) return;
    if (document.isDirty) await document.save();
    const needs = await languageClient.sendRequest<ScheduleInputsResult>(ScheduleInputsRequestMethod, { uri: document.uri.toString() });
    if (needs.kind !== 'ok') {
        await SchedulePreview.show(languageClient, document.uri, { ...examplePatient(document.uri), start: localIsoDate(new Date()), flags: [] });
        return;
    }
    const example = examplePatient(document.uri);
    const weightText = await vscode.window.showInputBox({
        title: 'Titra: Preview schedule - weight', prompt: 'Example patient weight in kg', value: String(example.weight),
        validateInput: weightInputError, ignoreFocusOut: true
    });
    if (weightText === undefined) return;
    let height: number | undefined;
    if (needs.needsHeight) {
        const heightText = await vscode.window.showInputBox({
            title: 'Titra: Preview schedule - height', prompt: 'Example patient height in cm (doses per m2 of body surface area)', value: String(example.height),
            validateInput: heightInputError, ignoreFocusOut: true
        });
        if (heightText === undefined) return;
        height = Number(heightText.trim());
    }
    let flags: string[] = [];
    if (needs.flags.length > 0) {
        const picked = await vscode.window.showQuickPick(needs.flags.map((flag) => ({ label: flag.id, description: flag.description })), {
            title: 'Titra: Preview schedule - risk flags of the example patient (none: press Enter)', canPickMany: true, ignoreFocusOut: true
        });
        if (picked === undefined) return;
        flags = picked.map((item) => item.label);
    }
    const start = await vscode.window.showInputBox({
        title: 'Titra: Preview schedule - start', prompt: 'Cycle 1 day 1 (YYYY-MM-DD)', value: localIsoDate(new Date()),
        validateInput: startDateInputError, ignoreFocusOut: true
    });
    if (start === undefined) return;
    const events = await askEvents(document);
    if (events === null) return;
    await SchedulePreview.show(languageClient, document.uri, {
        weight: Number(weightText.trim()), ...(height !== undefined ? { height } : {}), start: start.trim(), flags, ...(events ? { events } : {})
    });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const languageClient = await startClient(context);
    client = languageClient;
    const report = (command: string) => (error: unknown) => {
        void vscode.window.showErrorMessage(`Titra: ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    };
    context.subscriptions.push(
        vscode.commands.registerCommand('titra.compile', (resource?: vscode.Uri) => compileCommand(languageClient, resource).catch(report('Compile to order set'))),
        vscode.commands.registerCommand('titra.previewSchedule', (uri?: unknown, dose?: unknown) => previewScheduleCommand(
            languageClient, typeof uri === 'string' ? uri : undefined, typeof dose === 'string' ? dose : undefined
        ).catch(report('Preview schedule'))),
        vscode.commands.registerCommand('titra.compareWithHead', () => compareWithHeadCommand(languageClient).catch(report('Compare with git HEAD'))),
        vscode.workspace.onDidSaveTextDocument((document) => { SchedulePreview.onSave(document).catch(report('Preview schedule')); })
    );
    createStatusBar(context, languageClient);
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}

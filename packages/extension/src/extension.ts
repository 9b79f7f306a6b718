// Entry of the Titra VS Code extension: starts the bundled language server and registers the commands, the status bar item and the schedule preview.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
    CompileRequestMethod, DiffWithHeadRequestMethod, ProtocolInfoRequestMethod, ScheduleRequestMethod, type CompileResult,
    type DiffWithHeadResult, type ProtocolInfo, type ScheduleResult
} from '@titra/language/requests';
import { compareFailureMessage, compileFailureMessage } from './messages.js';
import { orderSetOutputPath } from './output-path.js';
import { renderPreviewMessage, renderSchedulePreview } from './preview-html.js';
import { localIsoDate, startDateInputError, weightInputError } from './schedule-input.js';
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
        synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.titra') }
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
    const report = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
    await vscode.window.showTextDocument(report, { viewColumn: vscode.ViewColumn.Beside, preview: true });
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

/** One schedule preview panel; it follows the protocol it was opened for and recomputes on save. */
class SchedulePreview {
    private static current: SchedulePreview | undefined;

    private constructor(
        private readonly panel: vscode.WebviewPanel,
        private readonly languageClient: LanguageClient,
        private uri: vscode.Uri,
        private weight: number,
        private start: string
    ) {
        panel.onDidDispose(() => { if (SchedulePreview.current === this) SchedulePreview.current = undefined; });
    }

    static async show(languageClient: LanguageClient, uri: vscode.Uri, weight: number, start: string): Promise<void> {
        const existing = SchedulePreview.current;
        if (existing) {
            existing.uri = uri;
            existing.weight = weight;
            existing.start = start;
            existing.panel.reveal(vscode.ViewColumn.Beside, true);
            await existing.update();
            return;
        }
        const panel = vscode.window.createWebviewPanel('titra.schedulePreview', 'Titra schedule', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
            enableScripts: false, enableCommandUris: false, localResourceRoots: []
        });
        SchedulePreview.current = new SchedulePreview(panel, languageClient, uri, weight, start);
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
        const result = await this.languageClient.sendRequest<ScheduleResult>(ScheduleRequestMethod, { uri: this.uri.toString(), weight: this.weight, start: this.start });
        if (result.kind === 'ok') {
            this.panel.webview.html = renderSchedulePreview({ schedule: result.schedule, weight: this.weight, fileName, nonce });
        } else {
            const message = result.kind === 'input-error' ? `Titra: ${result.message}` : compileFailureMessage(result).replace('nothing was written', 'no schedule to show');
            this.panel.webview.html = renderPreviewMessage(nonce, fileName, message);
        }
    }
}

async function previewScheduleCommand(languageClient: LanguageClient): Promise<void> {
    const document = activeTitraDocument();
    if (!document) return;
    const defaultWeight = vscode.workspace.getConfiguration('titra', document.uri).get<number>('examplePatientWeight', 70);
    const weightText = await vscode.window.showInputBox({
        title: 'Titra: Preview schedule (1/2)', prompt: 'Example patient weight in kg', value: String(defaultWeight),
        validateInput: weightInputError, ignoreFocusOut: true
    });
    if (weightText === undefined) return;
    const start = await vscode.window.showInputBox({
        title: 'Titra: Preview schedule (2/2)', prompt: 'Cycle 1 day 1 (YYYY-MM-DD)', value: localIsoDate(new Date()),
        validateInput: startDateInputError, ignoreFocusOut: true
    });
    if (start === undefined) return;
    if (document.isDirty) await document.save();
    await SchedulePreview.show(languageClient, document.uri, Number(weightText.trim()), start.trim());
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const languageClient = await startClient(context);
    client = languageClient;
    const report = (command: string) => (error: unknown) => {
        void vscode.window.showErrorMessage(`Titra: ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    };
    context.subscriptions.push(
        vscode.commands.registerCommand('titra.compile', (resource?: vscode.Uri) => compileCommand(languageClient, resource).catch(report('Compile to order set'))),
        vscode.commands.registerCommand('titra.previewSchedule', () => previewScheduleCommand(languageClient).catch(report('Preview schedule'))),
        vscode.commands.registerCommand('titra.compareWithHead', () => compareWithHeadCommand(languageClient).catch(report('Compare with git HEAD'))),
        vscode.workspace.onDidSaveTextDocument((document) => { SchedulePreview.onSave(document).catch(report('Preview schedule')); })
    );
    createStatusBar(context, languageClient);
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}

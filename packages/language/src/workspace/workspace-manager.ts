// The language server's workspace: the editor's folders, also for clients that send only a root (rootUri, rootPath) or
// nothing (then the folder of the first opened document's workspace, by the CLI's rule); every protocol and library in
// it is checked at start-up, so the Problems panel lists files nobody has open.
import * as path from 'node:path';
import { type BuildOptions, DefaultWorkspaceManager, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { InitializeParams, WorkspaceFolder } from 'vscode-languageserver';
import { workspaceRootOf } from './workspace-root.js';

export class TitraWorkspaceManager extends DefaultWorkspaceManager {
    /** Langium only parses and links unopened documents at start-up; Titra validates them too, open documents first. */
    override initialBuildOptions: BuildOptions = { validation: true };

    constructor(services: LangiumSharedServices) {
        super(services);
        services.workspace.TextDocuments.onDidOpen(({ document }) => this.adoptWorkspaceOf(document.uri));
    }

    /** The workspace folders the client sent; else its root folder (`rootUri`, or the older `rootPath`). */
    override initialize(params: InitializeParams): void {
        super.initialize(params);
        if (this.folders && this.folders.length > 0) return;
        const root = params.rootUri ? URI.parse(params.rootUri) : params.rootPath ? URI.file(params.rootPath) : undefined;
        this.folders = root ? [folderOf(root)] : undefined;
    }

    /**
     * Without any folder from the client, the workspace of the first opened file on disk becomes the workspace
     * folder (its git repository, else the server's working folder when it holds the file, else the file's folder,
     * as for `titra check`), and the .titra files in it are loaded so that imports resolve.
     */
    private adoptWorkspaceOf(uriText: string): void {
        if (this.folders && this.folders.length > 0) return;
        const uri = URI.parse(uriText);
        if (uri.scheme !== 'file' || !this.serviceRegistry.hasServices(uri)) return;
        const root = URI.file(workspaceRootOf([uri.fsPath], process.cwd()));
        this.folders = [folderOf(root)];
        // The files are listed before the build is queued, so that the opened document's own build is not held up.
        void this.ready
            .then(() => this.searchFolder(root))
            .then((found) => {
                const added = found.filter((file) => !this.langiumDocuments.hasDocument(file));
                return this.mutex.write((token) => this.documentBuilder.update([...added, uri], [], token));
            });
    }
}

function folderOf(uri: URI): WorkspaceFolder {
    return { uri: uri.toString(), name: path.basename(uri.fsPath) || uri.toString() };
}

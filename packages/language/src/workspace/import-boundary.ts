// The folders imports may reach: the CLI's workspace root, or the editor's workspace folders.
import { type LangiumSharedCoreServices, URI, UriUtils } from 'langium';

export class ImportBoundary {
    private roots: URI[] = [];

    constructor(private readonly shared: LangiumSharedCoreServices) {}

    /** Sets the folders imports must stay inside (the CLI calls this with its workspace root). */
    setRoots(folders: string[]): void {
        this.roots = folders.map((f) => URI.file(f));
    }

    /** The folders in force: those set, else the editor's workspace folders; empty when nothing is known. */
    currentRoots(): URI[] {
        if (this.roots.length > 0) return this.roots;
        return (this.shared.workspace.WorkspaceManager.workspaceFolders ?? []).map((f) => URI.parse(f.uri));
    }

    /** True when `uri` lies inside one of the folders, or when no folder is known. */
    allows(uri: URI): boolean {
        const roots = this.currentRoots();
        return roots.length === 0 || roots.some((root) => UriUtils.equals(root, uri) || UriUtils.contains(root, uri));
    }
}

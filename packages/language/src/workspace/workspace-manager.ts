// The language server's workspace loading: every protocol and library of the workspace is checked at start-up, so the Problems panel lists files nobody has open.
import { type BuildOptions, DefaultWorkspaceManager } from 'langium';

export class TitraWorkspaceManager extends DefaultWorkspaceManager {
    /** Langium only parses and links unopened documents at start-up; Titra validates them too, open documents first. */
    override initialBuildOptions: BuildOptions = { validation: true };
}

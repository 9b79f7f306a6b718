// The document builder of the language server: runs every validation category on each edit, as `titra check` does.
import { DefaultDocumentBuilder, type BuildOptions } from 'langium';

export class TitraDocumentBuilder extends DefaultDocumentBuilder {
    /** Langium runs only its 'built-in' and 'fast' categories on an edit; Titra's clinical checks belong in the editor too. */
    override updateBuildOptions: BuildOptions = { validation: true };
}

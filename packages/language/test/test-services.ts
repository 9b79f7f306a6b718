// Shared set-up for language tests: services over an in-memory file system and helpers to load documents.
import { URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { createTitraServices } from '../src/titra-module.js';

export const services = createTitraServices();

/** Loads several in-memory files (path -> text) under /ws, builds them with validation, returns them by path. */
export async function buildFiles(files: Record<string, string>): Promise<Map<string, LangiumDocument>> {
    await clearDocuments(services.shared);
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const documents = services.shared.workspace.LangiumDocuments;
    const loaded = new Map<string, LangiumDocument>();
    for (const [path, text] of Object.entries(files)) {
        const document = factory.fromString(text, URI.file(`/ws/${path}`));
        documents.addDocument(document);
        loaded.set(path, document);
    }
    await services.shared.workspace.DocumentBuilder.build([...loaded.values()], { validation: true });
    return loaded;
}

/** The diagnostic codes of a document, in order. */
export function codesOf(document: LangiumDocument): string[] {
    return (document.diagnostics ?? []).map((d) => String(d.code ?? (d.data as { code?: string } | undefined)?.code));
}

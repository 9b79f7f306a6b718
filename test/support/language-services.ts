// Language services over an in-memory file system and helpers to build, compile and inspect documents, for the language tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheckCategories, CompileError, createTitraServices, OrderSet as OrderSetContract, type OrderSet } from '@titra/language';
import { URI, ValidationCategory, type LangiumDocument, type ParseResult, type ValidationOptions } from 'langium';
import { clearDocuments } from 'langium/test';

export const services = createTitraServices();

type Services = typeof services;

/**
 * Loads several in-memory files (path -> text) under /ws, builds them with validation (every check category, or
 * those `validation` selects) with `on` (the default services, or services with a test clock), returns them by path.
 */
export async function buildFiles(
    files: Record<string, string>, validation: true | ValidationOptions = true, on: Services = services
): Promise<Map<string, LangiumDocument>> {
    await clearDocuments(on.shared);
    const factory = on.shared.workspace.LangiumDocumentFactory;
    const documents = on.shared.workspace.LangiumDocuments;
    const loaded = new Map<string, LangiumDocument>();
    for (const [path, text] of Object.entries(files)) {
        const document = factory.fromString(text, URI.file(`/ws/${path}`));
        documents.addDocument(document);
        loaded.set(path, document);
    }
    await on.shared.workspace.DocumentBuilder.build([...loaded.values()], { validation });
    return loaded;
}

/** The diagnostic codes of a document, in order. */
export function codesOf(document: LangiumDocument): string[] {
    return (document.diagnostics ?? []).map((d) => String(d.code ?? (d.data as { code?: string } | undefined)?.code));
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the parsing, validation, linking, compiler and robustness tests.
// ---------------------------------------------------------------------------------------------

/** The URI string of an in-memory file loaded by buildFiles. */
export function uriOf(path: string): string {
    return URI.file(`/ws/${path}`).toString();
}

/** Builds one in-memory file (with validation, as buildFiles) and returns its document. */
export async function buildOne(
    text: string, path = 'protocol.titra', validation: true | ValidationOptions = true, on: Services = services
): Promise<LangiumDocument> {
    return (await buildFiles({ [path]: text }, validation, on)).get(path)!;
}

/** Lexer and parser errors only (no linking or validation), straight from the parser. */
export function parseOnly(text: string): ParseResult {
    return services.Titra.parser.LangiumParser.parse(text);
}

/** Diagnostics of a document with a given code (an unresolved reference has code 'reference/unresolved'). */
export function diagnosticsWithCode(document: LangiumDocument, code: string) {
    return (document.diagnostics ?? []).filter((d) => String(d.code ?? (d.data as { code?: string } | undefined)?.code) === code);
}

/** 1-based line numbers of the diagnostics of a document that carry `code`. */
export function linesOf(document: LangiumDocument, code: string): number[] {
    return diagnosticsWithCode(document, code).map((d) => d.range.start.line + 1);
}

/** Error-severity diagnostics of a document (severity 1). */
export function errorsOf(document: LangiumDocument) {
    return (document.diagnostics ?? []).filter((d) => d.severity === 1);
}

/** Diagnostics that Langium produced because a check threw (a crash in a validator). */
export function crashesOf(document: LangiumDocument) {
    return (document.diagnostics ?? []).filter((d) => String(d.message).startsWith('An error occurred during'));
}

/** The 1-based line of the first occurrence of `needle` in `text` (fails loudly when absent). */
export function lineOfText(text: string, needle: string, occurrence = 1): number {
    let index = -1;
    for (let i = 0; i < occurrence; i++) {
        index = text.indexOf(needle, index + 1);
        if (index < 0) throw new Error(`'${needle}' (occurrence ${occurrence}) is not in the text`);
    }
    return text.slice(0, index).split('\n').length;
}

/** A minimal valid protocol header; `body` is placed inside the protocol braces after it. */
export function protocolText(body: string, name = 'P'): string {
    return `protocol ${name} "Test protocol" {\n  version 1.0.0\n  status draft\n  agent teclistamab route subcut dose-basis actual-weight\n${body}\n}\n`;
}

/**
 * Compiles the protocol of a built document with the protocol compiler, drafts included, whatever the clinical
 * checks found (the snippets of the tests are not clinically complete); provenance paths are relative to /ws.
 */
export function compileDocument(document: LangiumDocument): OrderSet {
    const compilation = services.Titra.compiler.ProtocolCompiler.compileValidated(document, { allowDraft: true });
    if (compilation.kind === 'compile-error') throw new CompileError(compilation.message);
    if (compilation.kind !== 'compiled') throw new Error(`${document.uri.toString()} is not a protocol`);
    return compilation.orderSet;
}

/** Builds one protocol text without the clinical checks and compiles it; throws on any error or on an order set outside the contract. */
export async function compileSnippet(text: string): Promise<OrderSet> {
    const document = (await buildFiles({ 'main.titra': text }, WITHOUT_CLINICAL_CHECKS)).get('main.titra')!;
    const errors = errorsOf(document).map((d) => d.message);
    if (errors.length > 0) throw new Error(`errors in the snippet: ${errors.join('; ')}`);
    const orderSet = compileDocument(document);
    const issues = OrderSetContract.safeParse(orderSet).error?.issues ?? [];
    if (issues.length > 0) throw new Error(`the order set breaks the contract: ${JSON.stringify(issues)}`);
    return orderSet;
}

/** The repository's examples folder. */
export const EXAMPLES_FOLDER = fileURLToPath(new URL('../../examples/', import.meta.url));

/** Every .titra file under examples/, by path relative to it (read when called: examples may be added). */
export function exampleFiles(): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (folder: string) => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
            const path = join(folder, entry.name);
            if (entry.isDirectory()) walk(path);
            else if (entry.name.endsWith('.titra')) files[relative(EXAMPLES_FOLDER, path).split('\\').join('/')] = readFileSync(path, 'utf8');
        }
    };
    walk(EXAMPLES_FOLDER);
    return files;
}

/**
 * Every check but those of the clinical category (reference, panels, holds, step-up, restarts), which judge whole
 * protocols: for the snippets of the parsing, linking and compiler tests, which are not clinically complete.
 */
export const WITHOUT_CLINICAL_CHECKS: ValidationOptions = {
    categories: [...ValidationCategory.defaults, ...Object.values(CheckCategories)].filter((category) => category !== CheckCategories.clinical)
};

// Shared set-up for language tests: services over an in-memory file system and helpers to load documents.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI, type LangiumDocument, type ParseResult } from 'langium';
import { clearDocuments } from 'langium/test';
import { CompileError } from '../src/compiler/compile-protocol.js';
import type { OrderSet } from '../src/orderset/schema.js';
import { createTitraServices } from '../src/titra-module.js';
import { Codes } from '../src/validation/codes.js';

export const services = createTitraServices();

type Services = typeof services;

/** Loads several in-memory files (path -> text) under /ws, builds them with validation, returns them by path. */
export async function buildFiles(files: Record<string, string>, on: Services = services): Promise<Map<string, LangiumDocument>> {
    await clearDocuments(on.shared);
    const factory = on.shared.workspace.LangiumDocumentFactory;
    const documents = on.shared.workspace.LangiumDocuments;
    const loaded = new Map<string, LangiumDocument>();
    for (const [path, text] of Object.entries(files)) {
        const document = factory.fromString(text, URI.file(`/ws/${path}`));
        documents.addDocument(document);
        loaded.set(path, document);
    }
    await on.shared.workspace.DocumentBuilder.build([...loaded.values()], { validation: true });
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

/** Builds one in-memory file (with validation) and returns its document. */
export async function buildOne(text: string, path = 'protocol.titra', on: Services = services): Promise<LangiumDocument> {
    return (await buildFiles({ [path]: text }, on)).get(path)!;
}

/** Lexer and parser errors only (no linking or validation), straight from the parser. */
export function parseOnly(text: string): ParseResult {
    return services.Titra.parser.LangiumParser.parse(text);
}

/** Diagnostics of a document with a given code (Langium's own linking errors have code 'linking-error'). */
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

/** The repository's examples folder. */
export const EXAMPLES_FOLDER = fileURLToPath(new URL('../../../examples/', import.meta.url));

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

// ---------------------------------------------------------------------------------------------
// Clinical checks (reference, panels, holds, step-up, restarts) judge whole protocols; the small snippets of
// the parsing, linking and compiler tests are not clinically complete, so those tests set these codes aside.
// ---------------------------------------------------------------------------------------------

const CLINICAL_CODES: ReadonlySet<string> = new Set([
    Codes.referenceDoseDiffers, Codes.referenceDayDiffers, Codes.referenceWindowDiffers, Codes.referenceRouteDiffers,
    Codes.referenceDoseBasisDiffers, Codes.referenceFrequencyDiffers, Codes.panelMissingGrade, Codes.panelDuplicateGrade, Codes.panelIceRanges,
    Codes.tocilizumabLimit, Codes.grade3WithoutEscalation, Codes.missingCrsIcansHold, Codes.holdWithoutResume,
    Codes.stepUpNotIncreasing, Codes.windowExcludesDay, Codes.stepUpWithoutPremedication, Codes.stepUpWithoutMonitoring,
    Codes.restartOverlap, Codes.restartGap, Codes.maintenanceNotAfterLastStepUp, Codes.referencePremedicationDiffers,
    Codes.restartDoseNotCovered
]);

/** The codes of a document other than those of the clinical checks. */
export function nonClinicalCodesOf(document: LangiumDocument): string[] {
    return codesOf(document).filter((code) => !CLINICAL_CODES.has(code));
}

/** The errors of a document other than those of the clinical checks. */
export function nonClinicalErrorsOf(document: LangiumDocument) {
    return errorsOf(document).filter((d) => !CLINICAL_CODES.has(String(d.code)));
}

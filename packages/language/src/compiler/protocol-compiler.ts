// The one way to compile a protocol document, for the CLI, the language server and the tests: validation of its
// import closure, the draft rule, provenance relative to the workspace root, the deviations (suppressed errors) on the record,
// and the titra.orderset/1 check.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { URI, UriUtils, type DocumentValidator, type LangiumDocument, type LangiumDocuments } from 'langium';
import * as ast from '../grammar/generated/ast.js';
import { ONE_SHOT_PARSE } from '../environment/one-shot-parse.js';
import type { KnowledgeBase } from '../knowledge/knowledge-service.js';
import { OrderSet } from '../orderset/schema.js';
import type { TitraServices } from '../titra-module.js';
import { draftStatusOf } from '../validation/governance.js';
import type { SuppressedFindings } from '../validation/suppression.js';
import { titraVersion } from '../version.js';
import type { ImportBoundary } from '../workspace/import-boundary.js';
import { importClosure } from '../workspace/imports.js';
import { workspaceRootOf } from '../workspace/workspace-root.js';
import { compileProtocol, CompileError, type CompileContext } from './compile-protocol.js';
import { deviationsOf } from './deviations.js';

export interface CompileOptions {
    /** Compile a protocol whose status is draft (refused without it: a draft is not for production). */
    allowDraft?: boolean;
}

/** A position in a document, 0-based as in LSP. */
export interface SourceLocation {
    uri: string;
    line: number;
    character: number;
}

/** `json` is the canonical text written to disk (two-space indented, with a final newline); `orderSet` is that text parsed. */
type CompiledOrderSet = { kind: 'compiled'; orderSet: OrderSet; json: string };

/** Why a protocol was not compiled although it has no errors. */
type Refusal = { kind: 'library' } | { kind: 'draft'; status: SourceLocation } | { kind: 'compile-error'; message: string; at?: SourceLocation };

/** The result of compileValidated. */
export type ValidatedCompilation = CompiledOrderSet | Refusal;

/** The result of compile: with the warnings of the protocol and its imports, or their errors (`first` is the first error of the first file that has one). */
export type Compilation =
    | (CompiledOrderSet & { warnings: number })
    | { kind: 'errors'; errors: number; files: number; first: SourceLocation & { message: string } }
    | Refusal;

export class ProtocolCompiler {
    private readonly documents: LangiumDocuments;
    private readonly validator: DocumentValidator;
    private readonly boundary: ImportBoundary;
    private readonly knowledge: KnowledgeBase;
    private readonly suppressed: SuppressedFindings;

    constructor(services: TitraServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.validator = services.validation.DocumentValidator;
        this.boundary = services.workspace.ImportBoundary;
        this.knowledge = services.knowledge.KnowledgeBase;
        this.suppressed = services.validation.SuppressedFindings;
    }

    /** Validates a linked document and its imports with every check category, and compiles it when it is an error-free protocol. */
    async compile(document: LangiumDocument, options: CompileOptions = {}): Promise<Compilation> {
        const closure = this.closureOf(document);
        let errors = 0;
        let warnings = 0;
        let files = 0;
        let first: (SourceLocation & { message: string }) | undefined;
        for (const member of closure) {
            const diagnostics = await this.validator.validateDocument(member);
            const memberErrors = diagnostics.filter((d) => d.severity === 1);
            errors += memberErrors.length;
            warnings += diagnostics.filter((d) => d.severity === 2).length;
            if (memberErrors.length === 0) continue;
            files++;
            const { range, message } = memberErrors[0];
            first ??= { uri: member.uri.toString(), ...range.start, message: typeof message === 'string' ? message : message.value };
        }
        if (first) return { kind: 'errors', errors, files, first };
        const compilation = this.compileValidated(document, options);
        return compilation.kind === 'compiled' ? { ...compilation, warnings } : compilation;
    }

    /**
     * Compiles a linked document whose errors (and those of its imports) the caller has already reported, as the
     * CLI does after its build with validation: the library and draft refusals, the compiler, the contract check.
     */
    compileValidated(document: LangiumDocument, options: CompileOptions = {}): ValidatedCompilation {
        const root = document.parseResult.value as ast.TitraFile;
        if (!ast.isProtocol(root)) return { kind: 'library' };
        const draft = draftStatusOf(root)?.$cstNode?.range.start;
        if (draft && !options.allowDraft) return { kind: 'draft', status: { uri: document.uri.toString(), ...draft } };
        try {
            const orderSet = compileProtocol(root, this.contextFor(document));
            const checked = OrderSet.safeParse(orderSet, ONE_SHOT_PARSE);
            if (!checked.success) throw new Error(`internal error: the order set of ${document.uri.fsPath} does not match titra.orderset/1: ${checked.error.message}`);
            const json = JSON.stringify(orderSet, null, 2) + '\n';
            // The order set as read back from its text, so every user sees what is written to disk (no undefined members).
            return { kind: 'compiled', orderSet: JSON.parse(json) as OrderSet, json };
        } catch (error) {
            if (!(error instanceof CompileError)) throw error;
            const start = error.node?.$cstNode?.range.start;
            return { kind: 'compile-error', message: error.message, ...(start ? { at: { uri: document.uri.toString(), ...start } } : {}) };
        }
    }

    /** The protocol and every document it imports, directly or through other imports. */
    private closureOf(document: LangiumDocument): LangiumDocument[] {
        return [document, ...[...importClosure(document, this.documents)].flatMap((u) => this.documents.getDocument(URI.parse(u)) ?? [])];
    }

    /**
     * The folder provenance paths are relative to: the innermost workspace root holding the protocol (the CLI's
     * workspace, or the editor's workspace folders), else the CLI's rule applied to the protocol and its imports.
     */
    private provenanceRoot(document: LangiumDocument, closure: LangiumDocument[]): string {
        const holding = this.boundary.currentRoots()
            .filter((root) => root.scheme === 'file' && (UriUtils.equals(root, document.uri) || UriUtils.contains(root, document.uri)))
            .map((root) => root.fsPath)
            .sort((a, b) => b.length - a.length);
        return holding[0] ?? workspaceRootOf(closure.map((d) => d.uri.fsPath), process.cwd());
    }

    /**
     * Paths relative to the provenance root; hashes of the text compiled, so an unsaved buffer hashes as the file will once
     * saved; the errors that the last validation of the protocol and its imports saw suppressed.
     */
    private contextFor(document: LangiumDocument): CompileContext {
        const closure = this.closureOf(document);
        const root = this.provenanceRoot(document, closure);
        const byUri = new Map(closure.map((d) => [d.uri.toString(), d]));
        const member = (uri: string) => {
            const found = byUri.get(uri);
            if (!found) throw new Error(`internal error: ${uri} is not among the protocol's imports`);
            return found;
        };
        const relativePath = (uri: string) => path.relative(root, member(uri).uri.fsPath).split(path.sep).join('/');
        return {
            relativePath,
            sha256: (uri) => createHash('sha256').update(member(uri).textDocument.getText(), 'utf8').digest('hex'),
            compilerVersion: titraVersion,
            knowledge: this.knowledge,
            deviations: deviationsOf(document, closure, this.suppressed, relativePath)
        };
    }
}

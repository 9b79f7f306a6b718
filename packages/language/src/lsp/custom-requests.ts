// Server side of Titra's custom requests: compile a document to order-set JSON, run its schedule, report its status and version, diff it with git HEAD.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { compileProtocol, CompileError, type CompileContext } from '../compiler/compile-protocol.js';
import * as ast from '../grammar/generated/ast.js';
import { labelStepUpDose } from '../knowledge/reference.js';
import { diffOrderSets } from '../orderset/diff.js';
import { diffMarkdown } from '../orderset/diff-report.js';
import { OrderSet } from '../orderset/schema.js';
import { addDays, computeSchedule, isIsoDate, ScheduleInputError } from '../orderset/schedule/index.js';
import type { TitraServices } from '../titra-module.js';
import { fileAtRevision, findGitRoot } from '../workspace/git.js';
import { importClosure } from '../workspace/imports.js';
// The toolchain version in order-set provenance is the titra command's, so the editor writes the same JSON as `titra compile`.
import cliPackage from '../../../cli/package.json' with { type: 'json' };
import {
    CompileRequestMethod, DiffWithHeadRequestMethod, ProtocolInfoRequestMethod, ScheduleRequestMethod, type CompileFailure,
    type CompileParams, type CompileResult, type DiffWithHeadParams, type DiffWithHeadResult, type ProtocolInfo,
    type ProtocolInfoParams, type ScheduleParams, type ScheduleResult
} from './requests.js';

/** Days shown by default, as `titra schedule` without --until. */
const DEFAULT_HORIZON_DAYS = 26 * 7;

/** Provenance as `titra compile FILE` computes it: paths relative to the git root, hashes of the bytes on disk. */
export function serverCompileContext(main: LangiumDocument, documents: LangiumDocument[]): CompileContext {
    const byUri = new Map(documents.map((d) => [d.uri.toString(), d]));
    const root = findGitRoot(path.dirname(main.uri.fsPath)) ?? path.dirname(main.uri.fsPath);
    return {
        relativePath: (uri) => path.relative(root, byUri.get(uri)?.uri.fsPath ?? URI.parse(uri).fsPath).split(path.sep).join('/'),
        sha256: (uri) => {
            const document = byUri.get(uri);
            const file = document?.uri.scheme === 'file' ? document.uri.fsPath : undefined;
            const bytes = file && existsSync(file) ? readFileSync(file) : Buffer.from(document?.textDocument.getText() ?? '', 'utf8');
            return createHash('sha256').update(bytes).digest('hex');
        },
        compilerVersion: cliPackage.version
    };
}

type Compiled = { kind: 'compiled'; orderSet: OrderSet; warnings: number } | CompileFailure;

/** Waits for the document's build, validates it and its imports with every check category, and compiles it when error-free. */
async function compileUri(shared: LangiumSharedServices, Titra: TitraServices, uriText: string): Promise<Compiled> {
    await shared.workspace.WorkspaceManager.ready;
    const uri = URI.parse(uriText);
    const documents = shared.workspace.LangiumDocuments;
    if (!documents.hasDocument(uri)) {
        return { kind: 'unknown-document', message: `${uri.fsPath} is not part of the language server's workspace` };
    }
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Linked, uri);
    const main = documents.getDocument(uri)!;
    const involved = [main, ...[...importClosure(main, documents)].flatMap((u) => documents.getDocument(URI.parse(u)) ?? [])];
    let errors = 0;
    let warnings = 0;
    let filesWithErrors = 0;
    let first: Extract<CompileFailure, { kind: 'errors' }>['first'] | undefined;
    for (const document of involved) {
        const diagnostics = await Titra.validation.DocumentValidator.validateDocument(document);
        const documentErrors = diagnostics.filter((d) => d.severity === 1);
        errors += documentErrors.length;
        warnings += diagnostics.filter((d) => d.severity === 2).length;
        if (documentErrors.length === 0) continue;
        filesWithErrors++;
        // Imported files that are not open get no diagnostics in the editor: name the first error, wherever it is.
        const { range, message } = documentErrors[0];
        first ??= {
            file: path.relative(path.dirname(main.uri.fsPath), document.uri.fsPath).split(path.sep).join('/'),
            line: range.start.line, character: range.start.character, message: typeof message === 'string' ? message : message.value
        };
    }
    if (first) return { kind: 'errors', errors, files: filesWithErrors, first };
    const root = main.parseResult.value as ast.TitraFile;
    if (!ast.isProtocol(root)) {
        return { kind: 'library', message: `${path.basename(uri.fsPath)} is a library; compile the protocols that import it` };
    }
    try {
        const orderSet = compileProtocol(root, serverCompileContext(main, involved));
        const checked = OrderSet.safeParse(orderSet);
        if (!checked.success) {
            return { kind: 'compile-error', message: `internal error: the order set does not match titra.orderset/1: ${checked.error.message}` };
        }
        return { kind: 'compiled', orderSet, warnings };
    } catch (error) {
        if (!(error instanceof CompileError)) throw error;
        const start = error.node?.$cstNode?.range.start;
        return { kind: 'compile-error', message: error.message, ...(start ? { line: start.line, character: start.character } : {}) };
    }
}

export async function handleCompile(shared: LangiumSharedServices, Titra: TitraServices, params: CompileParams): Promise<CompileResult> {
    const compiled = await compileUri(shared, Titra, params.uri);
    if (compiled.kind !== 'compiled') return compiled;
    const { orderSet } = compiled;
    return {
        kind: 'ok', json: JSON.stringify(orderSet, null, 2) + '\n', protocolId: orderSet.protocol.id,
        version: orderSet.protocol.version, warnings: compiled.warnings
    };
}

export async function handleSchedule(shared: LangiumSharedServices, Titra: TitraServices, params: ScheduleParams): Promise<ScheduleResult> {
    if (!isIsoDate(params.start)) return { kind: 'input-error', message: `the start date must be a real calendar date as YYYY-MM-DD, not '${params.start}'` };
    if (params.until !== undefined && !isIsoDate(params.until)) {
        return { kind: 'input-error', message: `the last day must be a real calendar date as YYYY-MM-DD, not '${params.until}'` };
    }
    if (!Number.isFinite(params.weight) || params.weight <= 0) return { kind: 'input-error', message: `the weight must be a positive number of kg, not '${params.weight}'` };
    const compiled = await compileUri(shared, Titra, params.uri);
    if (compiled.kind !== 'compiled') return compiled;
    try {
        const schedule = computeSchedule({
            orderSet: compiled.orderSet, start: params.start, until: params.until ?? addDays(params.start, DEFAULT_HORIZON_DAYS),
            events: [], patient: { weight: params.weight, flags: [] }
        });
        return { kind: 'ok', schedule };
    } catch (error) {
        if (error instanceof ScheduleInputError) return { kind: 'input-error', message: error.message };
        throw error;
    }
}

/**
 * Compiles the committed version of a protocol beside the working file (so that its imports resolve the same
 * way), diffs it with the editor's version, and removes it again; the workspace lock keeps edits out meanwhile.
 */
export async function handleDiffWithHead(shared: LangiumSharedServices, Titra: TitraServices, params: DiffWithHeadParams): Promise<DiffWithHeadResult> {
    const current = await compileUri(shared, Titra, params.uri);
    if (current.kind !== 'compiled') return current;
    const file = URI.parse(params.uri).fsPath;
    const head = await fileAtRevision('HEAD', file);
    if ('error' in head) return { kind: 'git-error', message: `git show HEAD:${path.basename(file)} failed: ${head.error}` };
    const headUri = URI.file(path.join(path.dirname(file), `.${path.basename(file, '.titra')}.HEAD.titra`));
    let committed: Compiled | undefined;
    await shared.workspace.WorkspaceLock.write(async (token) => {
        const documents = shared.workspace.LangiumDocuments;
        documents.addDocument(shared.workspace.LangiumDocumentFactory.fromString(head.text, headUri));
        try {
            await shared.workspace.DocumentBuilder.build([documents.getDocument(headUri)!], { validation: true }, token);
            committed = await compileUri(shared, Titra, headUri.toString());
        } finally {
            documents.deleteDocument(headUri);
            shared.workspace.IndexManager.remove(headUri);
        }
    });
    if (!committed || committed.kind !== 'compiled') {
        const detail = committed?.kind === 'errors' ? `${committed.errors} error(s), first: ${committed.first.message}` : 'it does not compile';
        return { kind: 'head-has-errors', message: `The committed version (HEAD) of ${path.basename(file)} has errors (${detail}); nothing was compared.` };
    }
    const diff = diffOrderSets(committed.orderSet, current.orderSet, { labelDose: labelStepUpDose });
    return { kind: 'ok', markdown: diffMarkdown(diff), changes: diff.changes.length };
}

/** Status and version of a document as written (no validation needed), for the editor's status bar. */
export async function handleProtocolInfo(shared: LangiumSharedServices, params: ProtocolInfoParams): Promise<ProtocolInfo> {
    await shared.workspace.WorkspaceManager.ready;
    const uri = URI.parse(params.uri);
    const document = shared.workspace.LangiumDocuments.getDocument(uri);
    if (!document) return { kind: 'none' };
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Parsed, uri);
    const root = document.parseResult.value as ast.TitraFile;
    if (ast.isLibrary(root)) return { kind: 'library', id: root.name };
    if (!ast.isProtocol(root) || !root.name) return { kind: 'none' };
    const status = root.members.find(ast.isStatusDecl)?.status;
    const version = root.members.find(ast.isVersionDecl)?.value;
    return { kind: 'protocol', id: root.name, title: root.title ?? '', ...(version ? { version } : {}), ...(status ? { status } : {}) };
}

/** Registers the custom requests on the server's connection. */
export function registerCustomRequests(connection: Connection, shared: LangiumSharedServices, Titra: TitraServices): void {
    connection.onRequest<CompileResult, void>(CompileRequestMethod, (params: CompileParams) => handleCompile(shared, Titra, params));
    connection.onRequest<ScheduleResult, void>(ScheduleRequestMethod, (params: ScheduleParams) => handleSchedule(shared, Titra, params));
    connection.onRequest<ProtocolInfo, void>(ProtocolInfoRequestMethod, (params: ProtocolInfoParams) => handleProtocolInfo(shared, params));
    connection.onRequest<DiffWithHeadResult, void>(DiffWithHeadRequestMethod, (params: DiffWithHeadParams) => handleDiffWithHead(shared, Titra, params));
}

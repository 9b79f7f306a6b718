// Server side of Titra's custom requests: compile a document to order-set JSON, run its schedule, report its status and version, diff it with git HEAD.
import * as path from 'node:path';
import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import type { Compilation, CompileOptions } from '../compiler/protocol-compiler.js';
import * as ast from '../grammar/generated/ast.js';
import { diffOrderSets } from '../orderset/diff.js';
import { diffMarkdown } from '../orderset/diff-report.js';
import { addDays, computeSchedule, DEFAULT_SCHEDULE_HORIZON_DAYS, isIsoDate, ScheduleInputError, TimelineEvent } from '../orderset/schedule/index.js';
import { z } from 'zod';
import type { TitraServices } from '../titra-module.js';
import { compileAtRevision } from '../workspace/revision.js';
import {
    CompileRequestMethod, DiffWithHeadRequestMethod, ProtocolInfoRequestMethod, ScheduleRequestMethod, type CompileFailure,
    type CompileParams, type CompileResult, type DiffWithHeadParams, type DiffWithHeadResult, type ProtocolInfo,
    type ProtocolInfoParams, type ScheduleParams, type ScheduleResult, ScheduleInputsRequestMethod, type ScheduleInputsParams, type ScheduleInputsResult
} from './requests.js';
import { handleScheduleInputs } from './schedule-inputs.js';

export type Compiled = Extract<Compilation, { kind: 'compiled' }> | CompileFailure;

/** Waits for the document's build and compiles it (with its imports) with the protocol compiler; failures in the request's terms. */
export async function compileUri(shared: LangiumSharedServices, Titra: TitraServices, uriText: string, options: CompileOptions): Promise<Compiled> {
    await shared.workspace.WorkspaceManager.ready;
    const uri = URI.parse(uriText);
    const documents = shared.workspace.LangiumDocuments;
    if (!documents.hasDocument(uri)) {
        return { kind: 'unknown-document', message: `${uri.fsPath} is not part of the language server's workspace` };
    }
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Linked, uri);
    const compilation: Compilation = await Titra.compiler.ProtocolCompiler.compile(documents.getDocument(uri)!, options);
    switch (compilation.kind) {
        case 'compiled':
            return compilation;
        case 'errors': {
            // Imported files that are not open get no diagnostics in the editor: name the first error, wherever it is.
            const { uri: file, line, character, message } = compilation.first;
            const relative = path.relative(path.dirname(uri.fsPath), URI.parse(file).fsPath).split(path.sep).join('/');
            return { kind: 'errors', errors: compilation.errors, files: compilation.files, first: { file: relative, line, character, message } };
        }
        case 'library':
            return { kind: 'library', message: `${path.basename(uri.fsPath)} is a library; compile the protocols that import it` };
        case 'draft':
            return {
                kind: 'draft', line: compilation.status.line, character: compilation.status.character,
                message: `${path.basename(uri.fsPath)} has status draft; a draft is not compiled for production: make it active to compile it`
            };
        case 'compile-error':
            return { kind: 'compile-error', message: compilation.message, ...(compilation.at ? { line: compilation.at.line, character: compilation.at.character } : {}) };
    }
}

export async function handleCompile(shared: LangiumSharedServices, Titra: TitraServices, params: CompileParams): Promise<CompileResult> {
    const compiled = await compileUri(shared, Titra, params.uri, { allowDraft: params.allowDraft });
    if (compiled.kind !== 'compiled') return compiled;
    const { orderSet } = compiled;
    return {
        kind: 'ok', json: compiled.json, protocolId: orderSet.protocol.id,
        version: orderSet.protocol.version, warnings: compiled.warnings
    };
}

export async function handleSchedule(shared: LangiumSharedServices, Titra: TitraServices, params: ScheduleParams): Promise<ScheduleResult> {
    if (!isIsoDate(params.start)) return { kind: 'input-error', message: `the start date must be a real calendar date as YYYY-MM-DD, not '${params.start}'` };
    if (params.until !== undefined && !isIsoDate(params.until)) {
        return { kind: 'input-error', message: `the last day must be a real calendar date as YYYY-MM-DD, not '${params.until}'` };
    }
    if (!Number.isFinite(params.weight) || params.weight <= 0) return { kind: 'input-error', message: `the weight must be a positive number of kg, not '${params.weight}'` };
    if (params.height !== undefined && (!Number.isFinite(params.height) || params.height <= 0)) {
        return { kind: 'input-error', message: `the height must be a positive number of cm, not '${params.height}'` };
    }
    const events = params.events === undefined ? { success: true as const, data: [] } : z.array(TimelineEvent).safeParse(params.events);
    if (!events.success) {
        const issue = events.error.issues[0];
        return { kind: 'input-error', message: `the events are not a titra timeline: event ${Number(issue.path[0] ?? 0) + 1}${issue.path.length > 1 ? ` (${issue.path.slice(1).join('.')})` : ''}: ${issue.message}` };
    }
    // As `titra schedule`: a draft is scheduled (it is tried out before it is made active).
    const compiled = await compileUri(shared, Titra, params.uri, { allowDraft: true });
    if (compiled.kind !== 'compiled') return compiled;
    try {
        const schedule = computeSchedule({
            orderSet: compiled.orderSet, start: params.start, until: params.until ?? addDays(params.start, DEFAULT_SCHEDULE_HORIZON_DAYS),
            events: events.data, patient: { weight: params.weight, ...(params.height !== undefined ? { height: params.height } : {}), flags: params.flags ?? [] }
        });
        return { kind: 'ok', schedule };
    } catch (error) {
        if (error instanceof ScheduleInputError) return { kind: 'input-error', message: error.message };
        throw error;
    }
}

/**
 * The committed version (HEAD) of a protocol, read whole from git (file and imports, never the working copy's imports),
 * diffed with the editor's version.
 */
export async function handleDiffWithHead(shared: LangiumSharedServices, Titra: TitraServices, params: DiffWithHeadParams): Promise<DiffWithHeadResult> {
    // As `titra diff`: drafts are compared too.
    const current = await compileUri(shared, Titra, params.uri, { allowDraft: true });
    if (current.kind !== 'compiled') return current;
    const file = URI.parse(params.uri).fsPath;
    const committed = await compileAtRevision('HEAD', file, { allowDraft: true, clock: Titra.environment.Clock });
    if (committed.kind === 'git-error') return committed;
    if (committed.kind !== 'compiled') {
        const detail = committed.kind === 'errors' ? `${committed.errors} error(s), first: ${committed.first.message}` : 'it does not compile';
        return { kind: 'head-has-errors', message: `The committed version (HEAD) of ${path.basename(file)} has errors (${detail}); nothing was compared.` };
    }
    const knowledge = Titra.knowledge.KnowledgeBase;
    const diff = diffOrderSets(committed.orderSet, current.orderSet, { labelDose: (agent, stepUp, sequence) => knowledge.labelStepUpDose(agent, stepUp, sequence) });
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
    connection.onRequest<ScheduleInputsResult, void>(ScheduleInputsRequestMethod, (params: ScheduleInputsParams) => handleScheduleInputs(shared, Titra, params));
}

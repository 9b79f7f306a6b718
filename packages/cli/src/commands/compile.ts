// `titra compile`: protocols to titra.orderset/1 JSON or FHIR R4 Bundles, written all-or-nothing and only when error-free.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { ast, Codes, compileProtocol, CompileError, draftStatusOf, fhirBundleText, OrderSet, type CompileContext } from '@titra/language';
import type { LangiumDocument } from 'langium';
import { writeAllOrNothing, type PlannedOutput } from '../atomic-write.js';
import { reportFindings } from './check.js';
import type { Terminal } from '../terminal.js';
import { titraVersion } from '../version.js';
import { displayPath, expandPaths, InputError, loadWorkspace, type LoadedWorkspace } from '../workspace-loader.js';

export interface CompileOptions {
    paths: string[];
    output?: string;
    outDir?: string;
    /** orderset: titra.orderset/1 JSON; fhir-r4: a FHIR R4 Bundle derived from that order set. */
    target: 'orderset' | 'fhir-r4';
    /** Compile protocols whose status is draft (refused without it: a draft is not for production). */
    allowDraft?: boolean;
}

/** The file name an order set gets beside its protocol or in --out-dir. */
export function orderSetFileName(source: string): string {
    return `${path.basename(source, '.titra')}.orderset.json`;
}

/** The file name a FHIR R4 Bundle gets beside its protocol or in --out-dir. */
export function fhirFileName(source: string): string {
    return `${path.basename(source, '.titra')}.fhir.json`;
}

export function compileContext(workspace: LoadedWorkspace): CompileContext {
    const texts = new Map(workspace.all.map((d) => [d.uri.toString(), d.textDocument.getText()]));
    const paths = new Map(workspace.all.map((d) => [d.uri.toString(), d.uri.fsPath]));
    return {
        relativePath: (uri) => path.relative(workspace.workspaceRoot, paths.get(uri) ?? uri).split(path.sep).join('/'),
        sha256: (uri) => workspace.sha256.get(uri) ?? createHash('sha256').update(texts.get(uri) ?? '', 'utf8').digest('hex'),
        compilerVersion: titraVersion
    };
}

/** Compiles one linked, error-free protocol document and checks the result against the contract. */
export function compileDocument(document: LangiumDocument, context: CompileContext): string {
    const root = document.parseResult.value as ast.TitraFile;
    if (!ast.isProtocol(root)) throw new InputError(`${displayPath(document.uri.fsPath)}: is a library; compile the protocols that import it`);
    const orderSet = compileProtocol(root, context);
    const checked = OrderSet.safeParse(orderSet);
    if (!checked.success) {
        throw new Error(`internal error: the order set of ${displayPath(document.uri.fsPath)} does not match titra.orderset/1: ${checked.error.message}`);
    }
    return JSON.stringify(orderSet, null, 2) + '\n';
}

export async function runCompile(terminal: Terminal, options: CompileOptions): Promise<number> {
    if (options.output && options.outDir) throw new InputError('give either -o FILE or --out-dir DIR, not both');
    const files = await expandPaths(options.paths);
    const workspace = await loadWorkspace(files);
    const findings = reportFindings(terminal, workspace.all, 'text');
    const errors = findings.filter((f) => f.severity === 'error').length;
    if (errors > 0) {
        terminal.err(`${errors} error${errors === 1 ? '' : 's'}: nothing was written`);
        return 1;
    }
    const protocols = workspace.roots.filter((d) => ast.isProtocol(d.parseResult.value));
    if (protocols.length === 0) {
        if (workspace.roots.length === 1) throw new InputError(`${displayPath(workspace.roots[0].uri.fsPath)}: is a library, not a protocol; compile the protocols that import it`);
        throw new InputError(`${options.paths.join(', ')}: no protocols to compile (only libraries)`);
    }
    if (!options.allowDraft) {
        const drafts = protocols.flatMap((d) => {
            const status = draftStatusOf(d.parseResult.value as ast.Protocol)?.$cstNode?.range.start;
            return status ? [`${displayPath(d.uri.fsPath)}:${status.line + 1}:${status.character + 1}: error [${Codes.draftNotCompiled}] protocol has status draft; a draft is not compiled for production: make it active, or pass --allow-draft to compile it for testing`] : [];
        });
        if (drafts.length > 0) {
            for (const draft of drafts) terminal.err(draft);
            terminal.err(`${drafts.length} draft protocol${drafts.length === 1 ? '' : 's'}: nothing was written`);
            return 1;
        }
    }
    if (options.output && protocols.length > 1) {
        throw new InputError(`-o names one file but ${protocols.length} protocols were given; use --out-dir`);
    }
    const context = compileContext(workspace);
    const outputs: PlannedOutput[] = [];
    for (const document of protocols) {
        let content: string;
        try {
            content = compileDocument(document, context);
            if (options.target === 'fhir-r4') content = fhirBundleText(JSON.parse(content) as OrderSet);
        } catch (error) {
            if (error instanceof CompileError) {
                const position = error.node?.$cstNode?.range.start;
                const where = position ? `:${position.line + 1}:${position.character + 1}` : '';
                throw new InputError(`${displayPath(document.uri.fsPath)}${where}: ${error.message}; nothing was written`);
            }
            throw error;
        }
        const file = options.output ? path.resolve(options.output)
            : path.join(options.outDir ? path.resolve(options.outDir) : path.dirname(document.uri.fsPath),
                (options.target === 'fhir-r4' ? fhirFileName : orderSetFileName)(document.uri.fsPath));
        outputs.push({ file, content });
    }
    const clash = outputs.find((o, i) => outputs.findIndex((p) => p.file === o.file) !== i);
    if (clash) throw new InputError(`two protocols would both be written to ${displayPath(clash.file)}; rename one`);
    const sources = new Set(workspace.all.map((d) => d.uri.fsPath));
    const overwrite = outputs.find((o) => sources.has(o.file));
    if (overwrite) throw new InputError(`${displayPath(overwrite.file)}: is a Titra source file and would be overwritten; choose another output file`);
    await writeAllOrNothing(outputs);
    for (const output of outputs) terminal.err(`wrote ${displayPath(output.file)}`);
    return 0;
}

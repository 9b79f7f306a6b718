// `titra compile`: protocols to titra.orderset/1 JSON or FHIR R4 Bundles, written all-or-nothing and only when error-free.
import * as path from 'node:path';
import { ast, checkCanonicalBase, Codes, fhirBundleText, fhirPackageFiles, toFhirBundle, type FhirBundleType, type ValidatedCompilation } from '@titra/language';
import type { LangiumDocument } from 'langium';
import { createOutputFolder, writeAllOrNothing, type PlannedOutput } from '../atomic-write.js';
import { reportFindings } from './check.js';
import type { Terminal } from '../terminal.js';
import { displayPath, expandPaths, InputError, loadWorkspace, type LoadedWorkspace } from '../workspace-loader.js';

export interface CompileOptions {
    paths: string[];
    output?: string;
    outDir?: string;
    /** orderset: titra.orderset/1 JSON; fhir-r4: a FHIR R4 Bundle derived from that order set. */
    target: 'orderset' | 'fhir-r4';
    /** Compile protocols whose status is draft (refused without it: a draft is not for production). */
    allowDraft?: boolean;
    /** fhir-r4: the canonical base of every Titra URL (default https://titra.example/fhir). */
    fhirBase?: string;
    /** fhir-r4: collection (default) or transaction (each entry a PUT). */
    fhirBundle?: FhirBundleType;
    /** fhir-r4: an existing folder to write the FHIR package of the extensions' StructureDefinitions into. */
    fhirPackage?: string;
}

/** The file name an order set gets beside its protocol or in --out-dir. */
export function orderSetFileName(source: string): string {
    return `${path.basename(source, '.titra')}.orderset.json`;
}

/** The file name a FHIR R4 Bundle gets beside its protocol or in --out-dir. */
export function fhirFileName(source: string): string {
    return `${path.basename(source, '.titra')}.fhir.json`;
}

export type CompiledProtocol = Extract<ValidatedCompilation, { kind: 'compiled' }> | { kind: 'draft'; message: string };

/**
 * Compiles one protocol of a loaded workspace whose errors were reported (none) with the language's protocol
 * compiler; a draft is refused (as a message) unless `allowDraft`; anything else that stops the compiler is an input error.
 */
export function compileLoaded(workspace: LoadedWorkspace, document: LangiumDocument, allowDraft: boolean): CompiledProtocol {
    const shown = displayPath(document.uri.fsPath);
    const compilation = workspace.Titra.compiler.ProtocolCompiler.compileValidated(document, { allowDraft });
    switch (compilation.kind) {
        case 'compiled':
            return compilation;
        case 'draft': {
            const { line, character } = compilation.status;
            return { kind: 'draft', message: `${shown}:${line + 1}:${character + 1}: error [${Codes.draftNotCompiled}] protocol has status draft; a draft is not compiled for production: make it active, or pass --allow-draft to compile it for testing` };
        }
        case 'library':
            throw new InputError(`${shown}: is a library; compile the protocols that import it`);
        case 'compile-error': {
            const where = compilation.at ? `:${compilation.at.line + 1}:${compilation.at.character + 1}` : '';
            throw new InputError(`${shown}${where}: ${compilation.message}; nothing was written`);
        }
    }
}

export async function runCompile(terminal: Terminal, options: CompileOptions): Promise<number> {
    if (options.output && options.outDir) throw new InputError('give either -o FILE or --out-dir DIR, not both');
    const fhir = { base: options.fhirBase, bundleType: options.fhirBundle };
    if ((fhir.base || fhir.bundleType || options.fhirPackage) && options.target !== 'fhir-r4') throw new InputError('--fhir-base, --fhir-bundle and --fhir-package need --target fhir-r4');
    const baseProblem = fhir.base === undefined ? undefined : checkCanonicalBase(fhir.base);
    if (baseProblem) throw new InputError(`--fhir-base: ${baseProblem}`);
    const files = await expandPaths(options.paths);
    const workspace = await loadWorkspace(files);
    const findings = reportFindings(terminal, workspace, 'text');
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
    const compiled = new Map<LangiumDocument, Extract<CompiledProtocol, { kind: 'compiled' }>>();
    const drafts: string[] = [];
    for (const document of protocols) {
        const result = compileLoaded(workspace, document, options.allowDraft ?? false);
        if (result.kind === 'draft') drafts.push(result.message);
        else compiled.set(document, result);
    }
    if (drafts.length > 0) {
        for (const draft of drafts) terminal.err(draft);
        terminal.err(`${drafts.length} draft protocol${drafts.length === 1 ? '' : 's'}: nothing was written`);
        return 1;
    }
    if (options.output && protocols.length > 1) {
        throw new InputError(`-o names one file but ${protocols.length} protocols were given; use --out-dir`);
    }
    const outputs: PlannedOutput[] = [...compiled].map(([document, { orderSet, json }]) => ({
        file: options.output ? path.resolve(options.output)
            : path.join(options.outDir ? path.resolve(options.outDir) : path.dirname(document.uri.fsPath),
                (options.target === 'fhir-r4' ? fhirFileName : orderSetFileName)(document.uri.fsPath)),
        content: options.target === 'fhir-r4' ? fhirBundleText(orderSet, fhir) : json
    }));
    if (options.fhirPackage) {
        const version = [...compiled.values()][0].orderSet.provenance.compiler.version;
        const files = fhirPackageFiles([...compiled.values()].map(({ orderSet }) => toFhirBundle(orderSet, fhir)), version, fhir.base);
        for (const [name, content] of files) outputs.push({ file: path.join(path.resolve(options.fhirPackage), name), content });
    }
    const clash = outputs.find((o, i) => outputs.findIndex((p) => p.file === o.file) !== i);
    if (clash) throw new InputError(`two protocols would both be written to ${displayPath(clash.file)}; rename one`);
    if (options.outDir) await createOutputFolder(path.resolve(options.outDir));
    await writeAllOrNothing(outputs);
    for (const output of outputs) terminal.err(`wrote ${displayPath(output.file)}`);
    return 0;
}

// `titra diff` and `titra textconv`: clinical changes between two protocol versions, and the canonical clinical text for git.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
    clinicalText, compileAtRevision, diffHeading, diffMarkdown, diffOrderSets, labelStepUpDose, oneLine, RISK_CLASSES, RISK_TITLES, type OrderSet, type OrderSetDiff
} from '@titra/language';
import { loadOrderSet } from '../order-set-source.js';
import type { Terminal } from '../terminal.js';
import { confinedRealPath, displayPath, InputError, workspaceOf } from '../workspace-loader.js';

export interface DiffOptions {
    /** Two files, or one file with `git`. */
    files: string[];
    /** Compare `files[0]` as it was at this git revision with the working copy. */
    git?: string;
    /** Compile both sides as if they were at this path (imports resolve from its folder), e.g. git difftool's $BASE. */
    as?: string;
    format: 'text' | 'markdown' | 'json';
    /** Color the text output (on a terminal, never with NO_COLOR). */
    color: boolean;
}

function run(command: string, args: string[], cwd: string): Promise<{ stdout: string; stderr: string; code: number }> {
    return new Promise((resolve, reject) => {
        execFile(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) => {
            if (error && typeof error.code !== 'number') {
                reject(new InputError(error.code === 'ENOENT' ? `${command} is not on PATH` : `${command}: ${error.message}`));
                return;
            }
            resolve({ stdout, stderr, code: error ? Number(error.code) : 0 });
        });
    });
}

/**
 * Loads an order set, showing the compiler's findings only when the protocol has errors (warnings are `titra check`'s
 * business); `rename` replaces a temporary file's name in those messages.
 */
async function loadQuietly(terminal: Terminal, file: string, rename?: { from: string; to: string }): Promise<OrderSet | 1> {
    const messages: string[] = [];
    const result = await loadOrderSet({ ...terminal, err: (text) => messages.push(text) }, file);
    if (result === 1) for (const message of messages) terminal.err(rename ? message.replaceAll(rename.from, rename.to) : message);
    return result;
}

/**
 * Loads `text` as if it were the file at `at`: it is written to a hidden sibling of `at` (so that its imports
 * resolve against the working copy), compiled, and removed.
 */
async function loadTextAt(terminal: Terminal, text: string, at: string, shownAs: string): Promise<OrderSet | 1> {
    const folder = path.dirname(path.resolve(at));
    if (!(await fs.stat(folder).catch(() => null))?.isDirectory()) throw new InputError(`${at}: its folder does not exist`);
    const temporary = path.join(folder, `.${path.basename(at)}.titra-diff-${process.pid}${path.extname(at)}`);
    await fs.writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        throw new InputError(`cannot write a temporary copy beside ${at}: ${error.code ?? error.message}`);
    });
    try {
        return await loadQuietly(terminal, temporary, { from: displayPath(temporary), to: shownAs });
    } finally {
        await fs.rm(temporary, { force: true });
    }
}

/** Loads a file, compiled in the place of `as` when given, else of the working file a git temporary blob stands for. */
async function loadAs(terminal: Terminal, file: string, given: string | undefined): Promise<OrderSet | 1> {
    const as = given ?? await workingCopyOf(file);
    if (!as || path.resolve(as) === path.resolve(file)) return loadQuietly(terminal, file);
    const real = await confinedRealPath(file, await workspaceOf([file]), file);
    const text = await fs.readFile(real, 'utf8').catch(() => {
        throw new InputError(`${file}: no such file`);
    });
    return loadTextAt(terminal, text, as, file);
}

/**
 * The protocol as it was at a git revision, file and imports read from git (never the working copy's imports);
 * a version with errors is named with its first error.
 */
async function loadAtRevision(terminal: Terminal, revision: string, file: string): Promise<OrderSet | 1> {
    const compiled = await compileAtRevision(revision, file, { allowDraft: true });
    switch (compiled.kind) {
        case 'compiled': return compiled.orderSet;
        case 'git-error': throw new InputError(compiled.message);
        case 'errors': {
            const { uri, line, character, message } = compiled.first;
            terminal.err(`${revision}:${displayPath(fileURLToPath(uri))}:${line + 1}:${character + 1}: error: ${message}`);
            terminal.err(`titra: ${revision}:${file} has ${compiled.errors} error(s)`);
            return 1;
        }
        case 'library': throw new InputError(`${revision}:${file} is a library; compare the protocols that import it`);
        case 'compile-error': terminal.err(`${revision}:${file}: error: ${compiled.message}`); return 1;
        case 'draft': throw new Error('internal error: a draft was refused although drafts are allowed');
    }
}

export async function runDiff(terminal: Terminal, options: DiffOptions): Promise<number> {
    let before: OrderSet | 1;
    let after: OrderSet | 1;
    if (options.git !== undefined) {
        if (options.files.length !== 1) throw new InputError('diff --git needs exactly one file: titra diff --git <rev> <file>');
        const file = options.files[0];
        before = await loadAtRevision(terminal, options.git, file);
        after = await loadAs(terminal, file, options.as);
    } else {
        if (options.files.length !== 2) throw new InputError('diff needs two files: titra diff <old> <new>, or titra diff --git <rev> <file>');
        before = await loadAs(terminal, options.files[0], options.as);
        after = await loadAs(terminal, options.files[1], options.as);
    }
    if (before === 1 || after === 1) {
        terminal.err('titra: a protocol has errors; nothing was compared');
        return 2;
    }
    const diff = diffOrderSets(before, after, { labelDose: labelStepUpDose });
    terminal.out(options.format === 'json' ? JSON.stringify({ identical: diff.changes.length === 0, ...diff }, null, 2)
        : options.format === 'markdown' ? diffMarkdown(diff)
        : textReport(diff, options.color));
    return diff.changes.length === 0 ? 0 : 1;
}

const MARKERS = { added: '+', removed: '-', changed: '~' } as const;
const RISK_COLORS = { dose: '31', schedule: '35', 'safety-rule': '33', panel: '36', metadata: '2' } as const;

function textReport(diff: OrderSetDiff, color: boolean): string {
    const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
    const lines = [paint('1', diffHeading(diff))];
    for (const risk of RISK_CLASSES) {
        const changes = diff.changes.filter((c) => c.risk === risk);
        if (changes.length === 0) continue;
        lines.push('', paint(`1;${RISK_COLORS[risk]}`, RISK_TITLES[risk]));
        for (const change of changes) lines.push(`  ${paint(RISK_COLORS[risk], MARKERS[change.kind])} ${change.text}`);
    }
    if (diff.problems.length > 0) {
        lines.push('', paint('1;31', 'Problems'));
        for (const problem of diff.problems) lines.push(`  ${paint('31', '!')} ${problem}`);
    }
    return lines.join('\n');
}

/** The name of the file that a git temporary blob stands for: `git-blob-XXXXXX/name.titra`, or `XXXXXX_name.titra` (older git). */
function gitTemporaryName(file: string): string | undefined {
    const name = path.basename(file);
    if (/^git-blob-/.test(path.basename(path.dirname(file)))) return name;
    return /^[A-Za-z0-9]{6}_(.+\.(?:titra|json))$/.exec(name)?.[1];
}

/**
 * The working file that a git temporary blob (outside the working folder) stands for: the one tracked file of that
 * name under the working folder (git runs textconv and difftool commands at the top of the repository).
 */
async function workingCopyOf(file: string): Promise<string | undefined> {
    const cwd = process.cwd();
    if (!path.relative(cwd, path.resolve(file)).startsWith('..')) return undefined;
    const name = gitTemporaryName(file);
    if (!name) return undefined;
    const listed = await run('git', ['ls-files', '--', name, `*/${name}`], cwd).catch(() => undefined);
    const matches = listed?.code === 0 ? listed.stdout.split('\n').filter((line) => path.basename(line) === name) : [];
    return matches.length === 1 ? path.join(cwd, matches[0]) : undefined;
}

/**
 * The canonical clinical text of a protocol. git hands textconv the old side as a temporary file outside the
 * repository; it is compiled in the place of the working file of that name so that its imports resolve.
 */
export async function runTextconv(terminal: Terminal, file: string): Promise<number> {
    // The compiler's findings would interleave with git's output; a version with errors is announced in one line.
    const quiet: Terminal = { ...terminal, err: () => undefined };
    const orderSet = await loadAs(quiet, file, undefined);
    if (orderSet === 1) {
        // git stops the whole diff when textconv fails: show a version that does not compile as written instead.
        terminal.err(`titra textconv: ${gitTemporaryName(file) ?? file} has errors (run titra check); shown as written`);
        // Line by line through oneLine: control and text-direction characters cannot drive the reviewer's terminal.
        const written = (await fs.readFile(file, 'utf8')).trimEnd().split(/\r?\n/).map(oneLine).join('\n');
        terminal.out(`# titra: this version has errors and is shown as written\n${written}`);
        return 0;
    }
    terminal.out(clinicalText(orderSet).trimEnd());
    return 0;
}

// Benchmark: the rows of the performance goals (language server latency and memory, CLI start-up, build throughput, a 5,000-protocol check).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { createTitraServices } from '../packages/language/src/titra-module.js';

const repository = path.resolve(import.meta.dirname, '..');
const examples = path.join(repository, 'examples');
const titra = path.join(repository, 'packages/cli/bin/titra.js');
const server = path.join(repository, 'packages/language/dist/server.cjs');
/** Edits sent to the language server; the memory row reads the server's resident memory after all of them. */
const EDITS = Number(process.env.BENCH_EDITS ?? 2000);
/** Every this many edits, a completion request follows the edit at once, and a formatting request follows the diagnostics. */
const PROBE_EVERY = 10;
/** The pause after the last edit before the steady-state memory is read. */
const STEADY_PAUSE_MS = 3000;

/** A goal is either an upper bound (latency, memory, ratio to a floor) or a lower bound (throughput). */
interface Row { metric: string; goal: string; figure: string; ratio: number }
const rows: Row[] = [];
/** Records a row; `ratio` is figure / goal for upper bounds and goal / figure for lower bounds, so <= 1 means met. */
function record(metric: string, goal: string, figure: string, ratio: number): void {
    rows.push({ metric, goal, figure, ratio });
    process.stderr.write(`  ${metric}: ${figure} (goal ${goal})\n`);
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const exampleProtocols = readdirSync(examples).filter((f) => f.endsWith('.titra'))
    .map((f) => readFileSync(path.join(examples, f), 'utf8'));

/** A protocol from the examples with a unique id and slightly different numbers, as a hospital's variants are. */
function variantOf(text: string, index: number): string {
    return text
        .replace(/^protocol (\S+)/m, (_m, id: string) => `protocol ${id}-${String(index).padStart(4, '0')}`)
        .replace(/version \d+\.\d+\.\d+/, `version 1.${index % 10}.${index % 7}`);
}

/** A toxicity panel of four graded lines, the bulk of a long institutional protocol. */
function toxicityPanel(index: number): string {
    return [
        `  toxicity tox-${index} "Institutional toxicity ${index}" grading CTCAE-v5 {`,
        `    grade 1: observe; consider "supportive care per institution"`,
        `    grade 2: dexamethasone 10 mg IV every 12 hours; hold next dose`,
        `    grade 3: dexamethasone 10 mg IV every 6 hours; transfer ICU;`,
        `      if no improvement after 24 hours: methylprednisolone 1000 mg IV daily for 3 days`,
        `    grade 4: discontinue permanently; transfer ICU`,
        '  }'
    ].join('\n');
}

/** The teclistamab inpatient protocol grown to about `lines` lines with extra panels and holds. */
function longProtocol(lines: number, id: string): string {
    const base = readFileSync(path.join(examples, 'teclistamab-inpatient.titra'), 'utf8')
        .replace(/^protocol (\S+)/m, `protocol ${id}`);
    const close = base.lastIndexOf('}');
    const extra: string[] = [];
    let count = base.split('\n').length;
    for (let i = 0; count < lines; i++) {
        const panel = toxicityPanel(i);
        const hold = `  hold { when tox-${i} grade >= 3 resume when resolved }`;
        extra.push(panel, hold);
        count += panel.split('\n').length + 1;
    }
    return `${base.slice(0, close)}${extra.join('\n')}\n}\n`;
}

/** A folder with the shared libraries and `protocols` renamed variants of the examples that import them. */
function makeWorkspace(protocols: number): string {
    const folder = mkdtempSync(path.join(os.tmpdir(), `titra-bench-${protocols}-`));
    cpSync(path.join(examples, 'shared'), path.join(folder, 'shared'), { recursive: true });
    for (let i = 0; i < protocols; i++) {
        writeFileSync(path.join(folder, `p${String(i).padStart(4, '0')}.titra`), variantOf(exampleProtocols[i % exampleProtocols.length], i));
    }
    return folder;
}

function filesOf(folder: string): Array<{ file: string; text: string }> {
    const files: string[] = [];
    const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.titra')) files.push(full);
        }
    };
    walk(folder);
    return files.sort().map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

function lineCount(files: Array<{ text: string }>): number {
    return files.reduce((sum, f) => sum + f.text.split('\n').length, 0);
}

/** Seconds to parse every file with one parser (no linking, no validation); best of `runs`. */
function parseSeconds(files: Array<{ text: string }>, runs = 3): number {
    const { Titra } = createTitraServices();
    const parser = Titra.parser.LangiumParser;
    let best = Infinity;
    for (let r = 0; r < runs; r++) {
        const start = performance.now();
        for (const f of files) parser.parse(f.text);
        best = Math.min(best, (performance.now() - start) / 1000);
    }
    return best;
}

/** Seconds to parse, link and validate every file in fresh services configured as `titra check` configures them; best of `runs`. */
async function buildSeconds(files: Array<{ file: string; text: string }>, runs = 3): Promise<number> {
    let best = Infinity;
    for (let r = 0; r < runs; r++) {
        const { shared } = createTitraServices(NodeFileSystem);
        const start = performance.now();
        const documents = files.map((f) => shared.workspace.LangiumDocumentFactory.fromString(f.text, URI.file(f.file)));
        for (const d of documents) shared.workspace.LangiumDocuments.addDocument(d);
        await shared.workspace.DocumentBuilder.build(documents, { validation: true });
        best = Math.min(best, (performance.now() - start) / 1000);
        const errors = documents.flatMap((d) => d.diagnostics ?? []).filter((d) => d.severity === 1);
        if (errors.length > 0) throw new Error(`the generated workspace has errors: ${errors[0].message}`);
    }
    return best;
}

/** Prints the process's peak resident memory (kB) on stderr when it exits, for the memory of `titra check`. */
const PEAK_MEMORY_HOOK = `data:text/javascript,${encodeURIComponent(
    "import { writeSync } from 'node:fs'; process.on('exit', () => writeSync(2, `\\nbench-peak-rss-kb ${process.resourceUsage().maxRSS}\\n`));"
)}`;

/** Median wall time of a process over `runs` runs, and its largest peak resident memory when `measureMemory`. */
function processRun(args: string[], runs: number, measureMemory = false): { seconds: number; peakMb: number } {
    const times: number[] = [];
    let peakKb = 0;
    for (let r = 0; r < runs; r++) {
        const command = measureMemory ? [args[0], '--import', PEAK_MEMORY_HOOK, ...args.slice(1)] : args;
        const start = performance.now();
        const result = spawnSync(command[0], command.slice(1), { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
        times.push((performance.now() - start) / 1000);
        if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
        const reported = /bench-peak-rss-kb (\d+)/.exec(result.stderr);
        if (reported) peakKb = Math.max(peakKb, Number(reported[1]));
    }
    return { seconds: median(times), peakMb: peakKb / 1024 };
}

function residentMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
    return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
}

interface ServerFigures {
    startSeconds: number;
    editMs: number[];
    completionMs: number[];
    formattingMs: number[];
    rssAfterIndexingMb: number;
    rssRightAfterEditsMb: number;
    rssAfterEditsMb: number;
}

/** Starts the language server on `workspace`, opens `editedFile`, and edits it EDITS times, probing completion and formatting. */
async function serverRun(workspace: string, editedFile: string): Promise<ServerFigures> {
    const spawned = performance.now();
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const uri = pathToFileURL(editedFile).toString();
    const waiting = new Map<number, (time: number) => void>();
    let lastVersion = 0;
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
        if (p.uri !== uri) return;
        const resolve = waiting.get(p.version ?? lastVersion);
        if (resolve) {
            waiting.delete(p.version ?? lastVersion);
            resolve(performance.now());
        }
    });
    connection.onRequest('workspace/configuration', () => []);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    await connection.sendRequest('initialize', {
        processId: process.pid, rootUri: pathToFileURL(workspace).toString(),
        workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'bench' }], capabilities: {}
    });
    connection.sendNotification('initialized', {});
    const text = readFileSync(editedFile, 'utf8');
    const opened = new Promise<number>((resolve) => waiting.set(1, resolve));
    lastVersion = 1;
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'titra', version: 1, text } });
    const startSeconds = ((await opened) - spawned) / 1000;
    const rssAfterIndexingMb = residentMb(child.pid!, 'VmRSS');
    // The edited dose line; completion is asked for at the end of its number, where an author has just typed.
    const doseLine = text.split('\n').findIndex((line) => line.includes('dose SUD2 0.3 mg/kg'));
    const doseColumn = text.split('\n')[doseLine].indexOf('dose SUD2 0.3') + 'dose SUD2 0.3'.length;
    const editMs: number[] = [];
    const completionMs: number[] = [];
    const formattingMs: number[] = [];
    for (let i = 0; i < EDITS; i++) {
        const version = i + 2;
        lastVersion = version;
        // Alternate a dose value so every edit changes what the checks see.
        const edited = text.replace('dose SUD2 0.3 mg/kg', `dose SUD2 0.${3 + (i % 5)} mg/kg`);
        const done = new Promise<number>((resolve) => waiting.set(version, resolve));
        const start = performance.now();
        connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: edited }] });
        if (i % PROBE_EVERY === PROBE_EVERY - 1) {
            await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: doseLine, character: doseColumn } });
            completionMs.push(performance.now() - start);
            await done;
        } else {
            editMs.push((await done) - start);
        }
        if (i % PROBE_EVERY === PROBE_EVERY / 2) {
            const formatStart = performance.now();
            await connection.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
            formattingMs.push(performance.now() - formatStart);
        }
    }
    const rssRightAfterEditsMb = residentMb(child.pid!, 'VmRSS');
    // Steady state: the author pauses, as between edits in a real session.
    await new Promise((resolve) => setTimeout(resolve, STEADY_PAUSE_MS));
    const rssAfterEditsMb = residentMb(child.pid!, 'VmRSS');
    connection.dispose();
    child.kill();
    return { startSeconds, editMs, completionMs, formattingMs, rssAfterIndexingMb, rssRightAfterEditsMb, rssAfterEditsMb };
}

async function main(): Promise<void> {
    const cpu = os.cpus();
    const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
    const machine = `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
    process.stderr.write(`Titra benchmark on ${machine}, load average at start ${load}\n`);
    const folders: string[] = [];

    // Language server: a 1,000-line protocol inside a 1,000-protocol workspace.
    const workspace = makeWorkspace(1000);
    folders.push(workspace);
    const editedFile = path.join(workspace, 'edited-1000-lines.titra');
    writeFileSync(editedFile, longProtocol(1000, 'EDITED-PROTOCOL'));
    const lsp = await serverRun(workspace, editedFile);
    const editP95 = percentile(lsp.editMs, 95);
    const completionP95 = percentile(lsp.completionMs, 95);
    const formattingP95 = percentile(lsp.formattingMs, 95);
    record(`edit -> diagnostics, 1,000-line protocol, 1,000-protocol workspace (p95 of ${lsp.editMs.length}; median ${median(lsp.editMs).toFixed(0)} ms)`,
        '<= 50 ms', `${editP95.toFixed(0)} ms`, editP95 / 50);
    record(`completion sent right after an edit (p95 of ${lsp.completionMs.length}; median ${median(lsp.completionMs).toFixed(0)} ms)`,
        '<= 50 ms', `${completionP95.toFixed(0)} ms`, completionP95 / 50);
    record(`formatting, 1,000-line protocol (p95 of ${lsp.formattingMs.length}; median ${median(lsp.formattingMs).toFixed(0)} ms)`,
        '<= 30 ms', `${formattingP95.toFixed(0)} ms`, formattingP95 / 30);
    record(`server resident memory after ${EDITS.toLocaleString('en-US')} edits and a ${STEADY_PAUSE_MS / 1000} s pause (${lsp.rssRightAfterEditsMb.toFixed(0)} MB right after the last edit, ${lsp.rssAfterIndexingMb.toFixed(0)} MB after indexing)`,
        '<= 500 MB', `${lsp.rssAfterEditsMb.toFixed(0)} MB`, lsp.rssAfterEditsMb / 500);
    record('start -> first diagnostics, 1,000-protocol workspace', '<= 1.5 s', `${lsp.startSeconds.toFixed(2)} s`, lsp.startSeconds / 1.5);

    // CLI start-up: one file, whole process, against the floor of starting Node.
    const floor = processRun([process.execPath, '-e', '0'], 5).seconds;
    const out = mkdtempSync(path.join(os.tmpdir(), 'titra-bench-out-'));
    folders.push(out);
    const one = path.join(examples, 'teclistamab-inpatient.titra');
    const compileOne = processRun([process.execPath, titra, 'compile', one, '-o', path.join(out, 'one.json')], 5).seconds;
    record(`one-file titra compile, whole process (median of 5: ${(compileOne * 1000).toFixed(0)} ms; node -e 0 ${(floor * 1000).toFixed(0)} ms)`,
        '<= 5x node -e 0', `${(compileOne / floor).toFixed(1)}x`, compileOne / floor / 5);

    // Full build of the 1,000 protocols in one process, against parsing alone.
    const files = filesOf(workspace).filter((f) => f.file !== editedFile);
    const lines = lineCount(files);
    const parse = parseSeconds(files);
    const build = await buildSeconds(files);
    record(`full build (parse, link, validate), 1,000 protocols, ${lines.toLocaleString('en-US')} lines (best of 3)`,
        '>= 100,000 lines/s', `${Math.round(lines / build).toLocaleString('en-US')} lines/s`, 100_000 / (lines / build));
    record(`full build / parse only (parse only ${Math.round(lines / parse).toLocaleString('en-US')} lines/s)`,
        '<= 2x', `${(build / parse).toFixed(2)}x`, build / parse / 2);

    // titra check of 5,000 protocols: wall time and peak memory of the process.
    const large = makeWorkspace(5000);
    folders.push(large);
    const check = processRun([process.execPath, titra, 'check', large], 1, true);
    record('titra check, 5,000 protocols: time', '<= 10 s', `${check.seconds.toFixed(1)} s`, check.seconds / 10);
    record('titra check, 5,000 protocols: peak memory', '<= 600 MB', `${check.peakMb.toFixed(0)} MB`, check.peakMb / 600);

    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    const endLoad = os.loadavg().map((l) => l.toFixed(1)).join(' ');
    const width = Math.max(...rows.map((r) => r.metric.length));
    const goalWidth = Math.max(...rows.map((r) => r.goal.length));
    const figureWidth = Math.max(...rows.map((r) => r.figure.length));
    const table = [
        `Titra benchmark — ${machine}; load average ${load} at start, ${endLoad} at end`,
        'ratio = figure / goal (goal / figure for throughput): <= 1.00 meets the goal',
        '',
        `${'metric'.padEnd(width)}  ${'goal'.padEnd(goalWidth)}  ${'figure'.padEnd(figureWidth)}  ratio`
    ];
    for (const r of rows) {
        table.push(`${r.metric.padEnd(width)}  ${r.goal.padEnd(goalWidth)}  ${r.figure.padEnd(figureWidth)}  ${r.ratio.toFixed(2)} ${r.ratio <= 1 ? 'met' : 'NOT MET'}`);
    }
    process.stdout.write(table.join('\n') + '\n');
}

await main();

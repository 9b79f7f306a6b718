// Benchmark: parse and build throughput, CLI process times, language-server latency and memory on generated workspaces.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI } from 'langium';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { createTitraServices } from '../packages/language/src/titra-module.js';

const repository = path.resolve(import.meta.dirname, '..');
const examples = path.join(repository, 'examples');
const titra = path.join(repository, 'packages/cli/bin/titra.js');
const server = path.join(repository, 'packages/language/dist/server.cjs');

interface Row { measure: string; value: string; target?: string; met?: boolean }
const rows: Row[] = [];
function record(measure: string, value: string, target?: string, met?: boolean): void {
    rows.push({ measure, value, ...(target ? { target } : {}), ...(met !== undefined ? { met } : {}) });
    process.stderr.write(`  ${measure}: ${value}\n`);
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

function makeWorkspace(protocols: number, withLong?: { lines: number }): string {
    const folder = mkdtempSync(path.join(os.tmpdir(), `titra-bench-${protocols}-`));
    cpSync(path.join(examples, 'shared'), path.join(folder, 'shared'), { recursive: true });
    for (let i = 0; i < protocols; i++) {
        writeFileSync(path.join(folder, `p${String(i).padStart(4, '0')}.titra`), variantOf(exampleProtocols[i % exampleProtocols.length], i));
    }
    if (withLong) writeFileSync(path.join(folder, 'long.titra'), longProtocol(withLong.lines, 'LONG-PROTOCOL'));
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

/** Seconds to parse every file (no linking, no validation); best of `runs`. */
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

/** Seconds to parse, link and validate every file in fresh services; best of `runs`. */
async function buildSeconds(files: Array<{ file: string; text: string }>, runs = 3): Promise<number> {
    let best = Infinity;
    for (let r = 0; r < runs; r++) {
        const { shared } = createTitraServices();
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

function processSeconds(args: string[], runs: number): number {
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
        const start = performance.now();
        const result = spawnSync(args[0], args.slice(1), { encoding: 'utf8' });
        times.push((performance.now() - start) / 1000);
        if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
    }
    return median(times);
}

async function serverLatency(workspace: string, editedFile: string, edits: number): Promise<{ median: number; p95: number; memoryMb: number; loadSeconds: number }> {
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
    const loadStart = performance.now();
    await connection.sendRequest('initialize', {
        processId: process.pid, rootUri: pathToFileURL(workspace).toString(),
        workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'bench' }], capabilities: {}
    });
    connection.sendNotification('initialized', {});
    const text = readFileSync(editedFile, 'utf8');
    const opened = new Promise<number>((resolve) => waiting.set(1, resolve));
    lastVersion = 1;
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'titra', version: 1, text } });
    await opened;
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const memoryMb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
    const latencies: number[] = [];
    for (let i = 0; i < edits; i++) {
        const version = i + 2;
        lastVersion = version;
        // Alternate a dose value so every edit changes what the checks see.
        const edited = text.replace('dose SUD2 0.3 mg/kg', `dose SUD2 0.${3 + (i % 5)} mg/kg`);
        const done = new Promise<number>((resolve) => waiting.set(version, resolve));
        const start = performance.now();
        connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: edited }] });
        latencies.push((await done) - start);
    }
    connection.dispose();
    child.kill();
    return { median: median(latencies), p95: percentile(latencies, 95), memoryMb, loadSeconds };
}

async function main(): Promise<void> {
    const cpu = os.cpus();
    const machine = `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
    process.stderr.write(`Titra benchmark on ${machine}\n`);
    const sizes = [10, 100, 1000];
    const buildTimes = new Map<number, number>();
    const folders: string[] = [];
    for (const size of sizes) {
        const folder = makeWorkspace(size);
        folders.push(folder);
        const files = filesOf(folder);
        const lines = lineCount(files);
        const parse = parseSeconds(files);
        const build = await buildSeconds(files);
        buildTimes.set(size, build);
        record(`${size} protocols (${lines} lines): parse only`, `${Math.round(lines / parse).toLocaleString('en-US')} lines/s`);
        record(`${size} protocols: full build (parse, link, validate)`, `${Math.round(lines / build).toLocaleString('en-US')} lines/s`, '>= 100,000 lines/s', lines / build >= 100_000);
        record(`${size} protocols: full / parse-only time`, `${(build / parse).toFixed(2)}x`, '<= 2x', build / parse <= 2);
    }
    for (let i = 1; i < sizes.length; i++) {
        const ratio = buildTimes.get(sizes[i])! / buildTimes.get(sizes[i - 1])!;
        record(`growth ${sizes[i - 1]} -> ${sizes[i]} protocols (build time)`, `${ratio.toFixed(1)}x for 10x`, '<= 11x', ratio <= 11);
    }
    const longFolder = makeWorkspace(0, { lines: 5000 });
    folders.push(longFolder);
    const longFiles = filesOf(longFolder).filter((f) => f.file.endsWith('long.titra'));
    const longLines = lineCount(longFiles);
    const longParse = parseSeconds(longFiles);
    const longBuild = await buildSeconds(filesOf(longFolder));
    record(`one ${longLines}-line protocol: parse only`, `${Math.round(longLines / longParse).toLocaleString('en-US')} lines/s`);
    record(`one ${longLines}-line protocol: full build`, `${Math.round(longLines / longBuild).toLocaleString('en-US')} lines/s`, '>= 100,000 lines/s', longLines / longBuild >= 100_000);

    const big = folders[2];
    const floor = processSeconds([process.execPath, '-e', '0'], 5);
    const checkBig = processSeconds([process.execPath, titra, 'check', big], 1);
    const out = mkdtempSync(path.join(os.tmpdir(), 'titra-bench-out-'));
    const compileBig = processSeconds([process.execPath, titra, 'compile', big, '--out-dir', out], 1);
    const one = path.join(examples, 'teclistamab-inpatient.titra');
    const oneOut = path.join(out, 'one.json');
    const checkOne = processSeconds([process.execPath, titra, 'check', one], 5);
    const compileOne = processSeconds([process.execPath, titra, 'compile', one, '-o', oneOut], 5);
    record('node -e 0 (process floor), median of 5', `${(floor * 1000).toFixed(0)} ms`);
    record('titra check, 1,000 protocols, cold process', `${checkBig.toFixed(2)} s`);
    record('titra compile, 1,000 protocols, cold process', `${compileBig.toFixed(2)} s`);
    record('titra check, one file, median of 5', `${(checkOne * 1000).toFixed(0)} ms (${(checkOne / floor).toFixed(1)}x floor)`);
    record('titra compile, one file, median of 5', `${(compileOne * 1000).toFixed(0)} ms (${(compileOne / floor).toFixed(1)}x floor)`, '<= 5x floor', compileOne / floor <= 5);

    const lspFile = path.join(big, 'edited-1000-lines.titra');
    writeFileSync(lspFile, longProtocol(1000, 'EDITED-PROTOCOL'));
    const lsp = await serverLatency(big, lspFile, 50);
    record('language server: load 1,000 protocols and first diagnostics', `${lsp.loadSeconds.toFixed(2)} s`);
    record('language server: didChange -> diagnostics, 1,000-line protocol (median of 50)', `${lsp.median.toFixed(1)} ms`);
    record('language server: didChange -> diagnostics (p95 of 50)', `${lsp.p95.toFixed(1)} ms`, '<= 50 ms', lsp.p95 <= 50);
    record('language server: peak memory with 1,000 protocols loaded', `${lsp.memoryMb.toFixed(0)} MB`, '<= 400 MB', lsp.memoryMb <= 400);

    for (const folder of [...folders, out]) rmSync(folder, { recursive: true, force: true });
    const width = Math.max(...rows.map((r) => r.measure.length));
    const valueWidth = Math.max(...rows.map((r) => r.value.length));
    const lines = [`Titra benchmark — ${machine}`, '', `${'measure'.padEnd(width)}  ${'value'.padEnd(valueWidth)}  target`];
    for (const r of rows) {
        lines.push(`${r.measure.padEnd(width)}  ${r.value.padEnd(valueWidth)}  ${r.target ? `${r.target} ${r.met ? 'met' : 'NOT MET'}` : ''}`.trimEnd());
    }
    process.stdout.write(lines.join('\n') + '\n');
}

await main();

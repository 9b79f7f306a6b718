// Working folders with copies of the examples, order-set files and assertions on titra's text reports, for the CLI process tests.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import { repository, temporaryFolder } from './titra-process.js';

export const examples = path.join(repository, 'examples');
export const MAIN = 'teclistamab-inpatient.titra';
export const cliVersion = (JSON.parse(readFileSync(path.join(repository, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;
export const USAGE_LINE = /Usage:\n\s+titra check/;
const bundle = path.join(repository, 'packages/cli/dist/titra.mjs');

/** Fails when the CLI bundle is missing or older than a source file of the CLI or the language package (call it from beforeAll). */
export function expectFreshCliBundle(): void {
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run 'npm run build' before these tests`);
    const built = statSync(bundle).mtimeMs;
    const sources = [path.join(repository, 'packages/cli/src'), path.join(repository, 'packages/language/src')]
        .flatMap((folder) => listFiles(folder).map((f) => path.join(folder, f)))
        .filter((f) => f.endsWith('.ts') && !f.includes(`${path.sep}generated${path.sep}`));
    const newer = sources.filter((f) => statSync(f).mtimeMs > built);
    if (newer.length > 0) throw new Error(`the bundle is older than ${path.relative(repository, newer[0])}: run 'npm run build' before these tests`);
}

/** A fresh temporary working folder (removeTemporaryFolders deletes it). */
export function workFolder(): string {
    return temporaryFolder('titra-cli-');
}

/** A working folder holding a copy of the teclistamab example and the shared libraries as `ex/` (or `name/`). */
export function withExamples(name = 'ex'): { cwd: string; ex: string } {
    const cwd = workFolder();
    const ex = path.join(cwd, name);
    copyExample(ex);
    return { cwd, ex };
}

/** Copies examples/teclistamab-inpatient.titra and examples/shared/*.titra (other examples may come and go). */
export function copyExample(to: string): void {
    mkdirSync(path.join(to, 'shared'), { recursive: true });
    writeFileSync(path.join(to, MAIN), readFileSync(path.join(examples, MAIN)));
    for (const name of readdirSync(path.join(examples, 'shared')).filter((f) => f.endsWith('.titra'))) {
        writeFileSync(path.join(to, 'shared', name), readFileSync(path.join(examples, 'shared', name)));
    }
}

/** Every file below `folder`, relative, sorted (hidden files included). */
export function listFiles(folder: string): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else out.push(path.relative(folder, full).split(path.sep).join('/'));
        }
    };
    walk(folder);
    return out.sort();
}

/** The temporary files an interrupted write would leave below `folder`. */
export function temporaries(folder: string): string[] {
    return listFiles(folder).filter((f) => /(^|\/)\.[^/]*\.tmp-/.test(f));
}

/** Replaces `from` (which must occur exactly once) in the protocol text. */
export function edit(text: string, from: string, to: string): string {
    expect(text.split(from).length, `'${from}' occurs exactly once`).toBe(2);
    return text.replace(from, to);
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string): { line: number; column: number; source: string } {
    const lines = text.split(/\r?\n/);
    const index = lines.findIndex((l) => l.includes(needle));
    expect(index, `'${needle}' is in the fixture`).toBeGreaterThanOrEqual(0);
    return { line: index + 1, column: lines[index].indexOf(needle) + 1, source: lines[index] };
}

/** Asserts the text report of one finding: head line, the quoted source line and a caret under the problem. */
export function expectFindingText(stderr: string, file: string, text: string, needle: string, severity: string, code: string, caretWidth = needle.length): void {
    const { line, column, source } = positionOf(text, needle);
    const lines = stderr.split('\n');
    const head = lines.findIndex((l) => l.startsWith(`${file}:${line}:${column}: ${severity} [${code}] `));
    expect(head, `a '${file}:${line}:${column}: ${severity} [${code}]' line in:\n${stderr}`).toBeGreaterThanOrEqual(0);
    expect(lines[head + 2]).toBe(` ${line} | ${source}`);
    expect(lines[head + 3]).toBe(` ${' '.repeat(String(line).length)} | ${' '.repeat(column - 1)}${'^'.repeat(caretWidth)}`);
}

export const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A protocol that compiles but carries one warning: an observation Titra does not know. */
export function warningProtocol(ex: string): { file: string; text: string } {
    let text = readFileSync(path.join(ex, MAIN), 'utf8');
    text = edit(text, 'requires weight, ANC, platelets, hemoglobin, IgG, CD4', 'requires weight, ANC, platelets, hemoglobin, IgG, CD4, ferritin');
    text = edit(text, '    when active-infection resume when resolved\n', '    when active-infection resume when resolved\n    when ferritin > 500 mg/dL resume when resolved\n');
    const file = path.join(ex, 'warn.titra');
    writeFileSync(file, text);
    return { file, text };
}

/** A protocol with one error: a dose unit that does not exist. */
export function errorProtocol(ex: string, name = 'bad.titra'): { file: string; text: string } {
    const text = edit(readFileSync(path.join(ex, MAIN), 'utf8'), 'dose SUD2 0.3 mg/kg', 'dose SUD2 0.3 mgg/kg');
    const file = path.join(ex, name);
    writeFileSync(file, text);
    return { file, text };
}

/** A second, distinct protocol in a sub-folder of ex/, importing the shared libraries. */
export function secondProtocol(ex: string): string {
    let text = readFileSync(path.join(ex, MAIN), 'utf8');
    text = edit(text, 'protocol TEC-STEPUP-INPATIENT "Teclistamab step-up dosing, inpatient"', 'protocol TEC-SECOND "Teclistamab, second copy"');
    text = text.split('import "shared/').join('import "../shared/');
    mkdirSync(path.join(ex, 'sub'), { recursive: true });
    const file = path.join(ex, 'sub/second.titra');
    writeFileSync(file, text);
    return file;
}

interface StepUpDose {
    id: string;
    sequence: number;
    day: number;
    window?: { after: string; min: { value: number; unit: string }; max: { value: number; unit: string } };
    dose: { value: number; unit: string; basis: string };
    premedication?: string;
    monitoring?: { setting: string; duration: { value: number; unit: string } };
}

export interface OrderSetFile {
    format: string;
    protocol: { id: string };
    premedication: Array<{ id: string; orders: Array<{ order: { drug: string } }> }>;
    stepUp: StepUpDose[];
    provenance: { source: string; sha256: string; imports: Array<{ source: string; sha256: string }>; compiler: { name: string; version: string } };
}

/** Reads a compiled order-set file. */
export const readOrderSet = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as OrderSetFile;

// Robustness (fast-check, fixed seed): arbitrary and mutated example texts never make parsing, linking, validation or compiling throw.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { DocumentState, type LangiumDocument } from 'langium';
import { afterAll, beforeAll, describe, expect, test, vi, type MockInstance } from 'vitest';
import { CompileError } from '../src/compiler/compile-protocol.js';
import { isProtocol } from '../src/grammar/generated/ast.js';
import { OrderSet } from '../src/orderset/schema.js';
import { buildFiles, compileDocument, crashesOf, errorsOf, exampleFiles } from '#test-support/language-services.js';

const SEED = 42;
/** Wall-clock budget of each property (the run stops early, as a success, when it is spent). */
const BUDGET_MS = 2_500;

/** Every keyword of the grammar, read from the grammar file so that new keywords are fuzzed too. */
const KEYWORDS = [...new Set([...readFileSync(new URL('../src/grammar/titra.langium', import.meta.url), 'utf8')
    .matchAll(/'([^'\\]+)'/g)].map((m) => m[1]))];

const examples = exampleFiles();
const examplePaths = Object.keys(examples).sort();
const libraries = Object.fromEntries(Object.entries(examples).filter(([path]) => path.startsWith('shared/')));

interface Outcome {
    crashes: string[];
    compiled: 'not-attempted' | 'ok' | 'compile-error';
    schemaIssues: Array<{ code: string; path: PropertyKey[] }>;
}

/** Parses, links and validates `files`; compiles `main` when it is an error-free protocol. Throws only on a real failure. */
async function exercise(files: Record<string, string>, main: string): Promise<Outcome> {
    const documents = await buildFiles(files);
    const document: LangiumDocument = documents.get(main)!;
    expect(document.state).toBe(DocumentState.Validated);
    const crashes = [...documents.values()].flatMap((d) => crashesOf(d).map((c) => String(c.message)));
    const outcome: Outcome = {
        crashes, compiled: 'not-attempted', schemaIssues: []
    };
    if (!isProtocol(document.parseResult.value) || errorsOf(document).length > 0) return outcome;
    try {
        const orderSet = compileDocument(document);
        outcome.compiled = 'ok';
        const checked = OrderSet.safeParse(orderSet);
        outcome.schemaIssues = checked.success ? [] : checked.error.issues;
        // Deterministic: the same document compiles to the same JSON.
        expect(JSON.stringify(compileDocument(document))).toBe(JSON.stringify(orderSet));
    } catch (error) {
        if (!(error instanceof CompileError)) throw error;
        outcome.compiled = 'compile-error';
    }
    return outcome;
}

function expectNoCrashOrSchemaIssue(outcome: Outcome): void {
    expect(outcome.crashes).toEqual([]);
    expect(outcome.schemaIssues).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Mutations of example texts
// ---------------------------------------------------------------------------------------------

const TOKEN = /\s+|"(?:\\.|[^"\\])*"?|[{}():;,/]|[^\s{}():;,/"]+/g;

type Mutation =
    | { kind: 'delete' | 'duplicate'; at: number }
    | { kind: 'swap'; at: number; with: number }
    | { kind: 'truncate'; at: number }
    | { kind: 'insert' | 'replace' | 'number'; at: number; text: string }
    | { kind: 'crlf' | 'tabs' | 'no-newlines' };

const odd = fc.constantFrom(
    '99999999999999999999', '9'.repeat(400), '0', '0.0000001', '.5', '1.', '1.0', '007', '1.2.3', '2026-13-45', 'x10^999',
    '\u00B5g', '\u03BCg', 'm\u00B2', '\u200B', '\uFEFF', '\u{1F600}', '\u00DF', '\u0130', '\t', '\r', '\r\n', '"', '"unterminated',
    '/*', '*/', '//', '{', '}', ';', ':', ',', '/', '(', ')', 'µ'
);

/** Numbers as they may be typed: zero, fractions, grades beyond 5, beyond the safe integers, spelled unsafely. */
const numberText = fc.oneof(
    fc.constantFrom('0', '0.5', '1.5', '6', '7', '.5', '1.0', '99999999999999999999', '9'.repeat(400)),
    fc.nat({ max: 1000 }).map(String),
    fc.tuple(fc.nat({ max: 100 }), fc.nat({ max: 99 })).map(([a, b]) => `${a}.${b}`)
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('number' as const), at: fc.nat(), text: numberText }),
    fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constantFrom('insert' as const, 'replace' as const), at: fc.nat(), text: fc.oneof(odd, fc.constantFrom(...KEYWORDS), fc.string({ unit: 'grapheme', maxLength: 8 })) }),
    fc.record({ kind: fc.constantFrom('crlf' as const, 'tabs' as const, 'no-newlines' as const) })
);

function mutate(text: string, mutations: Mutation[]): string {
    let tokens = text.match(TOKEN) ?? [];
    for (const m of mutations) {
        const solid = tokens.map((t, i) => (/^\s+$/.test(t) ? -1 : i)).filter((i) => i >= 0);
        const pick = (n: number) => (solid.length === 0 ? 0 : solid[n % solid.length]);
        switch (m.kind) {
            case 'delete': tokens.splice(pick(m.at), 1); break;
            case 'duplicate': { const i = pick(m.at); tokens.splice(i, 0, tokens[i] ?? '', ' '); break; }
            case 'swap': { const i = pick(m.at); const j = pick(m.with); [tokens[i], tokens[j]] = [tokens[j], tokens[i]]; break; }
            case 'truncate': { const joined = tokens.join(''); tokens = [joined.slice(0, m.at % (joined.length + 1))]; break; }
            case 'insert': tokens.splice(pick(m.at), 0, ' ', m.text, ' '); break;
            case 'replace': tokens.splice(pick(m.at), 1, m.text); break;
            case 'number': {
                const numbers = tokens.map((t, i) => (/^\.?\d/.test(t) ? i : -1)).filter((i) => i >= 0);
                if (numbers.length > 0) tokens[numbers[m.at % numbers.length]] = m.text;
                break;
            }
            case 'crlf': tokens = [tokens.join('').replace(/\r?\n/g, '\r\n')]; break;
            case 'tabs': tokens = [tokens.join('').replace(/ +/g, '\t')]; break;
            case 'no-newlines': tokens = [tokens.join('').replace(/\r?\n/g, ' ')]; break;
        }
        tokens = tokens.join('').match(TOKEN) ?? [];
    }
    return tokens.join('');
}

describe('the mutation helper', () => {
    test('no mutation gives the text back; each kind changes it', () => {
        const text = examples[examplePaths[0]];
        expect(mutate(text, [])).toBe(text);
        expect(mutate(text, [{ kind: 'delete', at: 3 }])).not.toBe(text);
        expect(mutate(text, [{ kind: 'truncate', at: 10 }])).toBe(text.slice(0, 10));
        expect(mutate('a b c', [{ kind: 'swap', at: 0, with: 2 }])).toBe('c b a');
        expect(mutate('a\nb', [{ kind: 'crlf' }])).toBe('a\r\nb');
        expect(mutate('day 1 x', [{ kind: 'replace', at: 1, text: '0' }])).toBe('day 0 x');
        expect(mutate('a 1 b 2', [{ kind: 'number', at: 1, text: '7' }])).toBe('a 1 b 7');
    });
});

describe('robustness', () => {
    // Langium logs a crashing check with console.error; crashes are asserted through their diagnostics instead.
    let consoleError: MockInstance;
    beforeAll(() => { consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined); });
    afterAll(() => consoleError.mockRestore());

    test('the examples are valid inputs of the properties (clean, compile to the contract)', async () => {
        expect(examplePaths.length).toBeGreaterThan(1);
        for (const path of examplePaths) {
            const outcome = await exercise({ ...libraries, [path]: examples[path] }, path);
            expect([path, outcome.crashes, outcome.schemaIssues]).toEqual([path, [], []]);
            if (!path.startsWith('shared/')) expect([path, outcome.compiled]).toEqual([path, 'ok']);
        }
    });

    test('(a) arbitrary strings never make parsing, linking or validation throw', async () => {
        await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
            expectNoCrashOrSchemaIssue(await exercise({ 'fuzz.titra': text }, 'fuzz.titra'));
        }), { seed: SEED, numRuns: 250, plugins: [fc.interruptAfterTimeLimit(BUDGET_MS)] });
    });

    test('(a) token soup inside a protocol header never throws; error-free ones compile or throw CompileError', async () => {
        const atom = fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom(...KEYWORDS) },
            { weight: 2, arbitrary: fc.constantFrom('SUD1', 'ANC', 'weight', 'x', 'std', 'bleeding', 'high-risk', 'x10^9/L', 'mg/kg', '"s"') },
            { weight: 2, arbitrary: fc.constantFrom('1', '0', '0.5', '.5', '1.0', '28', '99999999999999999999') }
        );
        const header = 'protocol P "p" {\n version 1.0.0\n status draft\n agent x route SC\n requires weight, ANC\n';
        await fc.assert(fc.asyncProperty(fc.array(atom, { maxLength: 40 }), async (atoms) => {
            expectNoCrashOrSchemaIssue(await exercise({ 'soup.titra': `${header}${atoms.join(' ')}\n}` }, 'soup.titra'));
        }), { seed: SEED, numRuns: 300, plugins: [fc.interruptAfterTimeLimit(BUDGET_MS)] });
    });

    test('(b) mutated examples never throw; error-free protocols compile to the contract or throw CompileError', async () => {
        const stats = { runs: 0, compiled: 0, compileErrors: 0 };
        await fc.assert(fc.asyncProperty(
            fc.nat({ max: examplePaths.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }),
            async (index, mutations) => {
                const path = examplePaths[index];
                const outcome = await exercise({ ...libraries, [path]: mutate(examples[path], mutations) }, path);
                stats.runs++;
                if (outcome.compiled === 'ok') stats.compiled++;
                if (outcome.compiled === 'compile-error') stats.compileErrors++;
                expectNoCrashOrSchemaIssue(outcome);
            }
        ), { seed: SEED, numRuns: 350, plugins: [fc.interruptAfterTimeLimit(2 * BUDGET_MS)] });
        // The mutations must leave some protocols error-free, or the compiler is never exercised.
        expect(stats.compiled).toBeGreaterThan(0);
    });

    test('(b) single mutations of a protocol never throw, and some stay error-free and compile', async () => {
        const protocols = examplePaths.filter((p) => !p.startsWith('shared/'));
        let compiled = 0;
        await fc.assert(fc.asyncProperty(
            fc.nat({ max: protocols.length - 1 }), fc.oneof(
                fc.record({ kind: fc.constantFrom('duplicate' as const, 'delete' as const), at: fc.nat() }),
                fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: odd }),
                fc.record({ kind: fc.constant('number' as const), at: fc.nat(), text: numberText }),
                fc.record({ kind: fc.constantFrom('crlf' as const, 'tabs' as const) })
            ),
            async (index, m) => {
                const path = protocols[index];
                const outcome = await exercise({ ...libraries, [path]: mutate(examples[path], [m]) }, path);
                if (outcome.compiled === 'ok') compiled++;
                expectNoCrashOrSchemaIssue(outcome);
            }
        ), { seed: SEED, numRuns: 150, plugins: [fc.interruptAfterTimeLimit(BUDGET_MS)] });
        expect(compiled).toBeGreaterThan(0);
    });
});

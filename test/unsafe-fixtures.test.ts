// Unsafe fixtures: each protocol in test/fixtures/unsafe/ reports exactly the findings its `// expect: <code>` markers state, code and line.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildFiles } from '#test-support/language-services.js';
import { repository, titra } from '#test-support/titra-process.js';

const FIXTURES = 'test/fixtures/unsafe';
const SHARED = 'examples/shared';

const fixtures = readdirSync(path.join(repository, FIXTURES)).filter((name) => name.endsWith('.titra')).sort();

/** `// expect: <code>` at the end of a line marks that line; alone on a line, it marks the next line that is not a marker itself. */
const MARKER = /^(.*?)\/\/\s*expect:\s*(\S+)\s*$/;

/** The findings a fixture states with its markers, as `line: code` (1-based lines), sorted. */
function expectedFindings(name: string): string[] {
    return markedFindings(readFileSync(path.join(repository, FIXTURES, name), 'utf8'), name);
}

/** The findings the markers of `text` state, as `line: code`, sorted. */
function markedFindings(text: string, name: string): string[] {
    const lines = text.split('\n');
    const expected: string[] = [];
    let pending: string[] = [];
    lines.forEach((text, index) => {
        const marker = MARKER.exec(text);
        if (marker && marker[1].trim() === '') {
            pending.push(marker[2]);
            return;
        }
        for (const code of [...pending, ...(marker ? [marker[2]] : [])]) expected.push(`${index + 1}: ${code}`);
        pending = [];
    });
    if (pending.length > 0) throw new Error(`${name}: a marker alone on the last line marks nothing`);
    return expected.sort();
}

/** The same findings once each, sorted, as expectedFindings gives them. */
function findingList(findings: Array<{ line: number; code: string }>): string[] {
    return [...new Set(findings.map((f) => `${f.line}: ${f.code}`))].sort();
}

/** The shared libraries the fixtures import (by relative paths back to examples/shared), keyed by repository path. */
function sharedLibraries(): Record<string, string> {
    const files: Record<string, string> = {};
    for (const name of readdirSync(path.join(repository, SHARED)).filter((n) => n.endsWith('.titra'))) {
        files[`${SHARED}/${name}`] = readFileSync(path.join(repository, SHARED, name), 'utf8');
    }
    return files;
}

describe('test/fixtures/unsafe', () => {
    test('there are at least 30 fixtures, each marking at least one finding with a code', () => {
        expect(fixtures.length).toBeGreaterThanOrEqual(30);
        for (const name of fixtures) {
            expect([name, expectedFindings(name).length > 0]).toEqual([name, true]);
            for (const finding of expectedFindings(name)) expect(finding).toMatch(/^\d+: [a-z0-9-]+\/[a-z0-9-]+$/);
        }
    });

    test('a marker at the end of a line marks that line; alone, the next line that is not a marker', () => {
        const text = 'a // expect: x/one\n// expect: x/two\n  // expect: x/three\nb\nc // expect: x/four\n';
        expect(markedFindings(text, 'example')).toEqual(['1: x/one', '4: x/three', '4: x/two', '5: x/four']);
        expect(() => markedFindings('a\n// expect: x/one', 'example')).toThrow('marks nothing');
    });

    test.each(fixtures)('%s reports exactly its marked errors and warnings, on their lines', async (name) => {
        const file = `${FIXTURES}/${name}`;
        const documents = await buildFiles({ ...sharedLibraries(), [file]: readFileSync(path.join(repository, file), 'utf8') });
        const findings = (documents.get(file)!.diagnostics ?? []).filter((d) => d.severity === 1 || d.severity === 2);
        expect(findingList(findings.map((d) => ({ line: d.range.start.line + 1, code: String(d.code) })))).toEqual(expectedFindings(name));
    });

    test('titra check --format json reports the marked findings of every fixture, and fails', () => {
        const run = titra(repository, 'check', FIXTURES, '--format', 'json');
        expect(run.code).toBe(1);
        const findings = (JSON.parse(run.stdout) as { diagnostics: Array<{ file: string; line: number; severity: string; code: string; suppressed: boolean }> }).diagnostics;
        for (const name of fixtures) {
            const reported = findings.filter((f) => f.file === `${FIXTURES}/${name}` && !f.suppressed && (f.severity === 'error' || f.severity === 'warning'));
            expect([name, findingList(reported)]).toEqual([name, expectedFindings(name)]);
        }
    });
});

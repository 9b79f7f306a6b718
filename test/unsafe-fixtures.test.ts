// Unsafe fixtures: each protocol in test/fixtures/unsafe/ holds one clinical error that Titra reports with its expected code.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { buildFiles } from '#test-support/language-services.js';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = 'test/fixtures/unsafe';
const SHARED = 'examples/shared';

const fixtures = readdirSync(path.join(repository, FIXTURES)).filter((name) => name.endsWith('.titra')).sort();

/** The code a fixture declares on its first line: `// expect: <code>`. */
function expectedCode(name: string): string {
    const first = readFileSync(path.join(repository, FIXTURES, name), 'utf8').split('\n')[0];
    const match = /^\/\/ expect: (\S+)$/.exec(first);
    if (!match) throw new Error(`${name}: the first line must be '// expect: <code>'`);
    return match[1];
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
    test('there are at least 30 fixtures, each declaring its expected code', () => {
        expect(fixtures.length).toBeGreaterThanOrEqual(30);
        for (const name of fixtures) expect(expectedCode(name)).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
    });

    test.each(fixtures)('%s reports exactly its expected code as an error or warning', async (name) => {
        const file = `${FIXTURES}/${name}`;
        const documents = await buildFiles({ ...sharedLibraries(), [file]: readFileSync(path.join(repository, file), 'utf8') });
        const findings = (documents.get(file)!.diagnostics ?? []).filter((d) => d.severity === 1 || d.severity === 2);
        expect([...new Set(findings.map((d) => String(d.code)))]).toEqual([expectedCode(name)]);
    });

    test('titra check --format json reports the expected code of every fixture, and fails', () => {
        const run = spawnSync(process.execPath, [path.join(repository, 'packages/cli/bin/titra.js'), 'check', FIXTURES, '--format', 'json'], {
            cwd: repository, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000
        });
        expect(run.status).toBe(1);
        const findings = JSON.parse(run.stdout) as Array<{ file: string; severity: string; code: string; suppressed: boolean }>;
        for (const name of fixtures) {
            const codes = new Set(findings.filter((f) => f.file === `${FIXTURES}/${name}` && !f.suppressed && (f.severity === 'error' || f.severity === 'warning')).map((f) => f.code));
            expect([name, [...codes]]).toEqual([name, [expectedCode(name)]]);
        }
    });
});

// Process-level tests of `titra schema` and `titra --version`.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliVersion, expectFreshCliBundle, workFolder } from '#test-support/cli-workspace.js';
import { removeTemporaryFolders, repository, titra } from '#test-support/titra-process.js';

const checkedInSchema = path.join(repository, 'packages/language/schema/titra.orderset-1.schema.json');
const checkedInScheduleSchema = path.join(repository, 'packages/language/schema/titra.schedule-1.schema.json');

beforeAll(expectFreshCliBundle);
afterAll(removeTemporaryFolders);

describe('titra schema and --version', () => {
    test('schema prints the checked-in JSON Schema of titra.orderset/1', () => {
        const run = titra(workFolder(), 'schema');
        expect(run.code, run.stderr).toBe(0);
        expect(run.stderr).toBe('');
        const schema = JSON.parse(run.stdout) as { $schema: string; $ref: string; $defs: Record<string, unknown> };
        expect(schema.$defs).toHaveProperty('OrderSet');
        expect(schema.$ref).toBe('#/$defs/OrderSet');
        expect(run.stdout).toBe(readFileSync(checkedInSchema, 'utf8'));
    });

    test('schema --schedule prints the checked-in JSON Schema of titra.schedule/1', () => {
        const run = titra(workFolder(), 'schema', '--schedule');
        expect(run.code, run.stderr).toBe(0);
        const schema = JSON.parse(run.stdout) as { $ref: string; $defs: Record<string, unknown> };
        expect(schema.$ref).toBe('#/$defs/Schedule');
        expect(run.stdout).toBe(readFileSync(checkedInScheduleSchema, 'utf8'));
    });

    test('schema takes no arguments: exit 2', () => {
        const run = titra(workFolder(), 'schema', 'extra');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^titra: schema takes no arguments\n/);
        expect(run.stdout).toBe('');
    });

    test('--version prints the version of packages/cli/package.json', () => {
        const run = titra(workFolder(), '--version');
        expect(run.code).toBe(0);
        expect(run.stdout).toBe(`${cliVersion}\n`);
    });
});

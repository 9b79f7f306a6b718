// Process-level tests of `titra check`: text, JSON and SARIF reports, --strict, exit codes.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    cliVersion, errorProtocol, examples, expectFindingText, expectFreshCliBundle, listFiles, positionOf, warningProtocol, withExamples, workFolder
} from '#test-support/cli-workspace.js';
import { contractValidator } from '#test-support/contract-validator.js';
import { removeTemporaryFolders, repository, titra } from '#test-support/titra-process.js';
import type { CheckReport } from '../packages/language/src/orderset/check-schema.js';

const checkSchema = () => JSON.parse(readFileSync(path.join(repository, 'packages/language/schema/titra.check-1.schema.json'), 'utf8')) as Record<string, unknown>;

beforeAll(expectFreshCliBundle);
afterAll(removeTemporaryFolders);

describe('titra check', () => {
    test('the examples are clean: exit 0, nothing on stdout, a summary on stderr, nothing written', () => {
        const cwd = workFolder();
        const run = titra(cwd, 'check', examples);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^\d+ files checked: 0 errors, 0 warnings\n$/);
        expect(listFiles(cwd)).toEqual([]);
    });

    test('--format json prints a titra.check/1 envelope: tool, counts and every finding, valid against its checked-in schema', () => {
        const validate = contractValidator(checkSchema());
        const clean = titra(workFolder(), 'check', examples, '--format', 'json');
        expect(clean.code, clean.stderr).toBe(0);
        const cleanReport = JSON.parse(clean.stdout) as CheckReport & { status: 'checked' };
        expect(validate(cleanReport), JSON.stringify(validate.errors)).toBe(true);
        // The examples' only findings are suppressed ones (with their reasons), which --format json still lists and counts apart.
        expect(cleanReport.diagnostics.filter((f) => !f.suppressed || !f.reason)).toEqual([]);
        expect(cleanReport.counts).toMatchObject({ errors: 0, warnings: 0, information: 0, suppressed: cleanReport.diagnostics.length });

        const { cwd, ex } = withExamples();
        const { text } = warningProtocol(ex);
        const run = titra(cwd, 'check', 'ex/warn.titra', '--format', 'json');
        expect(run.code, run.stderr).toBe(0);
        const report = JSON.parse(run.stdout) as CheckReport & { status: 'checked' };
        expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
        expect(report).toMatchObject({ format: 'titra.check/1', status: 'checked', tool: { name: 'titra', version: cliVersion } });
        expect(report.counts).toEqual({ files: report.counts.files, errors: 0, warnings: 1, information: 0, suppressed: 0 });
        expect(report.counts.files).toBeGreaterThanOrEqual(1);
        const { line, column } = positionOf(text, 'ferritin >');
        expect(report.diagnostics).toEqual([expect.objectContaining({
            file: 'ex/warn.titra', line, column, severity: 'warning', code: 'input/unknown-observation', message: expect.stringContaining('ferritin')
        })]);
    });

    test('--format json on bad input: exit 2, a titra.check/1 input-error envelope on stdout and the message on stderr', () => {
        const validate = contractValidator(checkSchema());
        const run = titra(workFolder(), 'check', 'missing.titra', '--format', 'json');
        expect(run.code).toBe(2);
        expect(run.stderr).toBe('titra: missing.titra: no such file or directory\n');
        const report = JSON.parse(run.stdout) as CheckReport;
        expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
        expect(report).toEqual({
            format: 'titra.check/1', status: 'input-error', tool: { name: 'titra', version: cliVersion },
            error: { message: 'missing.titra: no such file or directory' }
        });
    });

    test('--format json with a wrong option: exit 2 and the input-error envelope too, so a jq pipeline still reads JSON', () => {
        const validate = contractValidator(checkSchema());
        for (const args of [['--format', 'json', '--bogus'], ['--bogus', '--format=json']]) {
            const run = titra(workFolder(), 'check', ...args);
            expect(run.code).toBe(2);
            const report = JSON.parse(run.stdout) as CheckReport;
            expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
            expect(report).toMatchObject({ status: 'input-error', error: { message: "unknown option '--bogus'" } });
        }
        expect(titra(workFolder(), 'check', '--bogus').stdout).toBe('');
    });

    test('--format sarif prints a SARIF 2.1.0 log with rule ids and physical locations', () => {
        const { cwd, ex } = withExamples();
        const { text } = warningProtocol(ex);
        errorProtocol(ex);
        const run = titra(cwd, 'check', 'ex', '--format', 'sarif');
        expect(run.code, run.stderr).toBe(1);
        const sarif = JSON.parse(run.stdout) as {
            version: string;
            runs: Array<{ tool: { driver: { name: string; version: string; rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }> }> }>;
        };
        expect(sarif.version).toBe('2.1.0');
        expect(sarif.runs).toHaveLength(1);
        expect(sarif.runs[0].tool.driver.name).toBe('titra');
        expect(sarif.runs[0].tool.driver.version).toBe(cliVersion);
        const results = sarif.runs[0].results;
        const warning = results.find((r) => r.ruleId === 'input/unknown-observation');
        const error = results.find((r) => r.ruleId === 'unit/unknown');
        expect(warning?.level).toBe('warning');
        expect(error?.level).toBe('error');
        expect(warning?.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'ex/warn.titra', uriBaseId: '%SRCROOT%' });
        expect(warning?.locations[0].physicalLocation.region).toMatchObject({ startLine: positionOf(text, 'ferritin >').line, startColumn: positionOf(text, 'ferritin >').column });
        expect(error?.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'ex/bad.titra', uriBaseId: '%SRCROOT%' });
        expect(error?.locations[0].physicalLocation.region.startLine).toBe(positionOf(text, 'dose SUD2').line);
        expect(sarif.runs[0].tool.driver.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['input/unknown-observation', 'unit/unknown']));
    });

    test('--format sarif gives files relative to the workspace (%SRCROOT%), wherever titra runs', () => {
        const { ex } = withExamples('my protocols');
        const { file } = warningProtocol(ex);
        const run = titra(workFolder(), 'check', file, '--format', 'sarif');
        expect(run.code, run.stderr).toBe(0);
        const sarif = JSON.parse(run.stdout) as {
            runs: Array<{ originalUriBaseIds: Record<string, { uri: string }>; results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }> }> }>
        };
        const location = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
        // Outside git and the working folder, the workspace is the protocols' common folder.
        expect(location).toEqual({ uri: 'warn.titra', uriBaseId: '%SRCROOT%' });
        const base = sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri;
        expect(base).toBe(pathToFileURL(`${ex}/`).href);
        expect(fileURLToPath(new URL(location.uri, base))).toBe(file);
    });

    test('a warning passes without --strict (exit 0) and fails with it (exit 1)', () => {
        const { cwd, ex } = withExamples();
        const { text } = warningProtocol(ex);
        const relaxed = titra(cwd, 'check', 'ex/warn.titra');
        expect(relaxed.code, relaxed.stderr).toBe(0);
        expectFindingText(relaxed.stderr, 'ex/warn.titra', text, 'ferritin >', 'warning', 'input/unknown-observation', 'ferritin'.length);
        expect(relaxed.stderr).toMatch(/0 errors, 1 warning\n$/);

        const strict = titra(cwd, 'check', 'ex/warn.titra', '--strict');
        expect(strict.code, strict.stderr).toBe(1);
        expectFindingText(strict.stderr, 'ex/warn.titra', text, 'ferritin >', 'warning', 'input/unknown-observation', 'ferritin'.length);

        const strictJson = titra(cwd, 'check', 'ex/warn.titra', '--strict', '--format', 'json');
        expect(strictJson.code).toBe(1);
        expect((JSON.parse(strictJson.stdout) as CheckReport & { status: 'checked' }).diagnostics).toHaveLength(1);
    });

    test('a protocol with an error: exit 1, file:line:col: error [code] message, the source line and a caret', () => {
        const { cwd, ex } = withExamples();
        const { text } = errorProtocol(ex);
        const run = titra(cwd, 'check', 'ex/bad.titra');
        expect(run.code, run.stderr).toBe(1);
        expect(run.stdout).toBe('');
        expectFindingText(run.stderr, 'ex/bad.titra', text, 'mgg/kg', 'error', 'unit/unknown');
        expect(run.stderr).toContain("'mgg/kg' is not a unit Titra knows");
        expect(run.stderr).toMatch(/1 error, 0 warnings\n$/);
    });

    test('with no path, check looks at the working folder', () => {
        const { ex } = withExamples();
        const clean = titra(ex, 'check');
        expect(clean.code, clean.stderr).toBe(0);
        expect(clean.stderr).toBe(`${listFiles(ex).length} files checked: 0 errors, 0 warnings\n`);
        const { text } = errorProtocol(ex);
        const run = titra(ex, 'check');
        expect(run.code).toBe(1);
        expectFindingText(run.stderr, 'bad.titra', text, 'mgg/kg', 'error', 'unit/unknown');
    });
});

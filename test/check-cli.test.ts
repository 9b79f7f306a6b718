// Process-level tests of `titra check`: text, JSON and SARIF reports, --strict, exit codes.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    cliVersion, errorProtocol, examples, expectFindingText, expectFreshCliBundle, listFiles, positionOf, warningProtocol, withExamples, workFolder
} from '#test-support/cli-workspace.js';
import { removeTemporaryFolders, titra } from '#test-support/titra-process.js';

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

    test('--format json prints a JSON array of findings on stdout', () => {
        const clean = titra(workFolder(), 'check', examples, '--format', 'json');
        expect(clean.code, clean.stderr).toBe(0);
        // The examples' only findings are suppressed ones (with their reasons), which --format json still lists.
        expect((JSON.parse(clean.stdout) as Array<{ suppressed: boolean; reason?: string }>).filter((f) => !f.suppressed || !f.reason)).toEqual([]);

        const { cwd, ex } = withExamples();
        const { text } = warningProtocol(ex);
        const run = titra(cwd, 'check', 'ex/warn.titra', '--format', 'json');
        expect(run.code, run.stderr).toBe(0);
        const findings = JSON.parse(run.stdout) as unknown[];
        expect(Array.isArray(findings)).toBe(true);
        const { line, column } = positionOf(text, 'ferritin >');
        expect(findings).toEqual([expect.objectContaining({
            file: 'ex/warn.titra', line, column, severity: 'warning', code: 'input/unknown-observation', message: expect.stringContaining('ferritin')
        })]);
    });

    test('--format sarif prints a SARIF 2.1.0 log with rule ids and physical locations', () => {
        const { cwd, ex } = withExamples();
        const { text } = warningProtocol(ex);
        errorProtocol(ex);
        const run = titra(cwd, 'check', 'ex', '--format', 'sarif');
        expect(run.code, run.stderr).toBe(1);
        const sarif = JSON.parse(run.stdout) as {
            version: string;
            runs: Array<{ tool: { driver: { name: string; version: string; rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }> }>;
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
        expect(warning?.locations[0].physicalLocation.artifactLocation.uri).toBe('ex/warn.titra');
        expect(warning?.locations[0].physicalLocation.region).toMatchObject({ startLine: positionOf(text, 'ferritin >').line, startColumn: positionOf(text, 'ferritin >').column });
        expect(error?.locations[0].physicalLocation.artifactLocation.uri).toBe('ex/bad.titra');
        expect(error?.locations[0].physicalLocation.region.startLine).toBe(positionOf(text, 'dose SUD2').line);
        expect(sarif.runs[0].tool.driver.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['input/unknown-observation', 'unit/unknown']));
    });

    test('--format sarif gives files outside the working folder as file:// URIs', () => {
        const { ex } = withExamples('my protocols');
        const { file } = warningProtocol(ex);
        const run = titra(workFolder(), 'check', file, '--format', 'sarif');
        expect(run.code, run.stderr).toBe(0);
        const sarif = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
        const uri = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
        expect(uri).toBe(pathToFileURL(file).href);
        expect(fileURLToPath(uri)).toBe(file);
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
        expect(JSON.parse(strictJson.stdout)).toHaveLength(1);
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

// SARIF from `titra check --format sarif` as GitHub code scanning reads it: the SARIF multitool's SARIF and GitHub rules, rule metadata from the README.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { errorProtocol, examples, expectFreshCliBundle, warningProtocol, withExamples, workFolder } from '#test-support/cli-workspace.js';
import { removeTemporaryFolders, repository, titra } from '#test-support/titra-process.js';
import { Codes, TITRA_HOME_URL, TITRA_README_URL } from '../packages/language/src/index.js';
import { checkDescription, checkDescriptions } from '../packages/cli/src/check-descriptions.js';

/** The SARIF multitool of @microsoft/sarif-multitool (a self-contained binary for this platform). */
const multitool = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;

interface SarifLog {
    runs: Array<{
        tool: { driver: { informationUri: string; rules: Array<Record<string, unknown> & { id: string }> } };
        results: Array<{ ruleId: string; level?: string; message: { text: string } }>;
    }>;
}

/** The multitool's findings (`validate --rule-kind "Sarif;Gh"`: the SARIF 2.1.0 schema, SARIF and GitHub rules) on a log. */
function multitoolFindings(sarifText: string): Array<{ ruleId: string; level?: string; message: string }> {
    const folder = mkdtempSync(path.join(tmpdir(), 'titra-sarif-'));
    try {
        const input = path.join(folder, 'titra.sarif');
        const output = path.join(folder, 'validation.sarif');
        writeFileSync(input, sarifText);
        const run = spawnSync(multitool, ['validate', '--rule-kind', 'Sarif;Gh', input, '-o', output], { encoding: 'utf8' });
        expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
        const log = JSON.parse(readFileSync(output, 'utf8')) as SarifLog;
        return log.runs[0].results.map((r) => ({ ruleId: r.ruleId, level: r.level, message: r.message.text ?? JSON.stringify(r.message) }));
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
}

beforeAll(expectFreshCliBundle);
afterAll(removeTemporaryFolders);

describe('titra check --format sarif for GitHub code scanning', () => {
    test('the SARIF multitool finds no problem (SARIF and GitHub rules) with the log of errors, warnings and suppressions', () => {
        const unsafe = titra(workFolder(), 'check', path.join(repository, 'test/fixtures/unsafe'), '--format', 'sarif');
        expect(unsafe.code).toBe(1);
        expect((JSON.parse(unsafe.stdout) as SarifLog).runs[0].results.length).toBeGreaterThan(50);
        expect(multitoolFindings(unsafe.stdout).filter((f) => f.level !== 'note')).toEqual([]);
        const clean = titra(workFolder(), 'check', examples, '--format', 'sarif');
        expect(clean.code, clean.stderr).toBe(0);
        expect(multitoolFindings(clean.stdout).filter((f) => f.level !== 'note')).toEqual([]);
    });

    test('the multitool does report the GitHub rules a log breaks (a rule without fullDescription and help)', () => {
        const { cwd, ex } = withExamples();
        warningProtocol(ex);
        const log = JSON.parse(titra(cwd, 'check', 'ex', '--format', 'sarif').stdout) as SarifLog;
        const rules = log.runs[0].tool.driver.rules;
        rules[0] = { id: rules[0].id, shortDescription: { text: rules[0].id } };
        expect(multitoolFindings(JSON.stringify(log)).map((f) => f.ruleId)).toContain('GH2012');
    });

    test('each rule has a name, the README description (short, full, help in text and markdown), its help link and default level', () => {
        const { cwd, ex } = withExamples();
        warningProtocol(ex);
        errorProtocol(ex);
        const log = JSON.parse(titra(cwd, 'check', 'ex', '--format', 'sarif').stdout) as SarifLog;
        expect(log.runs[0].tool.driver.informationUri).toBe(TITRA_HOME_URL);
        const unknownUnit = log.runs[0].tool.driver.rules.find((r) => r.id === 'unit/unknown');
        expect(unknownUnit).toEqual({
            id: 'unit/unknown',
            name: 'UnitUnknown',
            shortDescription: { text: 'A unit UCUM does not know.' },
            fullDescription: { text: 'A unit UCUM does not know. Source: UCUM.' },
            help: {
                text: `A unit UCUM does not know. Source: UCUM. See ${TITRA_README_URL}#checks.`,
                markdown: `**unit/unknown** (error): a unit UCUM does not know\n\nSource: UCUM\n\nSee [the table of checks](${TITRA_README_URL}#checks).`
            },
            helpUri: `${TITRA_README_URL}#checks`,
            defaultConfiguration: { level: 'error' }
        });
        const unknownObservation = log.runs[0].tool.driver.rules.find((r) => r.id === 'input/unknown-observation');
        expect(unknownObservation?.defaultConfiguration).toEqual({ level: 'warning' });
    });

    test("every check code (and the parser's) has a row in the README's table of checks", () => {
        expect(checkDescriptions().length).toBeGreaterThanOrEqual(60);
        const codes = [...Object.values(Codes), 'syntax/lexing', 'syntax/parsing'];
        expect(codes.filter((code) => checkDescription(code) === undefined)).toEqual([]);
    });
});

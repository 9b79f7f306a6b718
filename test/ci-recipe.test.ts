// The documented CI recipe (docs/clinical-diff-comment.yml) run as written on a pull request's changes: valid markdown for a comment.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { launcher, removeTemporaryFolders, repository, temporaryFolder } from '#test-support/titra-process.js';

const WORKFLOW = path.join(repository, 'docs/clinical-diff-comment.yml');

afterAll(removeTemporaryFolders);

/** The shell lines between the recipe markers of the workflow, with their YAML indentation removed. */
function recipe(): string {
    const lines = readFileSync(WORKFLOW, 'utf8').split('\n');
    const begin = lines.findIndex((l) => l.trim() === '# recipe: begin');
    const end = lines.findIndex((l) => l.trim() === '# recipe: end');
    expect(begin).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(begin);
    const indent = lines[begin].length - lines[begin].trimStart().length;
    return lines.slice(begin + 1, end).map((l) => l.slice(indent)).join('\n');
}

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
    const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 120_000 });
    if (result.error) throw result.error;
    return result;
}

/** Every markdown table has a header, a delimiter row and rows with the header's number of cells (escaped pipes are text). */
function tableShapes(markdown: string): Array<{ columns: number; rows: number[] }> {
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length - 2;
    const tables: Array<{ columns: number; rows: number[] }> = [];
    let current: { columns: number; rows: number[] } | undefined;
    for (const line of markdown.split('\n')) {
        if (!line.startsWith('|')) {
            current = undefined;
            continue;
        }
        if (!current) tables.push(current = { columns: cells(line), rows: [] });
        else current.rows.push(cells(line));
    }
    return tables;
}

describe('the CI recipe that posts the clinical diff as a pull-request comment', () => {
    test('on a changed protocol and a changed library: one valid markdown report, for the protocol only', () => {
        const cwd = temporaryFolder('titra-ci-');
        const git = (...args: string[]) => expect(run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], cwd).status).toBe(0);
        cpSync(path.join(repository, 'examples/teclistamab-inpatient.titra'), path.join(cwd, 'examples/teclistamab-inpatient.titra'));
        cpSync(path.join(repository, 'examples/elranatamab.titra'), path.join(cwd, 'examples/elranatamab.titra'));
        cpSync(path.join(repository, 'examples/shared'), path.join(cwd, 'examples/shared'), { recursive: true });
        git('init', '-q');
        git('add', '-A');
        git('commit', '-qm', 'base');
        const protocol = path.join(cwd, 'examples/teclistamab-inpatient.titra');
        writeFileSync(protocol, readFileSync(protocol, 'utf8').replace('version 3.1.0', 'version 3.2.0').replace('dose SUD2 0.3 mg/kg', 'dose SUD2 0.25 mg/kg'));
        const crs = path.join(cwd, 'examples/shared/imwg-crs.titra');
        writeFileSync(crs, readFileSync(crs, 'utf8').replace('if no improvement after 24 hours', 'if no improvement after 12 hours'));
        git('commit', '-qam', 'pull request');
        const script = recipe().replaceAll('npx titra', `"${process.execPath}" "${launcher}"`);
        const result = run('bash', ['-eo', 'pipefail', '-c', script], cwd, { BASE: 'HEAD~1', PROTOCOLS: 'examples' });
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        const markdown = readFileSync(path.join(cwd, 'clinical-diff.md'), 'utf8');
        expect(markdown.match(/^### Clinical changes: /gm)).toEqual(['### Clinical changes: ']);
        expect(markdown).toContain('### Clinical changes: TEC-STEPUP-INPATIENT 3.1.0 -&gt; 3.2.0: 3 clinical changes');
        expect(markdown).toContain('| Dose | changed | SUD2 dose 0.3 mg/kg -&gt; 0.25 mg/kg (label: 0.3 mg/kg) |');
        expect(markdown).toContain('| Panel | changed | CRS grade 1 escalation if no improvement after 24 hours -&gt; if no improvement after 12 hours |');
        expect(markdown).toContain('#### Timeline');
        expect(markdown).not.toMatch(/<|\u001b/);
        const tables = tableShapes(markdown);
        expect(tables.map((t) => t.columns)).toEqual([3, 3]);
        for (const table of tables) {
            expect(table.rows[0]).toBe(table.columns);
            for (const cells of table.rows) expect(cells).toBe(table.columns);
        }
    });
});

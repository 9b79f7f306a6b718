// Process-level tests of titra diff and titra textconv: exit codes, formats, --git and the git textconv and difftool drivers.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { launcher, removeTemporaryFolders, repository, temporaryFolder, titra, type Run } from '#test-support/titra-process.js';

const inpatient = 'examples/teclistamab-inpatient.titra';
const review = 'test/fixtures/review/teclistamab-inpatient-3.2.0.titra';
const REVIEW_CHANGES = [
    'TEC-STEPUP-INPATIENT 3.1.0 -> 3.2.0: 3 clinical changes',
    '',
    'Dose',
    '  ~ SUD2 dose 0.3 mg/kg -> 0.25 mg/kg (label: 0.3 mg/kg)',
    '',
    'Panel',
    '  ~ ICANS grade 2 escalation if no improvement after 48 hours -> if no improvement after 24 hours',
    '',
    'Metadata',
    '  ~ version 3.1.0 -> 3.2.0'
];

/** Runs another program (git) the way titra runs. */
function spawn(command: string, args: string[], cwd: string): Run {
    const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    if (result.error) throw result.error;
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TITRA_COMMAND = `"${process.execPath}" "${launcher}"`;

afterAll(removeTemporaryFolders);

describe('titra diff of two files', () => {
    test('the review example: exactly the dose, the panel and the version change (reordering and reformatting are no change)', () => {
        const run = titra(repository, 'diff', inpatient, review);
        expect(run.stderr).toBe('');
        expect(run.stdout.trimEnd().split('\n')).toEqual(REVIEW_CHANGES);
        expect(run.code).toBe(1);
    });

    test('a protocol and its compiled golden order set are clinically identical: exit 0', () => {
        const run = titra(repository, 'diff', inpatient, 'examples/golden/teclistamab-inpatient.orderset.json');
        expect(run.stdout.trim()).toBe('TEC-STEPUP-INPATIENT 3.1.0 -> 3.1.0: no clinical changes');
        expect(run.code).toBe(0);
    });

    test('json: the changes with risk classes', () => {
        const run = titra(repository, 'diff', inpatient, review, '--format', 'json');
        expect(run.code).toBe(1);
        const report = JSON.parse(run.stdout);
        expect(report.identical).toBe(false);
        expect(report.old.version).toBe('3.1.0');
        expect(report.changes.map((c: { risk: string }) => c.risk)).toEqual(['dose', 'panel', 'metadata']);
        expect(report.changes[0]).toMatchObject({ kind: 'changed', before: '0.3 mg/kg', after: '0.25 mg/kg' });
        expect(report.problems).toEqual([]);
    });

    test('markdown: a table for a pull request, protocol text escaped', () => {
        const run = titra(repository, 'diff', inpatient, review, '--format', 'markdown');
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('| Risk | | Change |');
        expect(run.stdout).toContain('| Dose | changed | SUD2 dose 0.3 mg/kg -&gt; 0.25 mg/kg (label: 0.3 mg/kg) |');
        expect(run.stdout).not.toMatch(/<|\u001b/);
    });

    test.skipIf(!existsSync('/usr/bin/script'))('text is colored on a terminal, never with NO_COLOR or through a pipe', () => {
        const command = `"${process.execPath}" "${launcher}" diff ${inpatient} ${review}`;
        const onTerminal = (noColor: boolean) => spawnSync('/usr/bin/script', ['-qec', command, '/dev/null'], {
            cwd: repository, encoding: 'utf8', timeout: 60_000,
            env: Object.fromEntries(Object.entries({ ...process.env, NO_COLOR: noColor ? '1' : undefined }).filter(([, v]) => v !== undefined))
        }).stdout;
        expect(onTerminal(false)).toContain('\u001b[1;31mDose\u001b[0m');
        expect(onTerminal(true)).not.toContain('\u001b[');
        const piped = spawnSync(process.execPath, [launcher, 'diff', inpatient, review], {
            cwd: repository, encoding: 'utf8', env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NO_COLOR'))
        });
        expect(piped.stdout).toContain('SUD2 dose');
        expect(piped.stdout).not.toContain('\u001b[');
    });

    test('a changed body without a version bump is reported as a problem', () => {
        const cwd = temporaryFolder('titra-diff-');
        cpSync(path.join(repository, 'examples/shared'), path.join(cwd, 'shared'), { recursive: true });
        const text = readFileSync(path.join(repository, inpatient), 'utf8');
        writeFileSync(path.join(cwd, 'old.titra'), text);
        writeFileSync(path.join(cwd, 'new.titra'), text.replace('dose TD1 1.5 mg/kg day 7', 'dose TD1 1.5 mg/kg day 8'));
        const run = titra(cwd, 'diff', 'old.titra', 'new.titra');
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('  ~ TD1 day 7 -> 8');
        expect(run.stdout).toContain('Problems\n  ! the protocol changed clinically but its version is still 3.1.0; bump the version');
    });

    test.each([
        [['diff', inpatient], 'diff needs two files'],
        [['diff', inpatient, 'missing.titra'], 'missing.titra: no such file'],
        [['diff', inpatient, review, '--format', 'html'], '--format must be one of text, markdown, json'],
        [['diff', '--git', 'HEAD', inpatient, review], 'diff --git needs exactly one file']
    ])('usage and input errors exit 2: %j', (args, message) => {
        const run = titra(repository, ...args);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(message);
    });

    test('a protocol with errors: its errors are shown and the exit code is 2', () => {
        const run = titra(repository, 'diff', inpatient, 'test/fixtures/unsafe/crs-tocilizumab-80-mg-per-kg.titra');
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('error');
        expect(run.stderr).toContain('nothing was compared');
    });
});

describe('git: titra diff --git, textconv and difftool', () => {
    /** A repository with the example in p/ (and its libraries), committed twice: the label version and the review version. */
    function repositoryWithTwoVersions(): string {
        const cwd = temporaryFolder('titra-git-');
        const git = (...args: string[]) => {
            const run = spawn('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], cwd);
            expect(run.code, run.stderr).toBe(0);
        };
        git('init', '-q');
        cpSync(path.join(repository, 'examples/shared'), path.join(cwd, 'p/shared'), { recursive: true });
        const text = readFileSync(path.join(repository, inpatient), 'utf8');
        writeFileSync(path.join(cwd, 'p/tec.titra'), text);
        writeFileSync(path.join(cwd, '.gitattributes'), '*.titra diff=titra\n');
        git('add', '-A');
        git('commit', '-qm', 'label version');
        // The review example's changes in the example's folder: its imports are relative to the examples.
        const changed = readFileSync(path.join(repository, review), 'utf8').replaceAll('../../../examples/shared/', 'shared/');
        writeFileSync(path.join(cwd, 'p/tec.titra'), changed);
        git('commit', '-qam', 'review version');
        return cwd;
    }

    test('titra diff --git compares with the file at a revision; no temporary file is left behind', () => {
        const cwd = repositoryWithTwoVersions();
        const run = titra(path.join(cwd, 'p'), 'diff', '--git', 'HEAD~1', 'tec.titra');
        expect(run.stderr).toBe('');
        expect(run.stdout.trimEnd().split('\n')).toEqual(REVIEW_CHANGES);
        expect(run.code).toBe(1);
        expect(titra(cwd, 'diff', '--git', 'HEAD', 'p/tec.titra').code).toBe(0);
        expect(readdirSync(path.join(cwd, 'p')).sort()).toEqual(['shared', 'tec.titra']);
    });

    test('titra diff --git reads the old version whole from the revision: a shared panel changed since then is the new version\'s change', () => {
        const cwd = repositoryWithTwoVersions();
        const crs = path.join(cwd, 'p/shared/imwg-crs.titra');
        writeFileSync(crs, readFileSync(crs, 'utf8').replace('if no improvement after 24 hours', 'if no improvement after 12 hours'));
        const run = titra(cwd, 'diff', '--git', 'HEAD~1', 'p/tec.titra');
        expect(run.stderr).toBe('');
        expect(run.stdout.trimEnd().split('\n')).toEqual([
            'TEC-STEPUP-INPATIENT 3.1.0 -> 3.2.0: 4 clinical changes',
            ...REVIEW_CHANGES.slice(1, 6),
            '  ~ CRS grade 1 escalation if no improvement after 24 hours -> if no improvement after 12 hours',
            ...REVIEW_CHANGES.slice(6)
        ]);
        const sinceHead = titra(cwd, 'diff', '--git', 'HEAD', 'p/tec.titra');
        expect(sinceHead.stdout).toContain('~ CRS grade 1 escalation if no improvement after 24 hours -> if no improvement after 12 hours');
        expect(sinceHead.stdout).toContain('TEC-STEPUP-INPATIENT 3.2.0 -> 3.2.0: 1 clinical change');
        expect(readdirSync(path.join(cwd, 'p')).sort()).toEqual(['shared', 'tec.titra']);
    });

    test('titra diff --git: an old version whose library had errors is named with its first error and exits 2', () => {
        const cwd = repositoryWithTwoVersions();
        const crs = path.join(cwd, 'p/shared/imwg-crs.titra');
        const good = readFileSync(crs, 'utf8');
        writeFileSync(crs, good.replace('dexamethasone 10 mg IV every 6 hours', 'dexamethasone 10 mg IV every 6 bananas'));
        expect(spawn('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', 'commit', '-qam', 'broken library'], cwd).code).toBe(0);
        writeFileSync(crs, good);
        const run = titra(cwd, 'diff', '--git', 'HEAD', 'p/tec.titra');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^HEAD:p\/shared\/imwg-crs\.titra:16:\d+: error: /m);
        expect(run.stderr).toContain('nothing was compared');
    });

    test('titra diff --git with an unknown revision or outside a repository exits 2', () => {
        const cwd = repositoryWithTwoVersions();
        const unknown = titra(cwd, 'diff', '--git', 'no-such-revision', 'p/tec.titra');
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain('git show no-such-revision:p/tec.titra failed');
    });

    test('git diff with the textconv driver shows the clinical changes, one fact a line', () => {
        const cwd = repositoryWithTwoVersions();
        const run = spawn('git', ['-c', `diff.titra.textconv=${TITRA_COMMAND} textconv`, 'diff', '--no-color', 'HEAD~1', 'HEAD'], cwd);
        expect(run.code).toBe(0);
        const changed = run.stdout.split('\n').filter((l) => /^[+-](?![+-])/.test(l));
        expect(changed).toEqual([
            '-protocol: version 3.1.0',
            '+protocol: version 3.2.0',
            '-step-up dose SUD2: dose 0.3 mg/kg',
            '+step-up dose SUD2: dose 0.25 mg/kg',
            '-panel grade ICANS grade 2: escalation if no improvement after 48 hours',
            '+panel grade ICANS grade 2: escalation if no improvement after 24 hours'
        ]);
        const log = spawn('git', ['-c', `diff.titra.textconv=${TITRA_COMMAND} textconv`, 'log', '-p', '--no-color', '-1'], cwd);
        expect(log.stdout).toContain('+step-up dose SUD2: dose 0.25 mg/kg');
    });

    test('git difftool runs titra diff on the two versions', () => {
        const cwd = repositoryWithTwoVersions();
        const run = spawn('git', ['difftool', '-y', '-x', `${TITRA_COMMAND} diff`, 'HEAD~1', 'HEAD'], cwd);
        expect(run.stdout.trimEnd().split('\n')).toEqual(REVIEW_CHANGES);
    });

    test('titra textconv prints the same canonical text for a reordered, reformatted protocol', () => {
        const facts = (file: string) => titra(repository, 'textconv', file).stdout.split('\n');
        const before = facts(inpatient);
        const after = facts(review);
        expect(before.length).toBeGreaterThan(100);
        const removed = before.filter((l) => !after.includes(l));
        const added = after.filter((l) => !before.includes(l));
        expect(removed).toEqual(['protocol: version 3.1.0', 'step-up dose SUD2: dose 0.3 mg/kg', 'panel grade ICANS grade 2: escalation if no improvement after 48 hours']);
        expect(added).toEqual(['protocol: version 3.2.0', 'step-up dose SUD2: dose 0.25 mg/kg', 'panel grade ICANS grade 2: escalation if no improvement after 24 hours']);
    });
});

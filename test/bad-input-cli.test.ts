// Process-level tests of hostile and unusual input (issue 15): every case exits with its code and a clear message, never a stack trace, and writes nothing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { edit, expectFindingText, expectFreshCliBundle, listFiles, MAIN, positionOf, sha256, withExamples, workFolder } from '#test-support/cli-workspace.js';
import { removeTemporaryFolders, titra, type Run } from '#test-support/titra-process.js';

beforeAll(expectFreshCliBundle);
afterAll(removeTemporaryFolders);

/** No stack trace and no internal error reached the user. */
function expectNoCrash(run: Run): void {
    expect(run.code, run.stderr).not.toBe(70);
    expect(run.stderr).not.toContain('internal error');
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A copy of the example whose first hold condition is `condition`, as ex/<name>. */
function withCondition(name: string, condition: string): { cwd: string; ex: string; text: string } {
    const { cwd, ex } = withExamples();
    const text = edit(readFileSync(path.join(ex, MAIN), 'utf8'), '    when active-infection resume when resolved', `    when ${condition} resume when resolved`);
    writeFileSync(path.join(ex, name), text);
    return { cwd, ex, text };
}

describe('conditions nested beyond the structure limits', () => {
    test.each([
        ['200 nested parentheses', `${'('.repeat(200)}active-infection${')'.repeat(200)}`, "it nests more than 32 levels deep (parentheses and 'not' together)"],
        ['a chain of 3000 nots', `${'not '.repeat(3000)}active-infection`, "it nests more than 32 levels deep (parentheses and 'not' together)"],
        ['20 parentheses each behind 20 nots', `${'not '.repeat(20)}(`.repeat(20) + `active-infection${')'.repeat(20)}`, "it nests more than 32 levels deep (parentheses and 'not' together)"],
        ['5000 ands', Array(5000).fill('active-infection').join(' and '), "it has more than 256 'and'/'or' operators"]
    ])('%s: check and compile exit 1 naming file:line:col, fmt exits 2, nothing written', (_, condition, limit) => {
        const { cwd, text } = withCondition('deep.titra', condition);
        const before = listFiles(cwd);
        const { line } = positionOf(text, condition.slice(0, 40));
        for (const args of [['check', 'ex/deep.titra'], ['compile', 'ex/deep.titra', '-o', 'out.json'], ['fmt', 'ex/deep.titra']]) {
            const run = titra(cwd, ...args);
            expectNoCrash(run);
            expect(run.code, `${args[0]}: ${run.stderr}`).toBe(args[0] === 'fmt' ? 2 : 1);
            const message = `This condition is too deeply nested: ${limit}.`;
            if (args[0] === 'fmt') expect(run.stderr).toMatch(new RegExp(`^ex/deep\\.titra:${line}:\\d+: syntax error: ${escape(message)}`));
            else expect(run.stderr).toMatch(new RegExp(`(?:^|\n)ex/deep\\.titra:${line}:\\d+: error \\[syntax/lexing\\] ${escape(message)}`));
        }
        expect(listFiles(cwd)).toEqual(before);
    });

    test('a condition at the limits (32 levels, 256 operators) compiles, renders, schedules and converts', () => {
        const nested = `${'not ('.repeat(16)}active-infection${')'.repeat(16)}`;
        const condition = [nested, ...Array(255).fill('ANC < 0.5 x10^9/L')].join(' or ');
        const { cwd } = withCondition('deep.titra', condition);
        for (const args of [['check', 'ex/deep.titra'], ['compile', 'ex/deep.titra', '-o', 'deep.json'], ['render', 'ex/deep.titra', '--md'],
            ['schedule', 'ex/deep.titra', '--start', '2026-01-05', '--weight', '70'], ['textconv', 'ex/deep.titra'], ['render', 'deep.json', '--html']]) {
            const run = titra(cwd, ...args);
            expectNoCrash(run);
            expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
        }
    });

    test('an order set JSON with a condition nested 3000 deep: schedule and render exit 2 with the depth limit', () => {
        const cwd = workFolder();
        writeFileSync(path.join(cwd, 'deep.json'), `{"format":"titra.orderset/1","x":${'{"not":'.repeat(3000)}null${'}'.repeat(3000)}}`);
        for (const args of [['schedule', 'deep.json', '--start', '2026-01-05', '--weight', '70'], ['render', 'deep.json', '--md'], ['textconv', 'deep.json']]) {
            const run = titra(cwd, ...args);
            expectNoCrash(run);
            expect(run.code, args[0]).toBe(2);
            expect(run.stderr).toBe('titra: deep.json: arrays and objects are nested more than 256 levels deep; Titra reads JSON up to that depth\n');
        }
        expect(listFiles(cwd)).toEqual(['deep.json']);
    });
});

describe('paths', () => {
    test.each(['noext', 'p.txt'])('an input named %s (neither .titra nor .json): every command exits 2 naming it', (name) => {
        const { cwd, ex } = withExamples();
        writeFileSync(path.join(cwd, name), readFileSync(path.join(ex, MAIN)));
        const before = listFiles(cwd);
        for (const args of [['check', name], ['compile', name], ['fmt', name]]) {
            const run = titra(cwd, ...args);
            expectNoCrash(run);
            expect(run.code, args[0]).toBe(2);
            expect(run.stderr).toBe(`titra: ${name}: not a Titra file; protocols and libraries are named <name>.titra\n`);
        }
        for (const args of [['schedule', name, '--start', '2026-01-05', '--weight', '70'], ['textconv', name], ['render', name, '--md']]) {
            const run = titra(cwd, ...args);
            expectNoCrash(run);
            expect(run.code, args[0]).toBe(2);
            expect(run.stderr).toBe(`titra: ${name}: not a protocol (.titra) or order set (.json)\n`);
        }
        expect(listFiles(cwd)).toEqual(before);
    });

    test('a folder named x.titra: says it is a folder', () => {
        const cwd = workFolder();
        mkdirSync(path.join(cwd, 'x.titra'));
        const check = titra(cwd, 'check', 'x.titra');
        expect(check.code).toBe(2);
        expect(check.stderr).toBe('titra: x.titra: is a folder, not a protocol file, and holds no .titra files\n');
        const render = titra(cwd, 'render', 'x.titra', '--md');
        expect(render.code).toBe(2);
        expect(render.stderr).toBe('titra: x.titra: is a folder; name a protocol (.titra) or order set (.json) file\n');
    });

    test('a scenario whose protocol is ../../../etc/passwd: exit 2, confined to the workspace', () => {
        const { cwd } = withExamples();
        mkdirSync(path.join(cwd, 'scenarios'));
        writeFileSync(path.join(cwd, 'scenarios/a.scenario.json'), JSON.stringify({
            name: 'escape', protocol: '../../../../../../../etc/passwd', patient: { weight: 70 }, start: '2026-01-05', until: '2026-02-01', expect: {}
        }));
        const run = titra(cwd, 'test', 'scenarios');
        expectNoCrash(run);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe('titra: scenarios/a.scenario.json: protocol "../../../../../../../etc/passwd": is outside the workspace (.); Titra reads only files inside the workspace\n');
        expect(run.stdout).not.toContain('root:');
    });

    test('a symbolic link to a file outside the workspace: refused, the link is named, its target never echoed', () => {
        const { cwd, ex } = withExamples();
        const outside = workFolder();
        writeFileSync(path.join(outside, 'secret.titra'), 'root:x:0:0:root:/root:/bin/bash\n');
        symlinkSync(path.join(outside, 'secret.titra'), path.join(ex, 'evil.titra'));
        for (const args of [['check', 'ex/evil.titra'], ['compile', 'ex/evil.titra'], ['fmt', 'ex/evil.titra'], ['textconv', 'ex/evil.titra'], ['render', 'ex/evil.titra', '--md']]) {
            const run = titra(cwd, ...args);
            expectNoCrash(run);
            expect(run.code, args[0]).toBe(2);
            expect(run.stderr).toBe(`titra: ex/evil.titra: is a symbolic link to ${path.join(outside, 'secret.titra')}, outside the workspace (.); Titra reads only files inside the workspace\n`);
            expect(run.stdout + run.stderr).not.toContain('root:x');
        }
        expect(readFileSync(path.join(outside, 'secret.titra'), 'utf8')).toBe('root:x:0:0:root:/root:/bin/bash\n');
    });

    test('an import through a folder link that leads outside the workspace: refused at the import line', () => {
        const { cwd, ex } = withExamples();
        const outside = workFolder();
        writeFileSync(path.join(outside, 'imwg-icans.titra'), readFileSync(path.join(ex, 'shared/imwg-icans.titra')));
        symlinkSync(outside, path.join(ex, 'linked'), 'dir');
        const text = edit(readFileSync(path.join(ex, MAIN), 'utf8'), 'import "shared/imwg-icans.titra"', 'import "linked/imwg-icans.titra"');
        writeFileSync(path.join(ex, 'via-link.titra'), text);
        const run = titra(cwd, 'check', 'ex/via-link.titra');
        expectNoCrash(run);
        expect(run.code).toBe(2);
        const { line, column } = positionOf(text, 'import "linked/');
        expect(run.stderr).toBe(`titra: ex/via-link.titra:${line}:${column}: import "linked/imwg-icans.titra": is a symbolic link to ${path.join(outside, 'imwg-icans.titra')}, outside the workspace (.); Titra reads only files inside the workspace\n`);
    });

    test('symbolic link loops, given and imported: a clear message instead of "Cannot find imported file"', () => {
        const { cwd, ex } = withExamples();
        symlinkSync('loop.titra', path.join(ex, 'loop.titra'));
        const given = titra(cwd, 'check', 'ex/loop.titra');
        expect(given.code).toBe(2);
        expect(given.stderr).toBe('titra: ex/loop.titra: is a symbolic link that loops (it leads back to itself); it cannot be read\n');
        const text = edit(readFileSync(path.join(ex, MAIN), 'utf8'), 'import "shared/imwg-icans.titra"', 'import "loop.titra"');
        writeFileSync(path.join(ex, 'imports-loop.titra'), text);
        const imported = titra(cwd, 'check', 'ex/imports-loop.titra');
        const { line, column } = positionOf(text, 'import "loop.titra"');
        expect(imported.code).toBe(2);
        expect(imported.stderr).toBe(`titra: ex/imports-loop.titra:${line}:${column}: import "loop.titra": is a symbolic link that loops (it leads back to itself); it cannot be read\n`);
    });

    test('a protocol given through a link inside the workspace: provenance records its real path', () => {
        const { cwd, ex } = withExamples();
        symlinkSync(MAIN, path.join(ex, 'alias.titra'));
        const run = titra(cwd, 'compile', 'ex/alias.titra', '-o', 'out.json');
        expect(run.code, run.stderr).toBe(0);
        const provenance = (JSON.parse(readFileSync(path.join(cwd, 'out.json'), 'utf8')) as { provenance: { source: string } }).provenance;
        expect(provenance.source).toBe(`ex/${MAIN}`);
    });
});

describe('writers and git', () => {
    test('titra render -o onto a protocol library: refused like compile, the library unchanged', () => {
        const { cwd, ex } = withExamples();
        const library = path.join(ex, 'shared/imwg-crs.titra');
        const before = sha256(library);
        for (const args of [['render', `ex/${MAIN}`, '--md', '-o', 'ex/shared/imwg-crs.titra'], ['compile', `ex/${MAIN}`, '-o', 'ex/shared/imwg-crs.titra']]) {
            const run = titra(cwd, ...args);
            expect(run.code, args[0]).toBe(2);
            expect(run.stderr).toBe('titra: ex/shared/imwg-crs.titra: is a Titra source file and would be overwritten; choose another output file\n');
        }
        expect(sha256(library)).toBe(before);
    });

    test('titra diff --git=--output=FILE: the revision never reaches git as an option, nothing is written', () => {
        const { cwd } = withExamples();
        execFileSync('git', ['init', '-q'], { cwd });
        const run = titra(cwd, 'diff', '--git=--output=pwned.txt', `ex/${MAIN}`);
        expectNoCrash(run);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain("'--output=pwned.txt' is not a revision (a revision does not start with '-')");
        expect(listFiles(cwd).filter((f) => f.includes('pwned'))).toEqual([]);
    });
});

describe('hidden characters', () => {
    test.each([
        ['a right-to-left override (U+202E)', '\u202e', 'U+202E'],
        ['a bell (U+0007)', '\u0007', 'U+0007'],
        ['an escape (U+001B)', '\u001b', 'U+001B'],
        ['a C1 control (U+009B)', '\u009b', 'U+009B']
    ])('%s inside a string: check exits 1 with text/hidden-character at its line and column', (_, character, name) => {
        const { cwd, ex } = withExamples();
        const text = edit(readFileSync(path.join(ex, MAIN), 'utf8'), 'owner "Pharmacy and', `owner "Pharmacy${character} and`);
        writeFileSync(path.join(ex, 'hidden.titra'), text);
        const run = titra(cwd, 'check', 'ex/hidden.titra');
        expect(run.code).toBe(1);
        const { line, column } = positionOf(text, character);
        expect(run.stderr).toContain(`ex/hidden.titra:${line}:${column}: error [text/hidden-character] Invisible control or text-direction character (${name})`);
        // The quoted source line shows '?' in its place: the reviewer's terminal is not driven by it.
        expect(run.stderr).not.toContain(character);
        const textconv = titra(cwd, 'textconv', 'ex/hidden.titra');
        expect(textconv.code).toBe(0);
        expect(textconv.stdout).not.toContain(character);
    });

    test('a newline inside a string forges no line in textconv and breaks no row of the markdown diff', () => {
        const { cwd, ex } = withExamples();
        const forged = 'Pharmacy\nstep-up dose SUD9: dose 100 mg\n| forged | row |';
        const text = edit(readFileSync(path.join(ex, MAIN), 'utf8'), 'owner "Pharmacy and Therapeutics Committee"', `owner "${forged}"`);
        writeFileSync(path.join(ex, 'forged.titra'), text);
        const textconv = titra(cwd, 'textconv', 'ex/forged.titra');
        expect(textconv.code, textconv.stderr).toBe(0);
        expect(textconv.stdout.split('\n').filter((l) => l.startsWith('step-up dose SUD9'))).toEqual([]);
        const diff = titra(cwd, 'diff', `ex/${MAIN}`, 'ex/forged.titra', '--format', 'markdown');
        expect(diff.code, diff.stderr).toBe(1);
        expect(diff.stdout.split('\n').filter((l) => l.startsWith('| forged'))).toEqual([]);
    });

    test('a Cyrillic letter in a name: the message names its code point', () => {
        const { cwd, ex } = withExamples();
        const text = edit(readFileSync(path.join(ex, MAIN), 'utf8'), 'dose SUD1 0.06', 'dose SUD\u04301 0.06');
        writeFileSync(path.join(ex, 'homoglyph.titra'), text);
        const run = titra(cwd, 'check', 'ex/homoglyph.titra');
        expect(run.code).toBe(1);
        expectFindingText(run.stderr, 'ex/homoglyph.titra', text, '\u0430', 'error', 'syntax/lexing');
        expect(run.stderr).toContain("Unexpected character '\u0430' (U+0430 CYRILLIC SMALL LETTER A); it looks like a Latin letter but is not one: retype it.");
    });
});

describe('messages', () => {
    test.each(['check', 'compile', 'schema', 'diff', 'textconv', 'render', 'schedule', 'test', 'fmt'])('titra %s: --help and titra help give its usage, description and an example', (command) => {
        const cwd = workFolder();
        const flag = titra(cwd, command, '--help');
        expect(flag.code, flag.stderr).toBe(0);
        expect(flag.stdout).toMatch(new RegExp(`^Usage: titra ${command}`));
        expect(flag.stdout).toMatch(new RegExp(`\nExample:\n  titra ${command} `));
        const help = titra(cwd, 'help', command);
        expect(help.code).toBe(0);
        expect(help.stdout).toBe(flag.stdout);
        expect(listFiles(cwd)).toEqual([]);
    });

    test('titra help of an unknown command: exit 2', () => {
        const run = titra(workFolder(), 'help', 'frobnicate');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^titra: unknown command 'frobnicate'\n/);
    });

    test('--weight -5 says what is wrong with the weight; --weight 1e9 is refused by the plausible range', () => {
        const { cwd } = withExamples();
        const negative = titra(cwd, 'schedule', `ex/${MAIN}`, '--start', '2026-01-05', '--weight', '-5');
        expect(negative.code).toBe(2);
        expect(negative.stderr).toBe("titra: --weight must be a positive number, not '-5'\n");
        const huge = titra(cwd, 'schedule', `ex/${MAIN}`, '--start', '2026-01-05', '--weight', '1e9');
        expect(huge.code).toBe(2);
        expect(huge.stdout).toBe('');
        expect(huge.stderr).toMatch(/^titra: --weight 1e9 is outside the plausible weight of a patient, 2 to 500 kg \(OHDSI DataQualityDashboard.*\); give the patient's weight in kg\n$/);
        const tall = titra(cwd, 'schedule', `ex/${MAIN}`, '--start', '2026-01-05', '--weight', '70', '--height', '1700');
        expect(tall.code).toBe(2);
        expect(tall.stderr).toMatch(/^titra: --height 1700 is outside the plausible height of a patient, 20 to 250 cm/);
    });

    test('an events file holding an object instead of an array: says what it expected and found', () => {
        const { cwd } = withExamples();
        writeFileSync(path.join(cwd, 'events.json'), JSON.stringify({ type: 'held', dose: 'SUD2', on: '2026-01-08' }));
        const run = titra(cwd, 'schedule', `ex/${MAIN}`, '--start', '2026-01-05', '--weight', '70', '--events', 'events.json');
        expect(run.code).toBe(2);
        expect(run.stderr).toBe('titra: events.json: expected a JSON array of events, or an object with an "events" array; found an object without "events"\n');
    });

    test('an error on a 1 MB line: the excerpt is cut around the problem, not echoed whole', () => {
        const { cwd, ex } = withExamples();
        const text = edit(readFileSync(path.join(ex, MAIN), 'utf8'), 'owner "Pharmacy and Therapeutics Committee"', `owner "${'x'.repeat(2 ** 20)}" @`);
        writeFileSync(path.join(ex, 'long.titra'), text);
        const run = titra(cwd, 'check', 'ex/long.titra');
        expectNoCrash(run);
        expect(run.code).toBe(1);
        expect(run.stderr.length).toBeLessThan(20_000);
        const { line } = positionOf(text, '" @');
        expect(run.stderr).toMatch(new RegExp(`ex/long\\.titra:${line}:\\d+: error \\[syntax/lexing\\]`));
        expect(run.stderr).toContain(` ${line} | ...xxxxx`);
    });
});

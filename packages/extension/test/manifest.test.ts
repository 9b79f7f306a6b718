// Tests of the extension manifest: contributed commands and settings, and the $titra problem matcher against real `titra check` output.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const extension = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repository = path.resolve(extension, '../..');
const manifest = JSON.parse(readFileSync(path.join(extension, 'package.json'), 'utf8'));
const scratch = mkdtempSync(path.join(tmpdir(), 'titra-matcher-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('manifest', () => {
    it('activates on the titra language and points at the CommonJS bundle', () => {
        expect(manifest.activationEvents).toEqual(['onLanguage:titra']);
        expect(manifest.main).toBe('./dist/extension.cjs');
        expect(manifest.contributes.languages[0]).toMatchObject({ id: 'titra', extensions: ['.titra'], configuration: './language-configuration.json' });
    });

    it('contributes the three commands and two settings', () => {
        const titles = manifest.contributes.commands.map((c: { category: string; title: string }) => `${c.category}: ${c.title}`);
        expect(titles).toEqual(['Titra: Compile to order set', 'Titra: Preview schedule', 'Titra: Compare with git HEAD']);
        const settings = manifest.contributes.configuration.properties;
        expect(settings['titra.outputFolder'].default).toBe('');
        expect(settings['titra.examplePatientWeight'].default).toBe(70);
        expect(settings['titra.examplePatientHeight'].default).toBe(170);
        expect(settings['titra.inlayHints.enabled'].default).toBe(true);
    });

    it('its language configuration declares both comment styles', () => {
        const configuration = JSON.parse(readFileSync(path.join(extension, 'language-configuration.json'), 'utf8'));
        expect(configuration.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
    });
});

describe('packaging', () => {
    it('the .vsix holds only the bundles, the grammar, the language configuration, the icon, package.json, README and LICENSE', () => {
        // Build only when needed: server-requests.test.ts rebuilds dist/ and may run at the same time.
        if (!existsSync(path.join(extension, 'dist/server.cjs')) || !existsSync(path.join(extension, 'syntaxes/titra.tmLanguage.json'))) {
            execFileSync(process.execPath, ['build.mjs'], { cwd: extension, stdio: 'inherit' });
        }
        const vsce = path.join(repository, 'node_modules/@vscode/vsce/vsce');
        const listed = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: extension, encoding: 'utf8' });
        expect(listed.split('\n').filter((l) => l.trim() !== '').sort()).toEqual([
            'LICENSE', 'README.md', 'dist/extension.cjs', 'dist/server.cjs', 'images/icon.png', 'language-configuration.json', 'package.json',
            'syntaxes/titra.tmLanguage.json'
        ]);
    });
});

describe('$titra problem matcher', () => {
    it('matches every finding line that titra check prints, with file, position, severity, code and message', () => {
        const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'titra');
        const regexp = new RegExp(matcher.pattern.regexp);
        const file = path.join(scratch, 'broken.titra');
        writeFileSync(file, 'protocol X "x" {\n  version 1.0.0\n  agent teclistamab route subcut\n  step-up { dose A 5 mgg day 1 }\n}\n');
        const check = spawnSync(process.execPath, [path.join(repository, 'packages/cli/bin/titra.js'), 'check', file], { encoding: 'utf8' });
        const output = `${check.stdout}${check.stderr}`;
        const findings = output.split('\n').map((line) => regexp.exec(line)).filter((m): m is RegExpExecArray => m !== null);
        expect(findings.length, output).toBeGreaterThanOrEqual(2);
        const unit = findings.find((m) => m[matcher.pattern.code] === 'unit/unknown');
        expect(unit, output).toBeDefined();
        expect(unit![matcher.pattern.file]).toBe(file);
        expect([unit![matcher.pattern.line], unit![matcher.pattern.column]]).toEqual(['4', '22']);
        expect(unit![matcher.pattern.severity]).toBe('error');
        expect(unit![matcher.pattern.message]).toContain("'mgg' is not a unit");
        // The source excerpt under each finding is not mistaken for one.
        expect(findings.every((m) => !m[0].trimStart().startsWith('|'))).toBe(true);
    });
});

// Every example protocol compiles to its checked-in golden order set, valid against the contract, byte for byte.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ast, OrderSet } from '@titra/language';
import { describe, expect, test } from 'vitest';
import { compileLoaded, orderSetFileName } from '../packages/cli/src/commands/compile.js';
import { expandPaths, loadWorkspace } from '../packages/cli/src/workspace-loader.js';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(repository, 'examples');
const goldenFolder = path.join(examples, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

describe('compiled examples', async () => {
    const files = await expandPaths([examples]);
    const workspace = await loadWorkspace(files, { workspaceRoot: repository });
    const protocols = workspace.roots.filter((d) => ast.isProtocol(d.parseResult.value));

    test('the examples include protocols', () => {
        expect(protocols.length).toBeGreaterThan(0);
    });

    test('every example is free of errors and warnings', () => {
        const problems = workspace.all.flatMap((d) => (d.diagnostics ?? []).map((x) => `${path.relative(repository, d.uri.fsPath)}:${x.range.start.line + 1}: ${x.message}`));
        expect(problems).toEqual([]);
    });

    for (const document of protocols) {
        const name = orderSetFileName(document.uri.fsPath);
        test(`${name} matches its golden file and the titra.orderset/1 schema`, () => {
            const compile = () => {
                const result = compileLoaded(workspace, document, false);
                if (result.kind !== 'compiled') throw new Error(result.message);
                return result.json;
            };
            const compiled = compile();
            expect(OrderSet.safeParse(JSON.parse(compiled)).success).toBe(true);
            expect(compile()).toBe(compiled);
            const goldenPath = path.join(goldenFolder, name);
            if (update) writeFileSync(goldenPath, compiled);
            expect(compiled).toBe(readFileSync(goldenPath, 'utf8'));
        });
    }

    test('every golden file belongs to an example protocol', () => {
        const expected = protocols.map((d) => orderSetFileName(d.uri.fsPath)).sort();
        expect(readdirSync(goldenFolder).filter((f) => f.endsWith('.orderset.json')).sort()).toEqual(expected);
    });
});

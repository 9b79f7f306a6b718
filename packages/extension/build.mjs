// Builds the extension: bundles the extension and the language server (CommonJS) into dist/ and copies the generated TextMate grammar.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const grammar = '../language/syntaxes/titra.tmLanguage.json';
if (!existsSync(grammar)) {
    console.error(`${grammar} is missing: build the language package first (npm run build at the repository root).`);
    process.exit(1);
}
await mkdir('syntaxes', { recursive: true });
await copyFile(grammar, 'syntaxes/titra.tmLanguage.json');

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, logLevel: 'warning' };
await Promise.all([
    build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.cjs', external: ['vscode'] }),
    build({ ...common, entryPoints: [fileURLToPath(import.meta.resolve('@titra/language/server'))], outfile: 'dist/server.cjs' })
]);

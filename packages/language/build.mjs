// Bundles the language server into one CommonJS file for editors (and the VS Code extension host).
import { build } from 'esbuild';

await build({
    entryPoints: ['src/lsp/server.ts'],
    outfile: 'dist/server.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning'
});

// Bundles the titra command into one ESM file with esbuild.
import { build } from 'esbuild';

await build({
    entryPoints: ['src/main.ts'],
    outfile: 'dist/titra.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning',
    // The README's table of checks describes SARIF rules (src/check-descriptions.ts).
    loader: { '.md': 'text' },
    // ucum-lhc is CommonJS and calls require(); give the ESM bundle a require of its own.
    banner: { js: "import { createRequire as __titraCreateRequire } from 'node:module'; const require = __titraCreateRequire(import.meta.url);" }
});

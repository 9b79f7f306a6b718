// Bundles the benchmark with esbuild and runs it (npm run bench).
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'titra-bench-bundle-')), 'bench.mjs');
await build({
    entryPoints: [new URL('./bench.ts', import.meta.url).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'warning',
    define: { 'import.meta.dirname': JSON.stringify(path.dirname(new URL(import.meta.url).pathname)) },
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" }
});
await import(pathToFileURL(outfile).href);

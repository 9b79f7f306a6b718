// Writes the checked-in JSON Schemas (schema/*.schema.json) from the zod contracts of src/orderset/json-schema.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const packageFolder = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const bundleFolder = mkdtempSync(path.join(tmpdir(), 'titra-schemas-'));
const bundle = path.join(bundleFolder, 'json-schema.mjs');
try {
    // The contracts are TypeScript: bundle them with their dependencies into one temporary module, then load it.
    await build({
        entryPoints: [path.join(packageFolder, 'src/orderset/json-schema.ts')],
        outfile: bundle, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning'
    });
    const { CONTRACT_JSON_SCHEMAS } = await import(pathToFileURL(bundle).href);
    for (const [file, generate] of Object.entries(CONTRACT_JSON_SCHEMAS)) {
        writeFileSync(path.join(packageFolder, 'schema', file), `${JSON.stringify(generate(), null, 2)}\n`);
        console.log(`schema/${file}`);
    }
} finally {
    rmSync(bundleFolder, { recursive: true, force: true });
}

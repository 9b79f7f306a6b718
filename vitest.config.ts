// Test runner configuration for every package and the cross-package tests.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
    // Markdown imports are the file's text, as esbuild's text loader gives the CLI bundle (the README's table of checks).
    plugins: [{ name: 'markdown-text', transform: (code: string, id: string) => (id.endsWith('.md') ? `export default ${JSON.stringify(code)};` : undefined) }],
    // Test helpers of every test tree live in test/support and are imported as '#test-support/<module>.js' (also in tsconfig.json).
    resolve: {
        alias: [{ find: /^#test-support\/(.*)\.js$/, replacement: fileURLToPath(new URL('./test/support/$1.ts', import.meta.url)) }]
    },
    test: {
        include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
        exclude: ['**/node_modules/**', 'test/e2e/**'],
        // Checks that depend on today's date (review-by) see a fixed day, so the examples stay clean in later runs.
        env: { TITRA_TODAY: '2026-12-01' },
        testTimeout: 60_000,
        hookTimeout: 60_000
    }
});

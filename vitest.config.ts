// Test runner configuration for every package and the cross-package tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
        exclude: ['**/node_modules/**', 'test/e2e/**'],
        // Checks that depend on today's date (review-by) see a fixed day, so the examples stay clean in later runs.
        env: { TITRA_TODAY: '2026-12-01' },
        testTimeout: 60_000,
        hookTimeout: 60_000
    }
});

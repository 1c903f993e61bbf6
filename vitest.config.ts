import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'scripts/**/*.test.mjs'],
    // Two cores: files run in parallel, but each file's servers are small.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // In CI, also a JSON report, from which .ci/run prints its closing "N passed, N failed" line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.ci-results/vitest.json' },
  },
});

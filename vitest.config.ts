import { defineConfig } from 'vitest/config';

/** The contract and control-plane suites: run once through the node:http edge and once through the fetch edge. */
const BOTH_EDGES = ['test/users/**/*.test.ts', 'test/members/**/*.test.ts', 'test/core/**/*.test.ts', 'test/admin/**/*.test.ts', 'test/simulation/**/*.test.ts', 'test/journal/**/*.test.ts', 'test/answers/**/*.test.ts'];
/** Suites of those folders that talk raw HTTP (a socket of their own): the node edge only. */
const SOCKETS_ONLY = ['test/core/fuzz.test.ts'];

export default defineConfig({
  test: {
    // Two cores: files run in parallel, but each file's servers are small.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // In CI, also a JSON report, from which .ci/run prints its closing "N passed, N failed" line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.ci-results/vitest.json' },
    projects: [
      { extends: true, test: { name: 'node', include: ['test/**/*.test.ts', 'scripts/**/*.test.mjs'] } },
      { extends: true, test: { name: 'fetch', include: BOTH_EDGES, exclude: SOCKETS_ONLY, env: { WHOP_MOCK_TEST_EDGE: 'fetch' } } },
    ],
  },
});

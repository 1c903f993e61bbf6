import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: files run in parallel, but each file's servers are small.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { eventually } from '../support/raw-http.js';
import { startMock } from '../support/mock.js';

// What start-up loads, and what it leaves for later. Read from the module cache of this process
// (the in-process server shares it), so it needs no timing.
const cache = createRequire(import.meta.url).cache;
const loaded = (pkg: string) => Object.keys(cache).some((path) => path.includes(`/node_modules/${pkg}/`));

describe('start-up', () => {
  it('does not load Express, not even to serve /__mock', async () => {
    const server = await startMock({ loadPrism: 'on-demand' });
    try {
      expect((await fetch(`${server.url}/__mock/faults`)).status).toBe(200);
      expect((await fetch(`${server.url}/__mock/nowhere`)).status).toBe(404);
      expect(loaded('express')).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('loads Prism in the background once the server is quiet, with no request asking for it', async () => {
    const server = await startMock();
    try {
      expect(await eventually(() => loaded('@stoplight/prism-http'), 15_000, 50)).toBe(true);
    } finally {
      await server.close();
    }
  });
});

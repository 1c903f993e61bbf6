import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { startMock } from '../support/mock.js';

// A file of its own: Prism must not have been loaded in this process before (the module cache
// is per process, and vitest gives each file its own).
const cache = createRequire(import.meta.url).cache;
const loaded = (pkg: string) => Object.keys(cache).some((path) => path.includes(`/node_modules/${pkg}/`));

describe('a request that needs Prism before it is loaded', () => {
  it('waits for it and is answered, not refused', async () => {
    const server = await startMock({ loadPrism: 'on-demand' });
    try {
      expect(loaded('@stoplight/prism-http')).toBe(false);
      const reply = await fetch(`${server.url}/users/me`, { headers: { authorization: 'Bearer tok_user_alex_full', prefer: 'dynamic=true' } });
      expect(reply.status).toBe(200);
      const body = (await reply.json()) as { id: unknown; username: unknown };
      expect(typeof body.id).toBe('string');
      expect(typeof body.username).toBe('string');
      expect(loaded('@stoplight/prism-http')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('gets the path without a trailing slash (found by the fuzz: /users/ with dynamic=true answered 500)', async () => {
    const server = await startMock({ loadPrism: 'on-demand' });
    try {
      for (const path of ['/users/', '/members/?company_id=biz_pixelforge']) {
        const reply = await fetch(`${server.url}${path}`, { headers: { authorization: 'Bearer tok_key_pixelforge_full', prefer: 'dynamic=true' } });
        expect(reply.status, path).toBe(200);
        expect(Array.isArray(((await reply.json()) as { data: unknown }).data)).toBe(true);
      }
    } finally {
      await server.close();
    }
  });
});

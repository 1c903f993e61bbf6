import Whop from '@whop/sdk';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMock, type Mock } from '../../src/index.js';

// The mock mounted in a real Express 5 app (what a dev server or an existing backend runs), with
// the official SDK pointed at the mount path, and the app's own routes and body parser around it.
let mock: Mock;
let server: Server;
let base = '';

beforeAll(async () => {
  mock = await createMock();
  const app = express();
  app.use(express.json());
  app.get('/health', (_req, res) => void res.json({ app: 'ok' }));
  app.use('/whop', mock.middleware());
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await mock.close();
});

const sdk = (apiKey: string, session?: string) => new Whop({ apiKey, baseURL: `${base}/whop/api/v1`, maxRetries: 0, ...(session ? { defaultHeaders: { 'X-Mock-Session': session } } : {}) });

describe('mock.middleware() inside an Express 5 app', () => {
  it('serves the SDK at the mount path: retrieve, update (after express.json() read the body), read back, list', async () => {
    const alex = sdk('tok_user_alex_full', 'express-1');
    expect(await alex.users.retrieve('me')).toMatchObject({ id: 'user_alex123', username: 'alex' });
    expect(await alex.users.updateMe({ bio: 'Mounted under /whop' })).toMatchObject({ bio: 'Mounted under /whop' });
    expect((await alex.users.retrieve('me')).bio).toBe('Mounted under /whop');
    const page = await alex.users.list({ query: 'chen' });
    expect(page.data.map((user) => user.username)).toEqual(['maya-chen']);
  });

  it('answers errors in the Whop envelope, and the app keeps its own routes', async () => {
    await expect(sdk('tok_user_alex_full').users.retrieve('nobody-at-all')).rejects.toMatchObject({ status: 404, error: { error: { code: 'resource_not_found' } } });
    const missing = await fetch(`${base}/whop/api/v1/users/me`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ app: 'ok' });
  });

  it('serves the control plane below the mount path: the journal shows what the SDK sent, with its body', async () => {
    await sdk('tok_user_alex_full', 'express-2').users.updateMe({ name: 'Alex (mounted)' });
    const journal = await fetch(`${base}/whop/__mock/requests`, { headers: { 'x-mock-session': 'express-2' } });
    expect(journal.status).toBe(200);
    const entries = ((await journal.json()) as { data: Array<{ method: string; path: string; body: unknown; status: number }> }).data;
    expect(entries.map(({ method, path, status, body }) => ({ method, path, status, body }))).toEqual([{ method: 'PATCH', path: '/users/me', status: 200, body: { name: 'Alex (mounted)' } }]);
    expect(mock.session('express-2').requests()).toHaveLength(1);
  });
});

describe('mock.middleware() in an app without a body parser', () => {
  it('reads the body itself, and sends a browser at the mount path to the inspector below it', async () => {
    const own = await createMock();
    const app = express();
    app.use('/mock', own.middleware());
    const plain = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => plain.once('listening', resolve));
    const at = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/mock`;
    try {
      const updated = await new Whop({ apiKey: 'tok_user_alex_full', baseURL: `${at}/api/v1`, maxRetries: 0 }).users.updateMe({ bio: 'read by the middleware' });
      expect(updated.bio).toBe('read by the middleware');
      const page = await fetch(`${at}/`, { headers: { accept: 'text/html' }, redirect: 'manual' });
      expect([page.status, page.headers.get('location')]).toEqual([302, '/mock/__mock/']);
      const inspector = await fetch(`${at}/__mock/`, { headers: { accept: 'text/html' } });
      expect(await inspector.text()).toContain('src="./inspector.js"');
    } finally {
      await new Promise((resolve) => plain.close(resolve));
      await own.close();
    }
  });
});

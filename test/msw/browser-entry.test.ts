import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMock } from '../../src/index.js';
import { newUser } from '../admin/records.js';
import { SDK_DATE } from '../support/mock.js';
import { bundleSize, SIZE_BUDGET_BYTES } from '../../scripts/browser-size.mjs';

// whop-mock/browser as shipped (dist/browser/whop-mock.js, built by scripts/build-browser.mjs), run
// by Node with code generation from strings turned off, as a page under a strict
// Content-Security-Policy runs it: any eval or new Function in its path would throw.
const ROOT = join(import.meta.dirname, '..', '..');
const ENTRY = join(ROOT, 'dist/browser/whop-mock.js');

function runBundle(body: string): Record<string, any> {
  const script = `
    const { createMock, bundledFixtures } = await import(${JSON.stringify(ENTRY)});
    const out = {};
    const headers = { authorization: 'Bearer tok_user_alex_full', 'api-version-date': ${JSON.stringify(SDK_DATE)}, 'content-type': 'application/json' };
    const api = (mock, path, init = {}) => mock.fetch('https://api.whop.com/api/v1' + path, { ...init, headers: { ...headers, ...init.headers } })
      .then(async (r) => ({ status: r.status, body: await r.json() }));
    ${body}
    console.log(JSON.stringify(out));`;
  const run = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  // The tail only: an error's first line quotes a line of the minified bundle.
  expect(run.stderr.slice(-800)).toBe('');
  return JSON.parse(run.stdout) as Record<string, any>;
}

describe('whop-mock/browser (the shipped bundle) without code generation', () => {
  it('answers, pages, takes fault rules, seeds, generates dynamic data; bad input gets the Node mock\'s envelope', async () => {
    const out = runBundle(`
      const mock = await createMock();
      out.me = await api(mock, '/users/me');
      const first = await api(mock, '/users?first=2', { headers: { authorization: 'Bearer tok_user_alex_readonly' } });
      out.next = await api(mock, '/users?first=2&after=' + first.body.page_info.end_cursor, { headers: { authorization: 'Bearer tok_user_alex_readonly' } });
      out.first = first.body.data.map((u) => u.id);
      out.bad = await api(mock, '/users/me', { method: 'PATCH', body: JSON.stringify({ name: 42 }) });
      const session = mock.session('s');
      session.addFault({ operationId: 'retrieveUser', status: 403, times: 1 });
      out.faulted = (await api(mock, '/users/me', { headers: session.headers })).status;
      session.seedUser(${JSON.stringify(newUser())});
      out.seeded = (await api(mock, '/users/seeded-sam', { headers: session.headers })).body.name;
      out.dynamic = (await api(mock, '/users/me', { headers: { prefer: 'dynamic=true' } })).status;
      out.journal = session.requests().map((e) => [e.method, e.path, e.status]);
      await mock.close();`);
    expect(out.me).toMatchObject({ status: 200, body: { id: 'user_alex123', username: 'alex' } });
    expect(out.first).toHaveLength(2);
    expect(out.next.status).toBe(200);
    expect(out.next.body.data.map((u: { id: string }) => u.id)).not.toContain(out.first[1]);
    expect(out.faulted).toBe(403);
    expect(out.seeded).toBe('Seeded Sam');
    expect(out.dynamic).toBe(200);
    expect(out.journal).toEqual([['GET', '/users/me', 403], ['GET', '/users/seeded-sam', 200]]);
    const node = await createMock();
    const viaNode = await node.fetch('http://whop.test/api/v1/users/me', { method: 'PATCH', headers: { authorization: 'Bearer tok_user_alex_full', 'api-version-date': SDK_DATE, 'content-type': 'application/json' }, body: JSON.stringify({ name: 42 }) });
    expect(out.bad).toEqual({ status: viaNode.status, body: await viaNode.json() });
    await node.close();
  });

  it('takes fixtures as values, and names the kind, record and field of a bad one', () => {
    const out = runBundle(`
      const fixtures = bundledFixtures();
      const mine = await createMock({ fixtures: { ...fixtures, users: [...fixtures.users, ${JSON.stringify(newUser())}] } });
      out.added = (await api(mine, '/users/seeded-sam')).body.username;
      out.bundledUnchanged = (await api(await createMock(), '/users/seeded-sam')).status;
      out.dangling = await createMock({ fixtures: { users: fixtures.users } }).then(() => 'started', (e) => e.message);
      out.bad = await createMock({ fixtures: { ...fixtures, users: [{ ...fixtures.users[0], name: 42 }] } }).then(() => 'started', (e) => e.message);`);
    expect(out.added).toBe('seeded-sam');
    expect(out.bundledUnchanged).toBe(404);
    // A kind left out is empty, as a missing fixture file is: the users' files are gone with it.
    expect(out.dangling).toMatch(/refers to file "file_alexavatar", which is not in fixtures \(given to createMock\)\/files\.json/);
    expect(out.bad).toMatch(/^fixtures \(given to createMock\)\/users\.json: .*user_alex123.*\/name must be string/);
  });

  it('is within its size budget: the entry and its static chunks, gzipped, at most 400 KB', () => {
    const { entry, lazy } = bundleSize();
    expect(entry.files[0]).toBe('whop-mock.js');
    expect(entry.gzipped).toBeGreaterThan(20 * 1024);
    expect(entry.gzipped).toBeLessThanOrEqual(SIZE_BUDGET_BYTES);
    expect(lazy.files.length).toBeGreaterThan(0);
  });

  it('carries no faker, Prism, Redis client or Ajv compiler', () => {
    const inputs = JSON.parse(readFileSync(join(ROOT, 'dist/browser/gen/inputs.json'), 'utf8')) as string[];
    expect(inputs.some((input) => input.includes('dist/core/mock-core.js'))).toBe(true);
    expect(inputs.filter((input) => /@faker-js|@stoplight|ioredis|ajv\/dist\/(core|2020|compile)|node:/.test(input))).toEqual([]);
  });
});

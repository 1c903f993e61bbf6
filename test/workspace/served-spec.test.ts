import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { MockServer } from '../../src/index.js';
import { compileOperations } from '../../src/openapi/compile-operations.js';
import { servedDocument } from '../../src/openapi/served-document.js';
import { call, envelopeOf, startMock } from '../support/mock.js';

// GET /__mock/openapi/{version}: the document each version is enforced from, for Swagger UI,
// Postman or an SDK generator pointed at a running mock.
let server: MockServer;
beforeAll(async () => {
  server = await startMock();
});
afterAll(() => server.close());

describe('GET /__mock/openapi/{version}', () => {
  it('answers the bundled document of each version, with servers pointing at this mock', async () => {
    for (const version of ['2025-01-01', '2026-06-09']) {
      const reply = await call(server, { path: `/__mock/openapi/${version}` });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
      const source = parse(readFileSync(join(process.cwd(), 'specs', `${version}.yaml`), 'utf8'));
      expect(reply.body.servers).toEqual([
        { url: `${server.url}/api/v1`, description: expect.any(String) },
        { url: server.url, description: expect.any(String) },
      ]);
      expect(reply.body.paths).toEqual(source.paths);
      expect(reply.body.components).toEqual(source.components);
      expect(reply.body.info['x-api-version']).toBe(version);
    }
    const latest = await call(server, { path: '/__mock/openapi/2026-06-09' });
    expect(latest.body.info['x-api-version-dates']).toEqual(['2026-06-09', '2026-07-01', '2026-07-20']);
  });

  it('answers YAML at .yaml, the same document', async () => {
    const json = await call(server, { path: '/__mock/openapi/2026-06-09.json' });
    const res = await fetch(`${server.url}/__mock/openapi/2026-06-09.yaml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(parse(await res.text())).toEqual(json.body);
  });

  it('names the served versions for an unknown one', async () => {
    const reply = await call(server, { path: '/__mock/openapi/2024-01-01' });
    expect(reply.status).toBe(404);
    expect(envelopeOf(reply)).toMatchObject({ code: 'resource_not_found', param: 'version' });
    expect(envelopeOf(reply).message).toContain('2025-01-01, 2026-06-09');
  });

  it('obeys the admin token like every guarded endpoint', async () => {
    const guarded = await startMock({ adminToken: 'spec-secret' });
    try {
      expect((await call(guarded, { path: '/__mock/openapi/2025-01-01' })).status).toBe(401);
      expect((await call(guarded, { path: '/__mock/openapi/2025-01-01', headers: { authorization: 'Bearer spec-secret' } })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('a version that inherits operations gets them, with their components (renamed when the name is taken)', () => {
    const older = { openapi: '3.1.0', info: { title: 'a', version: '1' }, paths: { '/ping': { get: { operationId: 'ping', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pong' } } } } } } } }, components: { schemas: { Pong: { type: 'object', properties: { at: { type: 'string' } } } } } };
    const newer = { openapi: '3.1.0', info: { title: 'b', version: '2' }, paths: { '/pong': { get: { operationId: 'pong', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pong' } } } } } } } }, components: { schemas: { Pong: { type: 'string' } } } };
    const spec = compileOperations([
      { file: 'a.yaml', name: 'a.yaml', version: '2025-01-01', versionDates: ['2025-01-01'], document: older },
      { file: 'b.yaml', name: 'b.yaml', version: '2026-01-01', versionDates: ['2026-01-01'], document: newer },
    ]);
    const served = servedDocument(spec, '2026-01-01', 'http://127.0.0.1:4010') as { paths: Record<string, { get: { responses: { '200': { content: Record<string, { schema: unknown }> } } } }>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(served.paths).sort()).toEqual(['/ping', '/pong']);
    expect(served.paths['/ping']!.get.responses['200'].content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/Pong_2025-01-01' });
    expect(served.paths['/pong']!.get.responses['200'].content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/Pong' });
    expect(served.components.schemas).toEqual({ Pong: { type: 'string' }, 'Pong_2025-01-01': older.components.schemas.Pong });
    expect(servedDocument(spec, '2030-01-01', 'http://x')).toBeUndefined();
  });
});

describe('the rest of the workspace endpoints', () => {
  it('GET / from a browser redirects to the inspector; an API client still gets the 404 envelope', async () => {
    const browser = await fetch(`${server.url}/`, { headers: { accept: 'text/html,application/xhtml+xml' }, redirect: 'manual' });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/__mock/');
    const client = await call(server, { path: '/' });
    expect(client.status).toBe(404);
    expect(envelopeOf(client).code).toBe('route_not_found');
  });

  it('serves the inspector page with a strict content security policy, and reads its files only when asked', async () => {
    const page = await fetch(`${server.url}/__mock/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(await page.text()).toContain('<script type="module" src="./inspector.js">');
    const script = await fetch(`${server.url}/__mock/inspector.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('lists the live sessions and removes one fault rule by id', async () => {
    const session = server.session('workspace-faults');
    const first = session.addFault({ operationId: 'retrieveUser', status: 500 });
    const second = session.addFault({ operationId: 'listUsers', status: 500 });
    const names = (await call(server, { path: '/__mock/sessions' })).body.data.map((s: { name: string }) => s.name);
    expect(names).toContain('default');
    expect(names).toContain('workspace-faults');
    const removed = await call(server, { method: 'DELETE', path: `/__mock/faults/${first.id}`, headers: session.headers });
    expect(removed.body).toEqual({ deleted: 1 });
    expect(session.faults().map((rule) => rule.id)).toEqual([second.id]);
    const again = await call(server, { method: 'DELETE', path: `/__mock/faults/${first.id}`, headers: session.headers });
    expect(again.status).toBe(404);
    expect(envelopeOf(again)).toMatchObject({ code: 'mock_fault_not_found', param: 'id' });
  });
});

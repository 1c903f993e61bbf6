import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from '../support/raw-http.js';
import { copyOf, startMock } from '../support/mock.js';

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

  // Two steps in this order: the module cache is the process's, and Prism, once loaded, stays.
  it('never loads Prism with the bundled specs: every operation has a handler (dynamic=true does not need it)', async () => {
    const server = await startMock();
    try {
      expect(server.operations.every((op) => op.stateful)).toBe(true);
      const dynamic = await fetch(`${server.url}/users/me`, { headers: { authorization: 'Bearer tok_user_alex_full', prefer: 'dynamic=true' } });
      expect(dynamic.status).toBe(200);
      // Well past the quiet moment (250 ms) at which Prism would be loaded in the background.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(loaded('@stoplight/prism-http')).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('does not load Prism for an operation without a handler that the spec answers (its example, or generated data)', async () => {
    const specs = copyOf('specs');
    writeFileSync(join(specs, '2025-01-01.extra.yaml'), EXTRA);
    const server = await startMock({ specs });
    try {
      const plan = server.operations.find((op) => op.operationId === 'retrievePlan');
      expect([plan?.stateful, plan?.answeredBy]).toEqual([false, 'spec']);
      const reply = await fetch(`${server.url}/plans/plan_9`);
      expect([reply.status, await reply.json()]).toEqual([200, { id: 'plan_1' }]);
      const generated = await fetch(`${server.url}/plans/plan_9/price`);
      expect(generated.status).toBe(200);
      expect(typeof ((await generated.json()) as { amount: unknown }).amount).toBe('number');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(loaded('@stoplight/prism-http')).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('loads Prism in the background once the server is quiet, when an operation only Prism can answer exists (a text body)', async () => {
    const specs = copyOf('specs');
    writeFileSync(join(specs, '2025-01-01.extra.yaml'), EXTRA.replace('paths:', `paths:\n${TEXT_PATH}`));
    const server = await startMock({ specs });
    try {
      expect(server.operations.find((op) => op.operationId === 'retrieveReport')?.answeredBy).toBe('prism');
      expect(server.warnings.filter((w) => w.includes('Prism'))).toEqual([]);
      expect(await eventually(() => loaded('@stoplight/prism-http'), 15_000, 50)).toBe(true);
    } finally {
      await server.close();
    }
  });
});

const EXTRA = `openapi: 3.1.0
info: { title: Extra, version: '1' }
security: []
paths:
  /plans/{id}:
    get:
      operationId: retrievePlan
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { type: object }, example: { id: plan_1 } } }
  /plans/{id}/price:
    get:
      operationId: retrievePlanPrice
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200':
          description: no example, a schema to generate from
          content: { application/json: { schema: { type: object, required: [amount], properties: { amount: { type: number } } } } }
`;

const TEXT_PATH = `  /reports/{id}:
    get:
      operationId: retrieveReport
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: a CSV report, content: { text/csv: { schema: { type: string }, example: 'id,total' } } }`;

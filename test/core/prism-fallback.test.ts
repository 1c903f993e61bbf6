import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, copyOf, envelopeOf, LATEST, startMock } from '../support/mock.js';

// A further Whop-style document dropped beside ours: its version comes from its file name.
const EXTRA = `openapi: 3.1.0
info: { title: Extra, version: '1' }
security: []
paths:
  /companies/{id}:
    get:
      operationId: retrieveCompany
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      security: [{ bearerAuth: ['member:basic:read'] }]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Company' }
              examples:
                pixel: { value: { id: biz_pixelforge, title: PixelForge, route: pixelforge, x_internal: drop-me } }
        '401': { description: no, content: { application/json: { schema: { $ref: '#/components/schemas/Err' } } } }
        '403': { description: no, content: { application/json: { schema: { $ref: '#/components/schemas/Err' } } } }
  /plans/{id}:
    get:
      operationId: retrievePlan
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, required: [id, price], properties: { id: { type: string }, price: { type: number } } }
              example: { id: plan_1, price: 'twelve dollars' }
  /reports/{id}:
    get:
      operationId: retrieveReport
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: a CSV report, content: { text/csv: { schema: { type: string }, example: 'id,total' } } }
  /limits:
    get:
      operationId: retrieveLimits
      responses:
        '200':
          description: a schema no body satisfies, and no example
          content: { application/json: { schema: { type: object, required: [n], properties: { n: { type: integer, minimum: 5, maximum: 1 } } } } }
components:
  securitySchemes: { bearerAuth: { type: http, scheme: bearer } }
  schemas:
    Company:
      type: object
      required: [id, title, route]
      additionalProperties: true
      properties: { id: { type: string }, title: { type: string }, route: { type: string } }
    Err:
      type: object
      required: [error]
      properties: { error: { type: object, required: [type, message], properties: { type: { type: string }, message: { type: string }, code: { type: [string, 'null'] }, param: { type: [string, 'null'] } } } }
`;

let server: MockServer;
beforeAll(async () => {
  const specs = copyOf('specs');
  writeFileSync(join(specs, '2025-01-01.extra.yaml'), EXTRA);
  server = await startMock({ specs });
});
afterAll(() => server.close());

describe('operations without a stateful handler are answered from the spec, else by Prism, through our validation', () => {
  it('lists them as spec-served, in their version and inherited by the newer one; Prism only where the spec cannot answer', () => {
    const spec = server.operations.filter((op) => op.operationId === 'retrieveCompany');
    expect(spec.map((op) => [op.version, op.stateful, op.answeredBy])).toEqual([
      ['2025-01-01', false, 'spec'],
      [LATEST, false, 'spec'],
    ]);
    expect(server.operations.filter((op) => op.answeredBy === 'prism').map((op) => op.operationId)).toEqual(['retrieveReport', 'retrieveReport']);
  });

  it('a body in another media type than JSON comes from Prism (the spec example)', async () => {
    const reply = await call(server, { path: '/reports/r_1' });
    expect([reply.status, reply.body]).toEqual([200, 'id,total']);
  });

  it('a schema no generated body satisfies (and no example) is handed to Prism, whose answer is validated like any other', async () => {
    const reply = await call(server, { path: '/limits' });
    expect(reply.status).toBe(500);
    expect(envelopeOf(reply)).toMatchObject({ type: 'mock_contract_violation', param: '/n' });
  });

  it.each([null, LATEST])('answers from the spec example (version %s)', async (version) => {
    const reply = await call(server, { path: '/api/v1/companies/biz_pixelforge', token: 'tok_key_pixelforge_full', version });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: 'biz_pixelforge', title: 'PixelForge', route: 'pixelforge' });
  });

  it('still authenticates: unknown token 401, missing scope 403, in the envelope', async () => {
    expect((await call(server, { path: '/companies/biz_x', token: 'nope' })).status).toBe(401);
    const denied = await call(server, { path: '/companies/biz_x', token: 'tok_user_alex_full' });
    expect(denied.status).toBe(403);
    expect(envelopeOf(denied).param).toBe('member:basic:read');
  });

  it('never sends a spec example that breaks its own schema: strict turns it into a 500', async () => {
    const reply = await call(server, { path: '/plans/plan_1' });
    expect(reply.status).toBe(500);
    expect(envelopeOf(reply)).toMatchObject({ type: 'mock_contract_violation', param: '/price' });
  });
});

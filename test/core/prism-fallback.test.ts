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

describe('operations without a stateful handler are answered by Prism, through our validation', () => {
  it('lists them as Prism-served, in their version and inherited by the newer one', () => {
    const prism = server.operations.filter((op) => op.operationId === 'retrieveCompany');
    expect(prism.map((op) => [op.version, op.stateful])).toEqual([
      ['2025-01-01', false],
      [LATEST, false],
    ]);
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

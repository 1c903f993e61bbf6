import { bundle, createConfig } from '@redocly/openapi-core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createHandlers } from '../../src/domain/create-handlers.js';
import { handlerStatuses } from '../../src/domain/handler-statuses.js';
import { CursorCodec } from '../../src/domain/paginate.js';
import type { MockServer } from '../../src/index.js';
import { compileOperations } from '../../src/openapi/compile-operations.js';
import { loadSpecs } from '../../src/bundle/spec-files.js';
import { undeclaredStatuses } from '../../src/bundle/undeclared-statuses.js';
import { call, copyOf, envelopeOf, startMock } from '../support/mock.js';

// A user's document that declares security but only its success response (a common first draft).
const SPARSE = `openapi: 3.1.0
info: { title: Sparse, version: '1' }
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
          content: { application/json: { schema: { type: object }, example: { id: biz_pixelforge } } }
  /ping:
    get:
      operationId: ping
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object }, example: { ok: true } } } }
        default: { description: any error, content: { application/json: { schema: { type: object } } } }
components:
  securitySchemes: { bearerAuth: { type: http, scheme: bearer } }
`;

const handlers = new Set(Object.keys(createHandlers(new CursorCodec('k'))));

describe('statuses the mock may answer that an operation does not declare', () => {
  it('every stateful handler says which error statuses it answers itself', () => {
    expect(new Set(Object.keys(handlerStatuses))).toEqual(handlers);
  });

  it('the bundled specs declare every one of them: no warning', () => {
    expect(undeclaredStatuses(compileOperations(loadSpecs('specs')), handlerStatuses, handlers)).toEqual([]);
  });

  it('a stateful operation redefined without its handler\'s statuses is found, with why', () => {
    const specs = copyOf('specs');
    const file = join(specs, '2026-06-09.yaml');
    const document = parse(readFileSync(file, 'utf8')) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    delete document.paths['/users/{id}']?.patch?.responses['422'];
    writeFileSync(file, JSON.stringify(document));
    const found = undeclaredStatuses(compileOperations(loadSpecs(specs)), handlerStatuses, handlers);
    expect(found.map((f) => [f.operation.operationId, f.operation.version, f.statuses])).toEqual([
      ['updateUser', '2026-06-09', [{ status: 422, why: 'the stateful handler' }]],
    ]);
  });
});

describe('a custom spec that declares too little: warned at start, strict mode unchanged', () => {
  let strict: MockServer;
  let warn: MockServer;
  const logged: string[] = [];
  beforeAll(async () => {
    const specs = copyOf('specs');
    writeFileSync(join(specs, '2025-01-01.sparse.yaml'), SPARSE);
    [strict, warn] = await Promise.all([
      startMock({ specs, logLevel: 'warn', log: (line) => logged.push(line) }),
      startMock({ specs, validateResponses: 'warn' }),
    ]);
  });
  afterAll(() => Promise.all([strict.close(), warn.close()]));

  it('warns once per such operation, naming the file, the statuses and what to do', () => {
    expect(strict.warnings).toHaveLength(1);
    const [warning] = strict.warnings;
    expect(warning).toContain('2025-01-01.sparse.yaml: GET /companies/{id} (retrieveCompany, version 2025-01-01) does not declare 400, 401, 403, 500');
    expect(warning).toContain('401: a missing or unknown token; 403: a token without member:basic:read');
    expect(warning).toContain('Declare the statuses (or a 4XX / default response), or start with --validate-responses warn.');
    const lines = logged.map((line) => JSON.parse(line) as { level: string; msg: string }).filter((line) => line.msg === warning);
    expect(lines).toEqual([expect.objectContaining({ level: 'warn' })]);
  });

  it('strict mode still answers an unauthenticated call with the 500 contract violation', async () => {
    const reply = await call(strict, { path: '/companies/biz_pixelforge' });
    expect(reply.status).toBe(500);
    expect(envelopeOf(reply)).toMatchObject({ type: 'mock_contract_violation' });
    expect(envelopeOf(reply).message).toContain('status 401 is not declared for this operation');
  });

  it('with --validate-responses warn the 401 goes through, flagged', async () => {
    const reply = await call(warn, { path: '/companies/biz_pixelforge' });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('x-mock-contract-violation')).toContain('status 401 is not declared');
  });

  it('with validateResponses off there is nothing to warn about', async () => {
    const specs = copyOf('specs');
    writeFileSync(join(specs, '2025-01-01.sparse.yaml'), SPARSE);
    const off = await startMock({ specs, validateResponses: 'off' });
    try {
      expect(off.warnings).toEqual([]);
    } finally {
      await off.close();
    }
  });
});

describe('external $refs: bundle first', () => {
  // A document split over two files, the way a team keeps a large spec.
  const ROOT = `openapi: 3.1.0
info: { title: Split, version: '1' }
paths:
  /things/{id}:
    get:
      operationId: retrieveThing
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { $ref: './components.yaml#/Thing' }, example: { id: thing_1 } } }
        default: { description: any error, content: { application/json: { schema: { type: object } } } }
`;
  const COMPONENTS = `Thing: { type: object, required: [id], additionalProperties: false, properties: { id: { type: string } } }\n`;

  function splitSpec(): { specs: string; root: string } {
    const specs = copyOf('specs');
    const parts = mkdtempSync(join(tmpdir(), 'whop-mock-split-'));
    writeFileSync(join(parts, '2025-01-01.split.yaml'), ROOT);
    writeFileSync(join(parts, 'components.yaml'), COMPONENTS);
    return { specs, root: join(parts, '2025-01-01.split.yaml') };
  }

  it('an unbundled document stops start-up, saying how to bundle it', async () => {
    const { specs, root } = splitSpec();
    writeFileSync(join(specs, '2025-01-01.split.yaml'), readFileSync(root, 'utf8'));
    await expect(startMock({ specs })).rejects.toThrow(/2025-01-01\.split\.yaml: GET \/things\/\{id\} \(retrieveThing\).*external \$refs must be bundled .*npx @redocly\/cli bundle in\.yaml -o out\.yaml/);
  });

  it('bundled with Redocly (what `redocly bundle` runs), the same document is served', async () => {
    const { specs, root } = splitSpec();
    const { bundle: bundled } = await bundle({ ref: root, config: await createConfig({}) });
    writeFileSync(join(specs, '2025-01-01.split.yaml'), JSON.stringify(bundled.parsed));
    const server = await startMock({ specs });
    try {
      const reply = await call(server, { path: '/things/thing_1' });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ id: 'thing_1' });
    } finally {
      await server.close();
    }
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valueAt } from '../../src/kernel/json-pointer.js';
import type { JournalEntry } from '../../src/state/journal/journal-entry.js';
import { JournalBudget } from '../../src/state/journal/journal-budget.js';
import { MemoryJournal } from '../../src/state/journal/memory-journal.js';
import type { MockServer } from '../../src/index.js';
import { call, copyOf, editFile, envelopeOf, startMock } from '../support/mock.js';

// What the journal keeps so a failing test can be understood from its entry alone: the answer a
// contract violation replaced and every error in it (each placed in the served spec), the
// headers the response went out with, and which fault rule (and step) answered.

/** The original User may have neither a name nor a bio starting with "Broken": a PATCH setting both breaks two rules. */
function brokenSpecs(): string {
  const specs = copyOf('specs');
  editFile(join(specs, '2025-01-01.yaml'), (text) =>
    text
      .replace(/(    User:\n(?:.*\n)*?        name:\n)/, '$1          not: { type: string, pattern: "^Broken" }\n')
      .replace(/(    User:\n(?:.*\n)*?        bio:\n)/, '$1          not: { type: string, pattern: "^Broken" }\n'),
  );
  return specs;
}

const TOKEN = 'tok_user_alex_full';
const breakBoth = { method: 'PATCH', path: '/users/me', token: TOKEN, body: { name: 'Broken Name', bio: 'Broken bio' } };

describe('a contract violation keeps its evidence', () => {
  let strict: MockServer;
  let warn: MockServer;
  beforeAll(async () => {
    const specs = brokenSpecs();
    [strict, warn] = await Promise.all([startMock({ specs }), startMock({ specs, validateResponses: 'warn' })]);
  });
  afterAll(() => Promise.all([strict.close(), warn.close()]));

  it('strict: the journal keeps the answer that broke the spec and every error, each with its pointer into the served spec', async () => {
    const session = strict.session('evidence');
    const reply = await call(strict, { ...breakBoth, headers: session.headers });
    expect(reply.status).toBe(500);
    expect(envelopeOf(reply).type).toBe('mock_contract_violation');
    const [entry] = session.requests() as JournalEntry[];
    expect(entry?.response_body).toEqual(reply.body);
    expect(entry?.withheld_response).toMatchObject({ status: 200, body: { id: 'user_alex123', name: 'Broken Name', bio: 'Broken bio' }, body_truncated: false });
    expect(entry?.withheld_response?.body_size).toBe(Buffer.byteLength(JSON.stringify(entry?.withheld_response?.body)));
    const validation = entry?.validation;
    if (validation?.valid !== false) throw new Error('expected a violation');
    expect(validation.error_count).toBe(2);
    expect(validation.errors.map((error) => [error.pointer, error.schema_pointer])).toEqual([
      ['/name', '#/components/schemas/User/properties/name/not'],
      ['/bio', '#/components/schemas/User/properties/bio/not'],
    ]);
    // Each pointer names the keyword in the document GET /__mock/openapi/{version} serves.
    const served = (await call(strict, { path: '/__mock/openapi/2025-01-01' })).body;
    for (const error of validation.errors) expect(valueAt(served, (error.schema_pointer ?? '').slice(1))).toEqual({ type: 'string', pattern: '^Broken' });
  });

  it('warn: the answer went out, so nothing is withheld; the errors and the violation header are journaled', async () => {
    const session = warn.session('evidence');
    const reply = await call(warn, { ...breakBoth, headers: session.headers });
    expect(reply.status).toBe(200);
    const [entry] = session.requests() as JournalEntry[];
    expect(entry?.withheld_response).toBeNull();
    expect(entry?.validation).toMatchObject({ valid: false, error_count: 2 });
    expect(entry?.response_headers['x-mock-contract-violation']).toBe(reply.headers.get('x-mock-contract-violation'));
  });

  it('an error nested in a referenced schema is placed in that schema; the happy path journals no errors', async () => {
    const session = strict.session('nested');
    // Not a violation: valid answers keep {"valid":true} only.
    await call(strict, { path: '/users/me', token: TOKEN, headers: session.headers });
    expect(session.requests()[0]?.validation).toEqual({ valid: true });
  });
});

describe('response headers are journaled as sent', () => {
  let server: MockServer;
  beforeAll(async () => {
    // warn: the specs declare no 429, which strict mode would turn into a 500.
    server = await startMock({ validateResponses: 'warn' });
  });
  afterAll(() => server.close());

  it('CORS, type, length, version and session, as the client received them', async () => {
    const session = server.session('headers');
    const reply = await call(server, { path: '/users/me', token: TOKEN, version: '2026-06-09', headers: { ...session.headers, origin: 'http://localhost:5173' } });
    const [entry] = session.requests() as JournalEntry[];
    const sent = Object.fromEntries(reply.headers);
    for (const name of ['access-control-allow-origin', 'access-control-expose-headers', 'vary', 'content-type', 'content-length', 'api-version-date', 'x-mock-session']) {
      expect([name, entry?.response_headers[name]]).toEqual([name, sent[name]]);
    }
    expect(entry?.response_headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it("a fault's Retry-After, and the rule and step that answered", async () => {
    const session = server.session('retry');
    const rule = session.addFault({ operationId: 'retrieveUser', sequence: [{ status: 500 }, { pass: true }] });
    session.addFault({ status: 429, times: 1 });
    expect((await call(server, { path: '/users/me', token: TOKEN, headers: session.headers })).status).toBe(500);
    expect((await call(server, { path: '/users/me', token: TOKEN, headers: session.headers })).status).toBe(200);
    const limited = await call(server, { path: '/users/me', token: TOKEN, headers: session.headers });
    expect(limited.status).toBe(429);
    const entries = session.requests() as JournalEntry[];
    expect(entries.map((entry) => [entry.status, entry.fault_id, entry.fault_step])).toEqual([
      [500, rule.id, 0],
      [200, rule.id, 1],
      [429, 'flt_2', null],
    ]);
    expect(entries[2]?.response_headers['retry-after']).toBe('1');
  });

  it('redacts secret-named response headers by the same rules as request headers', () => {
    const journal = new MemoryJournal({ entries: 10, sessionBytes: 1 << 20, bodyBytes: 1024, isSecret: () => false }, new JournalBudget(1 << 20));
    journal.record({
      receivedAt: 0, method: 'GET', path: '/users/me', search: '', query: null, headers: {}, rawBody: undefined, bodyJson: undefined, tokenKind: () => undefined,
      operationId: null, template: null, version: null, status: 200, responsePayload: '{}', validation: null, faultId: null, durationMs: 1,
      responseHeaders: { 'set-cookie': ['sid=session-secret-value-1234'], 'x-api-key': 'key_live_abcdefgh5678', 'retry-after': '1' },
    });
    const entry = JSON.parse(journal.page({}, { limit: 1, maxBytes: 1 << 20 }).entries[0] as string) as JournalEntry;
    expect(entry.response_headers).toEqual({ 'set-cookie': ['[redacted …1234]'], 'x-api-key': '[redacted …5678]', 'retry-after': '1' });
  });
});

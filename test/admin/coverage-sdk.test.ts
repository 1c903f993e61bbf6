import { readFileSync, writeFileSync } from 'node:fs';
import Whop from '@whop/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageReport, MockServer, OperationCoverage } from '../../src/index.js';
import { call, fetchOf, startMock } from '../support/mock.js';

// A consumer's test suite, written as users write theirs (the official @whop/sdk), run against the
// mock; every request it sends is recorded on its way out. The coverage report must then say
// exactly what those requests were: recounted here from the recording and the served OpenAPI
// documents, without the mock's code. `npm run docs:coverage-example` runs this file with
// COVERAGE_EXAMPLE_OUT set, and the Markdown report it checks becomes docs/coverage-example.md.

interface Sent {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: unknown;
  readonly status: number;
  readonly response: unknown;
  /** The suite forced this answer (Prefer, a fault rule). */
  readonly forced: boolean;
}

const kinds = new Map((JSON.parse(readFileSync('fixtures/tokens.json', 'utf8')) as { token: string; kind: string }[]).map((t) => [t.token, t.kind]));

let server: MockServer;
const sent: Sent[] = [];
let forcing = false;

/** The SDK as a consumer configures it, through a fetch that records each exchange. */
function sdk(apiKey: string, options: { version?: string } = {}): Whop {
  const recording = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const text = await request.clone().text();
    const response = await fetchOf(server)(request);
    const answer = await response.clone().text();
    sent.push({ method: request.method, url: new URL(request.url), headers: request.headers, body: text ? JSON.parse(text) : undefined, status: response.status, response: answer ? JSON.parse(answer) : undefined, forced: forcing });
    return response;
  };
  return new Whop({ apiKey, maxRetries: 0, baseURL: `${server.url}/api/v1`, fetch: recording as typeof fetch, ...options });
}

/** The consumer's suite: what a typical app's tests do with the Users and Members API. */
async function consumerSuite(): Promise<void> {
  const alex = sdk('tok_user_alex_full');
  expect(await alex.users.retrieve('me')).toMatchObject({ id: 'user_alex123' });
  // The same read again (the mock answers it from its memo: still counted).
  expect(await alex.users.retrieve('me')).toMatchObject({ id: 'user_alex123' });
  await expect(alex.users.retrieve('nobody-at-all')).rejects.toBeInstanceOf(Whop.NotFoundError);
  const jonas = sdk('tok_user_jonas_update');
  expect(await jonas.users.update('user_jonasW8', { name: 'Jonas W.', bio: 'Hi' })).toMatchObject({ name: 'Jonas W.' });
  expect((await jonas.users.updateMe({ bio: 'Hello again' })).bio).toBe('Hello again');
  const pixelforge = sdk('tok_key_pixelforge_full');
  expect((await pixelforge.users.update('user_hanaS4t', { account_id: 'biz_pixelforge', name: 'Hana @ PixelForge' })).name).toBe('Hana @ PixelForge');
  const ids: string[] = [];
  for await (const user of sdk('tok_user_alex_readonly').users.list({ first: 5 })) ids.push(user.id);
  expect(ids.length).toBeGreaterThan(5);
  await expect(sdk('tok_user_alex_readonly').users.updateMe({ name: 'x' })).rejects.toBeInstanceOf(Whop.PermissionDeniedError);
  await expect(sdk('tok_not_real').users.retrieve('me')).rejects.toBeInstanceOf(Whop.AuthenticationError);
  await expect(sdk('tok_user_maya_update').users.updateMe({ name: 'Someone Else' })).rejects.toBeInstanceOf(Whop.UnprocessableEntityError);
  expect((await pixelforge.members.list({ first: 6 })).data).toHaveLength(6);
  expect(await sdk('tok_key_northwind_full').members.retrieve('mber_nw02alex')).toMatchObject({ id: 'mber_nw02alex' });
  // Another account's member is not found; a token without member:basic:read is refused.
  await expect(pixelforge.members.retrieve('mber_nw02alex')).rejects.toBeInstanceOf(Whop.NotFoundError);
  await expect(alex.members.retrieve('mber_nw02alex')).rejects.toBeInstanceOf(Whop.PermissionDeniedError);
  expect(await sdk('tok_app_pixelforge').users.checkAccess('exp_pfstudio', { id: 'user_maya7Kd2' })).toMatchObject({ has_access: true });
  // The original version, as an app pinned to it.
  expect(await sdk('tok_user_alex_full', { version: '2025-01-01' }).users.retrieve('user_maya7Kd2')).toMatchObject({ id: 'user_maya7Kd2' });
  // What the suite forces: a 500 by Prefer, a 404 by a fault rule.
  forcing = true;
  await expect(alex.users.retrieve('me', null, { headers: { Prefer: 'code=500' } })).rejects.toBeInstanceOf(Whop.InternalServerError);
  await server.sessionAsync('default').addFault({ operationId: 'retrieveMember', status: 404, times: 1 });
  await expect(sdk('tok_key_northwind_full').members.retrieve('mber_nw02alex')).rejects.toBeInstanceOf(Whop.NotFoundError);
  forcing = false;
  // A date no version lists: refused before any version is chosen.
  await expect(sdk('tok_user_alex_full', { version: '2026-01-15' }).users.retrieve('me')).rejects.toBeInstanceOf(Whop.BadRequestError);
}

// ---- the recount, from the recording and the served documents alone ----

type Doc = { paths: Record<string, Record<string, { operationId: string; parameters?: unknown[]; requestBody?: unknown; responses: Record<string, unknown>; security?: unknown[] }>>; components: Record<string, Record<string, unknown>> };

function resolve(doc: Doc, node: unknown): Record<string, unknown> {
  const ref = (node as { $ref?: string }).$ref;
  if (ref === undefined) return node as Record<string, unknown>;
  const [, , section, name] = ref.split('/');
  return resolve(doc, doc.components[section as string]?.[name as string]);
}

/** Each operation of a served document: method, path template, declared statuses and fields. */
function operationsOf(doc: Doc) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => {
      const params = (op.parameters ?? []).map((p) => resolve(doc, p) as { name: string; in: string });
      const bodySchema = op.requestBody === undefined ? undefined : resolve(doc, (resolve(doc, op.requestBody) as { content: Record<string, { schema: unknown }> }).content['application/json']?.schema);
      const fields = [
        ...params.filter((p) => p.in === 'query').map((p) => ({ in: 'query', name: p.name })),
        ...params.filter((p) => p.in === 'header').map((p) => ({ in: 'header', name: p.name.toLowerCase() })),
        ...Object.keys((bodySchema?.properties as object | undefined) ?? {}).map((name) => ({ in: 'body', name })),
      ];
      const template = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      return { operationId: op.operationId, method: method.toUpperCase(), path, template, statuses: Object.keys(op.responses), fields, secured: (op.security ?? []).length > 0 };
    }),
  );
}

/** What the report must say of the operations the recording reached, recounted. */
function recount(documents: Map<string, Doc>, dates: Record<string, string>) {
  const rows = new Map<string, { requests: number; statuses: Map<string, { seen: number; forced: number }>; codes: Record<string, number>; fields: Map<string, number>; tokens: Record<string, number>; followed: number; first: number }>();
  const unrouted: Record<string, number> = {};
  for (const exchange of sent) {
    const version = dates[exchange.headers.get('api-version-date') ?? '2025-01-01'];
    const path = exchange.url.pathname.replace(/^\/api\/v1/, '');
    const code = (exchange.response as { error?: { code?: string } } | undefined)?.error?.code;
    if (version === undefined) {
      unrouted[code ?? 'none'] = (unrouted[code ?? 'none'] ?? 0) + 1;
      continue;
    }
    const ops = operationsOf(documents.get(version) as Doc).filter((op) => op.method === exchange.method && op.template.test(path));
    // A literal path (/users/me) wins over a template (/users/{id}), as in any router.
    const op = ops.find((o) => !o.path.includes('{')) ?? ops[0];
    if (op === undefined) throw new Error(`the recount has no operation for ${exchange.method} ${path}`);
    const key = `${version} ${op.operationId}`;
    const row = rows.get(key) ?? { requests: 0, statuses: new Map(op.statuses.map((s) => [s, { seen: 0, forced: 0 }])), codes: {}, fields: new Map(op.fields.map((f) => [`${f.in} ${f.name}`, 0])), tokens: op.secured ? { user_oauth_token: 0, account_api_key: 0, app_api_key: 0 } : {}, followed: 0, first: 0 };
    rows.set(key, row);
    row.requests += 1;
    const cell = row.statuses.get(String(exchange.status));
    if (cell === undefined) throw new Error(`status ${exchange.status} is not declared for ${key}`);
    cell.seen += 1;
    if (exchange.forced) cell.forced += 1;
    if (code !== undefined) row.codes[code] = (row.codes[code] ?? 0) + 1;
    const token = (exchange.headers.get('authorization') ?? '').replace(/^Bearer /, '');
    const kind = kinds.get(token) ?? 'unknown';
    row.tokens[kind] = (row.tokens[kind] ?? 0) + 1;
    const names = new Set([...exchange.url.searchParams.keys()].map((k) => k.replace(/\[\]$/, '')));
    for (const f of op.fields) {
      const wasSent = f.in === 'query' ? names.has(f.name) : f.in === 'header' ? exchange.headers.has(f.name) : exchange.body !== undefined && Object.hasOwn(exchange.body as object, f.name);
      if (wasSent) row.fields.set(`${f.in} ${f.name}`, (row.fields.get(`${f.in} ${f.name}`) ?? 0) + 1);
    }
    if (exchange.status === 200) {
      if (names.has('after') || names.has('before')) row.followed += 1;
      else row.first += 1;
    }
  }
  return { rows, unrouted };
}

describe('coverage of a consumer suite run through @whop/sdk', () => {
  let report: CoverageReport;
  let documents: Map<string, Doc>;
  beforeAll(async () => {
    server = await startMock();
    await consumerSuite();
    report = await server.coverage();
    documents = new Map();
    for (const version of server.versions) documents.set(version, (await call(server, { path: `/__mock/openapi/${version}` })).body as Doc);
  });
  afterAll(() => server?.close());

  it('counts every request the suite sent, and only those', () => {
    expect(sent.length).toBeGreaterThan(20);
    expect(report.summary.requests).toBe(sent.length);
    expect(report.session).toBeNull();
  });

  it('says, per operation and version, exactly what the recording shows: statuses (forced ones marked), error codes, fields sent, token kinds and pages', () => {
    const { rows } = recount(documents, server.versionDates);
    const called = report.operations.filter((op) => op.called);
    expect(called.map((op) => `${op.version} ${op.operationId}`).sort()).toEqual([...rows.keys()].sort());
    for (const op of called) {
      const row = rows.get(`${op.version} ${op.operationId}`);
      const expected: Partial<OperationCoverage> = {
        requests: row?.requests,
        dropped: 0,
        statuses: [...(row?.statuses ?? [])].map(([status, { seen, forced }]) => ({ status, declared: true, seen, forced })),
        unexercised: [...(row?.statuses ?? [])].filter(([, cell]) => cell.seen === 0).map(([status]) => status),
        error_codes: Object.fromEntries(Object.entries(row?.codes ?? {}).sort(([a], [b]) => a.localeCompare(b))),
        fields: [...(row?.fields ?? [])].map(([label, n]) => ({ in: label.split(' ')[0] as 'query', name: label.split(' ')[1] as string, sent: n })),
        token_kinds: row?.tokens,
      };
      expect(op, `${op.version} ${op.operationId}`).toMatchObject(expected);
      if (op.pages !== null) expect(op.pages).toEqual({ first: row?.first, followed: row?.followed });
    }
    // What the suite is known to have done, named: a page past the first, a 422, a forced 500.
    const list = report.operations.find((op) => op.operationId === 'listUsers' && op.version === '2026-06-09');
    expect(list?.pages?.followed).toBeGreaterThan(0);
    expect(report.operations.find((op) => op.operationId === 'listMembers' && op.version === '2026-06-09')?.pages).toEqual({ first: 1, followed: 0 });
    const me = report.operations.find((op) => op.operationId === 'updateCurrentUser' && op.version === '2026-06-09');
    expect(me?.statuses.find((s) => s.status === '422')).toEqual({ status: '422', declared: true, seen: 1, forced: 0 });
    expect(me?.fields.find((f) => f.name === 'username')).toEqual({ in: 'body', name: 'username', sent: 0 });
    const retrieve = report.operations.find((op) => op.operationId === 'retrieveUser' && op.version === '2026-06-09');
    expect(retrieve?.statuses.find((s) => s.status === '500')).toEqual({ status: '500', declared: true, seen: 1, forced: 1 });
    expect(retrieve?.error_codes).toMatchObject({ resource_not_found: 1, unauthorized: 1 });
  });

  it('names the requests that reached no version, and sums the cells exactly', () => {
    const { rows, unrouted } = recount(documents, server.versionDates);
    expect(report.unrouted).toEqual([{ operationId: 'retrieveUser', requests: 1, statuses: { 400: 1 }, error_codes: unrouted }]);
    expect(unrouted).toEqual({ invalid_api_version: 1 });
    const cells = [...documents.values()].flatMap((doc) => operationsOf(doc).flatMap((op) => op.statuses));
    const exercised = [...rows.values()].flatMap((row) => [...row.statuses.values()].filter((cell) => cell.seen > 0));
    expect(report.summary).toMatchObject({
      cells: cells.length,
      exercised: exercised.length,
      forced_only: exercised.filter((cell) => cell.forced === cell.seen).length,
      percent: Math.floor((exercised.length / cells.length) * 10_000) / 100,
      operations: [...documents.values()].flatMap(operationsOf).length,
      operations_called: rows.size,
    });
  });

  it('reads the same as Markdown, on its own', async () => {
    const markdown = await fetchOf(server)(`${server.url}/__mock/coverage?format=markdown`);
    expect(markdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const text = await markdown.text();
    expect(text).toContain(`**${report.summary.percent}%** of the declared (operation, version, status) cells exercised, ${report.summary.exercised} of ${report.summary.cells}`);
    expect(text).toMatch(/\| `updateCurrentUser` \| 2026-06-09 \| [^|]*body `username`/);
    expect(text).toMatch(/\| `retrieveUser` `GET \/users\/\{id\}` \| 2026-06-09 \| \d+ \| ✅ 200 · ⬜ 400 · ✅ 401 · ⬜ 403 · ✅ 404 · ⚡ 500 \| 400, 403 \|/);
    if (process.env.COVERAGE_EXAMPLE_OUT) writeFileSync(process.env.COVERAGE_EXAMPLE_OUT, example(text));
  });
});

/** docs/coverage-example.md: the report, with what made it. */
function example(markdown: string): string {
  return markdown.replace(/^# Contract coverage\n/, `# Contract coverage: an example

<!-- Made by \`npm run docs:coverage-example\` on ${new Date().toISOString().slice(0, 10)}: the report of the consumer suite in test/admin/coverage-sdk.test.ts (the official @whop/sdk against the bundled specs), whose numbers that test checks against the requests the suite sent. -->

What \`--coverage-report coverage.md\` (or \`GET /__mock/coverage?format=markdown\`) writes after a suite ran against the mock: here, ${sent.length} requests through \`@whop/sdk\`. See [coverage.md](coverage.md) for what counts.
`);
}

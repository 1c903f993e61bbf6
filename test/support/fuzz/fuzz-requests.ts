import { readFileSync } from 'node:fs';
import fc, { type Arbitrary } from 'fast-check';
import type { CompiledSpec, Operation } from '../../../src/openapi/compile-operations.js';
import { arbitraryFor, type Domain } from './schema-arbitrary.js';

/** One request the fuzz sends; `forced` when it asked for a 5xx itself (Prefer: code=5xx). */
export interface FuzzRequest {
  readonly method: string;
  /** Path and query, without the session prefix or host. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer | undefined;
  /** Session slot (0-3); -1 for an invalid session name. The run gives slots their names. */
  readonly session: number;
  readonly forced: boolean;
  /** What was done to it, for the failure report. */
  readonly label: string;
}

const fixture = (kind: string): Array<Record<string, string>> => JSON.parse(readFileSync(new URL(`../../../fixtures/${kind}.json`, import.meta.url), 'utf8')) as Array<Record<string, string>>;

/** Ids, usernames and tokens of the bundled fixtures: what valid requests name. */
export function fixtureDomain(): { users: Domain; members: Domain; tokens: string[] } {
  const users = fixture('users');
  const ids = (kind: string) => fixture(kind).map((record) => record.id as string);
  const common = {
    username: users.map((user) => user.username as string).concat(['new-name', 'ALEX', 'Maya-Chen']),
    company_id: ids('companies'),
    account_id: ids('companies'),
    resource_id: [...ids('companies'), ...ids('products'), ...ids('experiences')],
    user_ids: ids('users'),
    product_ids: ids('products'),
    plan_ids: ids('plans'),
    promo_code_ids: ids('promo_codes'),
    // profile_picture.id
    direct_upload_id: ids('files'),
  };
  const userIds = [...ids('users'), ...users.map((user) => user.username as string), 'me'];
  return {
    users: { byName: { ...common, id: userIds, 'profile_picture.id': ids('files') } },
    members: { byName: { ...common, id: ids('members') } },
    tokens: fixture('tokens').map((token) => token.token as string),
  };
}

type Mutation = (request: FuzzRequest, op: Operation) => FuzzRequest;
const with_ = (request: FuzzRequest, label: string, change: Partial<FuzzRequest>): FuzzRequest => printable({ ...request, ...change, label: `${request.label} +${label}` });

/** How a request shows in a counterexample: short, whatever the size of its body. */
function printable(request: FuzzRequest): FuzzRequest {
  const body = request.body === undefined ? '' : ` ${JSON.stringify(String(request.body).slice(0, 120))}${request.body.length > 120 ? `… (${request.body.length} bytes)` : ''}`;
  const shown = `${request.label}: ${request.method} ${request.target} ${JSON.stringify(request.headers)} session ${request.session}${body}`;
  return Object.assign(request, { [fc.toStringMethod]: () => shown });
}
const addQuery = (target: string, pair: string) => `${target}${target.includes('?') ? '&' : '?'}${pair}`;
const jsonHeaders = (headers: Readonly<Record<string, string>>) => ({ ...headers, 'content-type': 'application/json' });

/** What a careless or hostile client does to an otherwise valid request. */
const MUTATIONS: ReadonlyArray<readonly [string, Mutation]> = [
  ['unknown-query', (r) => with_(r, 'unknown-query', { target: addQuery(r.target, 'nope=1') })],
  ['proto-query', (r) => with_(r, 'proto-query', { target: addQuery(r.target, '__proto__=x') })],
  ['constructor-query', (r) => with_(r, 'constructor-query', { target: addQuery(r.target, 'constructor=x') })],
  ['bad-first', (r) => with_(r, 'bad-first', { target: addQuery(r.target, 'first=abc&last=0') })],
  ['junk-id', (r) => with_(r, 'junk-id', { target: r.target.replace(/\/(user_|mber_|me|biz_|prod_|exp_|[a-z-]+)[^/?]*(?=[/?]|$)/, '/%2e%2e%2F%00%F0%9F%99%82') })],
  ['wrong-method', (r) => with_(r, 'wrong-method', { method: r.method === 'GET' ? 'DELETE' : 'PUT' })],
  ['bad-version', (r) => with_(r, 'bad-version', { headers: { ...r.headers, 'api-version-date': '2026-02-30' } })],
  ['bad-session', (r) => with_(r, 'bad-session', { session: -1 })],
  ['bad-prefer', (r) => with_(r, 'bad-prefer', { headers: { ...r.headers, prefer: 'code=999, delay=abc' } })],
  ['no-token', (r) => with_(r, 'no-token', { headers: Object.fromEntries(Object.entries(r.headers).filter(([name]) => name !== 'authorization')) })],
  ['bad-json', (r) => with_(r, 'bad-json', { body: '{"name":', headers: jsonHeaders(r.headers) })],
  ['unknown-body-key', (r) => with_(r, 'unknown-body-key', { body: JSON.stringify({ ...parsed(r.body), nope: 1 }), headers: jsonHeaders(r.headers) })],
  ['proto-body', (r) => with_(r, 'proto-body', { body: `{"__proto__":{"polluted":1}${r.body && r.body.length > 2 ? `,${String(r.body).slice(1)}` : '}'}`, headers: jsonHeaders(r.headers) })],
  ['wrong-type', (r) => with_(r, 'wrong-type', { body: JSON.stringify({ name: 123, username: ['x'] }), headers: jsonHeaders(r.headers) })],
  ['deep', (r) => with_(r, 'deep', { body: '{"name":'.repeat(100) + '1' + '}'.repeat(100), headers: jsonHeaders(r.headers) })],
  ['bad-utf8', (r) => with_(r, 'bad-utf8', { body: Buffer.from([0x7b, 0x22, 0x62, 0x69, 0x6f, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), headers: jsonHeaders(r.headers) })],
  ['surrogate', (r) => with_(r, 'surrogate', { body: '{"bio":"\\udfff"}', headers: jsonHeaders(r.headers) })],
  ['text-plain', (r) => with_(r, 'text-plain', { body: r.body ?? 'x', headers: { ...r.headers, 'content-type': 'text/plain' } })],
  ['huge-bio', (r) => with_(r, 'huge-bio', { body: JSON.stringify({ bio: 'b'.repeat(300_000) }), headers: jsonHeaders(r.headers) })],
];

function parsed(body: string | Buffer | undefined): Record<string, unknown> {
  try {
    const value = JSON.parse(String(body ?? '{}')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Valid requests for every operation of every version, each possibly mutated once or twice. */
export function requestArbitrary(spec: CompiledSpec, domains: ReturnType<typeof fixtureDomain>): Arbitrary<FuzzRequest> {
  const resolve = resolver(spec);
  const datesOf = (version: string) => [...spec.versionDates].filter(([, v]) => v === version).map(([date]) => date);
  const tokens = fc.constantFrom<string | null>(...domains.tokens, 'tok_unknown_0123456789', null);
  const perOperation = spec.versions.flatMap((version) =>
    (spec.operations.get(version) ?? []).map((op) => {
      const domain = op.path.startsWith('/members') ? domains.members : domains.users;
      const dates = fc.constantFrom<string | null>(...datesOf(version), ...(version === spec.versions[0] ? [null] : []));
      return fc
        .record({
          path: pathOf(op, resolve, domain),
          query: queryOf(op, resolve, domain),
          body: op.body ? fc.option(arbitraryFor(op.body.schema, resolve, { byName: { ...domain.byName, id: domain.byName['profile_picture.id'] ?? [] } }), { freq: 6, nil: undefined }) : fc.constant(undefined),
          token: tokens,
          date: dates,
          session: fc.integer({ min: 0, max: 3 }),
          prefer: fc.option(preferOf(op), { freq: 5, nil: null }),
          mutations: fc.array(fc.constantFrom(...MUTATIONS), { maxLength: 2 }),
        })
        .map(({ path, query, body, token, date, session, prefer, mutations }) => {
          const headers: Record<string, string> = {};
          if (token !== null) headers.authorization = `Bearer ${token}`;
          if (date !== null) headers['api-version-date'] = date;
          if (prefer !== null) headers.prefer = prefer;
          const text = body === undefined ? undefined : JSON.stringify(body);
          if (text !== undefined) headers['content-type'] = 'application/json';
          const forced = /code=5\d\d/.test(prefer ?? '');
          let request: FuzzRequest = printable({ method: op.method.toUpperCase(), target: query === '' ? path : `${path}?${query}`, headers, body: text, session, forced, label: `${op.operationId}@${version}` });
          for (const [, mutate] of mutations) request = mutate(request, op);
          return request;
        });
    }),
  );
  return fc.oneof(...perOperation);
}

function pathOf(op: Operation, resolve: (ref: string) => unknown, domain: Domain): Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'path');
  const model = Object.fromEntries(params.map((p) => [p.name, arbitraryFor(p.schema, resolve, domain, p.name)]));
  return fc.record(model).map((values) => op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(values[name]))));
}

function queryOf(op: Operation, resolve: (ref: string) => unknown, domain: Domain): Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'query' && p.name !== 'after' && p.name !== 'before');
  const model = Object.fromEntries(params.map((p) => [p.name, fc.option(arbitraryFor(p.schema, resolve, domain, p.name), { freq: 2, nil: undefined })]));
  return fc.tuple(fc.record(model), fc.boolean()).map(([values, sdkStyle]) =>
    Object.entries(values)
      .filter(([, value]) => value !== undefined)
      .flatMap(([name, value]) => (Array.isArray(value) ? value.map((item) => `${name}${sdkStyle ? '[]' : ''}=${encodeURIComponent(String(item))}`) : [`${name}=${encodeURIComponent(String(value))}`]))
      .join('&'),
  );
}

/** Prefer: a status the operation declares (forced), generated data, or a zero delay. */
function preferOf(op: Operation): Arbitrary<string> {
  const codes = op.responses.map((r) => r.status).filter((status) => /^\d{3}$/.test(status));
  return fc.oneof(fc.constantFrom(...codes).map((code) => `code=${code}`), fc.constant('dynamic=true'), fc.constant('delay=0'));
}

/** `$ref`s of the compiled spec (absolute, `whop-mock://…#/components/…`) -> their schema. */
export function resolver(spec: CompiledSpec): (ref: string) => unknown {
  return (ref) => {
    const [id, pointer = ''] = ref.split('#');
    let node = spec.schemaDocuments.get(id ?? '') as unknown;
    for (const part of pointer.split('/').slice(1)) node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error(`fuzz: cannot resolve ${ref}`);
    return node;
  };
}

import fc from 'fast-check';
import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { compileOperations } from '../../src/openapi/compile-operations.js';
import { loadSpecs } from '../../src/bundle/spec-files.js';
import { fixtureDomain, requestArbitrary, type FuzzRequest } from '../support/fuzz/fuzz-requests.js';
import { responseOracle, storeOracle } from '../support/fuzz/fuzz-oracle.js';
import { startMock } from '../support/mock.js';

// Property-based fuzzing from the specs: sequences of valid and mutated requests for every
// operation of every version, with random tokens, versions and sessions. After each request:
// no 5xx unless the request forced one, the answer validates for its status and version (judged
// here, with the server's own response check turned off), the store holds only valid records
// with unique usernames; after each sequence the server still answers. `npm test` runs a
// bounded number of sequences with a fresh seed (printed); `npm run fuzz -- --seed N --runs M`
// runs as many as asked, reproducibly.
const RUNS = Number(process.env.WHOP_MOCK_FUZZ_RUNS ?? 150);
const SEED = Number(process.env.WHOP_MOCK_FUZZ_SEED ?? Date.now() % 2 ** 31);

const spec = compileOperations(loadSpecs('specs'));
const judge = responseOracle(spec);
const checkStore = storeOracle();
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
let server: MockServer;
let run = 0;
const statuses = new Map<number, number>();

beforeAll(async () => {
  server = await startMock({ validateResponses: 'off' });
});
afterAll(async () => {
  agent.destroy();
  await server.close();
});

/** node:http rather than fetch: a hostile client may send a body with a GET. */
function send(request: FuzzRequest, session: string | null): Promise<{ status: number; version: string | null; text: string }> {
  const headers: Record<string, string> = { ...request.headers };
  if (session !== null) headers['x-mock-session'] = session;
  if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${request.target}`, { method: request.method, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, version: (res.headers['api-version-date'] as string | undefined) ?? null, text }));
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

describe(`fuzz from the specs (seed ${SEED}, ${RUNS} sequences)`, () => {
  it('keeps every invariant after every request', { timeout: Math.max(60_000, RUNS * 400) }, async () => {
    console.log(`fuzz: seed ${SEED}, ${RUNS} sequences (rerun: npm run fuzz -- --seed ${SEED} --runs ${RUNS})`);
    const sequence = fc.array(requestArbitrary(spec, fixtureDomain()), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(sequence, async (requests) => {
        run += 1;
        for (const request of requests) {
          const session = request.session === -1 ? 'not a session!' : request.session === 0 ? null : `fuzz-${run}-${request.session}`;
          const reply = await send(request, session);
          statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
          const path = request.target.split('?')[0] ?? '/';
          const problem = judge(request.method, path, request.forced, reply);
          if (problem !== null) throw new Error(`${request.label}: ${request.method} ${request.target} -> ${problem}`);
          if (request.session !== -1 && request.method !== 'GET') {
            const broken = checkStore(server.session(session ?? 'default').state());
            if (broken !== null) throw new Error(`${request.label}: ${request.method} ${request.target} left the store broken: ${broken}`);
          }
        }
        const health = await fetch(`${server.url}/__mock/health`);
        if (health.status !== 200) throw new Error(`the server stopped answering (health ${health.status})`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    console.log(`fuzz: statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    // Valid requests reach the handlers, not only the refusals.
    expect([200, 400, 401, 403, 404].every((status) => (statuses.get(status) ?? 0) > 0)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

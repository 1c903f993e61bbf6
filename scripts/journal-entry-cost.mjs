// What journaling the response headers costs a request: keepEntry (src/state/journal/kept-entry.ts)
// for a typical GET entry, with and without the four headers the mock sends, 10 rounds of
// 200,000 entries each in a process of its own (so neither shape slows the other); prints the
// medians. Usage: node scripts/journal-entry-cost.mjs   (after npm run build)
import { spawnSync } from 'node:child_process';

const mode = process.argv[2];
if (mode === undefined) {
  const run = (which) => spawnSync(process.execPath, [new URL(import.meta.url).pathname, which], { encoding: 'utf8' }).stdout.trim();
  for (let i = 0; i < 3; i += 1) console.log(`${run('without')} · ${run('with')}`);
} else {
  const { keepEntry } = await import('../dist/state/journal/kept-entry.js');
  const input = {
    receivedAt: Date.now(), method: 'GET', path: '/users/me', search: '', query: null,
    headers: { host: '127.0.0.1:4010', authorization: 'Bearer tok_user_alex_full', accept: '*/*', 'user-agent': 'node', 'x-mock-session': 's1' },
    rawBody: undefined, bodyJson: undefined, tokenKind: () => 'user_oauth_token', operationId: 'retrieveUser', template: '/users/{id}',
    version: '2025-01-01', status: 200, responsePayload: '{"id":"user_alex123"}', validation: { valid: true }, faultId: null, durationMs: 1, responseHeaders: undefined,
  };
  const format = { bodyBytes: 32768, isSecret: () => false };
  const rounds = [];
  for (let round = 0; round < 10; round += 1) {
    const started = performance.now();
    for (let i = 0; i < 200_000; i += 1) {
      const sent = { 'api-version-date': '2025-01-01', 'x-mock-session': 's1', 'content-type': 'application/json; charset=utf-8', 'content-length': String(i % 100) };
      input.responseHeaders = mode === 'with' ? sent : undefined;
      keepEntry(input, format);
    }
    rounds.push(((performance.now() - started) * 1000) / 200_000);
  }
  rounds.sort((a, b) => a - b);
  console.log(`${mode} response headers: ${rounds[5].toFixed(2)} µs per entry`);
}

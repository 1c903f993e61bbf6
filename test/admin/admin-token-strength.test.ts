import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminFailures, FAILURE_WINDOW_MS, MAX_REMEMBERED_CLIENTS } from '../../src/control/admin-failures.js';
import type { MockServer } from '../../src/index.js';
import { call, envelopeOf, startMock } from '../support/mock.js';

const TOKEN = 'admin-token-0123456789abcdef';

describe('a short admin token is warned about at start', () => {
  it.each([
    ['x9Q2z', true],
    [TOKEN, false],
  ])('--admin-token %s -> warned: %s', async (adminToken, warned) => {
    const lines: string[] = [];
    const server = await startMock({ adminToken, logLevel: 'warn', logFormat: 'json', log: (line) => lines.push(line) });
    await server.close();
    const warning = lines.find((line) => line.includes('admin token'));
    expect(warning !== undefined).toBe(warned);
    if (warned) {
      expect(warning).toContain('16 or more');
      expect(warning).not.toContain(adminToken);
    }
  });
});

describe('AdminFailures (pure, its own clock)', () => {
  it('answers 429 with Retry-After past the limit within a minute, then forgets', () => {
    let now = 1_000_000;
    const failures = new AdminFailures(3, () => now);
    for (let i = 0; i < 3; i += 1) {
      expect(() => failures.check('10.0.0.1')).not.toThrow();
      failures.fail('10.0.0.1');
    }
    now += 20_000;
    expect(() => failures.check('10.0.0.1')).toThrow(expect.objectContaining({ status: 429, code: 'mock_admin_throttled', headers: { 'retry-after': '40' } }));
    // Another client is not slowed down by this one.
    expect(() => failures.check('10.0.0.2')).not.toThrow();
    now += FAILURE_WINDOW_MS;
    expect(() => failures.check('10.0.0.1')).not.toThrow();
  });

  it('remembers a bounded number of clients, the oldest windows forgotten first', () => {
    const failures = new AdminFailures(1);
    for (let i = 0; i < MAX_REMEMBERED_CLIENTS; i += 1) failures.fail(`client-${i}`);
    // At the bound, the first client is still remembered (and slowed down).
    expect(() => failures.check('client-0')).toThrow(expect.objectContaining({ status: 429 }));
    failures.fail(`client-${MAX_REMEMBERED_CLIENTS}`);
    // One past it, the oldest window is forgotten, and only it.
    expect(() => failures.check('client-0')).not.toThrow();
    expect(() => failures.check('client-1')).toThrow(expect.objectContaining({ status: 429 }));
  });

  it('0 turns it off', () => {
    const failures = new AdminFailures(0);
    for (let i = 0; i < 100; i += 1) failures.fail('10.0.0.1');
    expect(() => failures.check('10.0.0.1')).not.toThrow();
  });
});

describe('repeated wrong admin tokens from one client, over HTTP', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMock({ adminToken: TOKEN, maxAdminFailures: 3 });
  });
  afterAll(() => server.close());

  it('a missing token is not a guess; wrong ones are 401 until the limit, then 429 in the Whop envelope, even for the right token', async () => {
    for (let i = 0; i < 5; i += 1) expect((await call(server, { path: '/__mock/sessions' })).status).toBe(401);
    expect((await call(server, { path: '/__mock/sessions', token: TOKEN })).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await call(server, { path: '/__mock/sessions', token: `guess-${i}` })).status).toBe(401);
    for (const token of ['guess-4', TOKEN]) {
      const reply = await call(server, { path: '/__mock/sessions', token });
      expect(reply.status).toBe(429);
      expect(envelopeOf(reply)).toMatchObject({ type: 'rate_limited', code: 'mock_admin_throttled' });
      expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // The health check stays open, and the Whop API is not slowed down.
    expect((await call(server, { path: '/__mock/health' })).status).toBe(200);
    expect((await call(server, { path: '/users/me', token: 'tok_user_alex_full' })).status).toBe(200);
  });
});

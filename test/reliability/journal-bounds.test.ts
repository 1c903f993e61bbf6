import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, envelopeOf, startMock } from '../support/mock.js';

// Issue: the journal was capped by entries, not bytes (200 PATCHes of a 1 MB bio held ~400 MB),
// a 5,000-deep body made reading it fail, and it kept Authorization verbatim.
const TOKEN = 'tok_user_alex_full';
const MiB = 1024 * 1024;
const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

let server: MockServer;
beforeAll(async () => {
  // sessionBytes: these sessions store 1 MB bios on purpose (the session budget has its own tests).
  server = await startMock({ journalSessionBytes: 2 * MiB, journalTotalBytes: 3 * MiB, journalBodyBytes: 32 * 1024, sessionBytes: 4 * MiB, adminToken: undefined });
});
afterAll(() => server.close());

const patchBio = (session: string, bio: string) =>
  call(server, { method: 'PATCH', path: '/users/me', token: TOKEN, body: { bio }, headers: { 'x-mock-session': session } });
const journalText = async (session: string) => (await fetch(`${server.url}/__mock/requests`, { headers: { 'x-mock-session': session } })).text();

describe('the journal holds bytes, not just entries', () => {
  it('keeps 1 MB bodies cut, with their size and a marker, and the session within its byte budget', async () => {
    const bio = 'b'.repeat(MiB - 20);
    for (let i = 0; i < 12; i += 1) expect((await patchBio('big', bio)).status).toBe(200);
    const text = await journalText('big');
    expect(text.length).toBeLessThan(2 * MiB);
    const { data } = JSON.parse(text) as { data: Array<{ body: unknown; body_size: number; body_truncated: boolean; response_truncated: boolean; response_size: number }> };
    expect(data).toHaveLength(12);
    for (const entry of data) {
      expect(entry).toMatchObject({ body_truncated: true, response_truncated: true });
      expect(entry.body_size).toBe(Buffer.byteLength(JSON.stringify({ bio })));
      expect(entry.response_size).toBeGreaterThan(MiB - 20);
      expect(typeof entry.body).toBe('string');
      expect((entry.body as string).length).toBeLessThanOrEqual(32 * 1024);
    }
  });

  it('shares one budget across sessions: the oldest entries of any session go first', async () => {
    const bio = 'c'.repeat(200 * 1024);
    for (let i = 0; i < 20; i += 1) await patchBio('first', bio);
    const firstBefore = (JSON.parse(await journalText('first')) as { data: unknown[] }).data.length;
    // Each entry holds about 64 KiB (two 32 KiB bodies): 3 MiB of them fit in the process.
    for (let i = 0; i < 60; i += 1) await patchBio(`other-${i % 3}`, bio);
    const firstAfter = (JSON.parse(await journalText('first')) as { data: unknown[] }).data.length;
    expect(firstBefore).toBe(20);
    expect(firstAfter).toBe(0);
    const newest = JSON.parse(await journalText('other-2')) as { data: Array<{ id: string }> };
    expect(newest.data.at(-1)?.id).toBe('req_20');
  });
});

describe('nothing recorded can make reading the journal fail', () => {
  it('a 5,000-deep PATCH is refused with 400 json_too_deep, journaled as text, and the journal still reads', async () => {
    const reply = await call(server, { method: 'PATCH', path: '/users/me', token: TOKEN, rawBody: deep(5000), headers: { 'content-type': 'application/json', 'x-mock-session': 'deep' } });
    expect(reply.status).toBe(400);
    expect(envelopeOf(reply)).toMatchObject({ code: 'json_too_deep', param: 'body' });
    const journal = await call(server, { path: '/__mock/requests', headers: { 'x-mock-session': 'deep' } });
    expect(journal.status).toBe(200);
    expect(journal.body.data).toHaveLength(1);
    expect(journal.body.data[0]).toMatchObject({ status: 400, body_truncated: false, body_size: deep(5000).length });
    expect(journal.body.data[0].body).toBe(deep(5000));
    expect(server.session('deep').requests()).toHaveLength(1);
  });

  it.each(['/__mock/users', '/__mock/faults', '/__mock/tokens', '/__mock/members'])('POST %s with a 5,000-deep body is a 400, not a 500', async (path) => {
    const reply = await call(server, { method: 'POST', path, rawBody: deep(5000), headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(envelopeOf(reply)).toMatchObject({ code: 'json_too_deep' });
  });

  it('64 levels are accepted (and refused by the schema, not the depth check); 65 are not', async () => {
    const ok = await call(server, { method: 'POST', path: '/__mock/faults', rawBody: `{"status":500,"body":${deep(62)}}`, headers: { 'content-type': 'application/json', 'x-mock-session': 'depth' } });
    expect(ok.status).toBe(201);
    const tooDeep = await call(server, { method: 'POST', path: '/__mock/faults', rawBody: `{"status":500,"body":${deep(64)}}`, headers: { 'content-type': 'application/json', 'x-mock-session': 'depth' } });
    expect(envelopeOf(tooDeep).code).toBe('json_too_deep');
  });
});

describe('secrets never reach the journal whole', () => {
  it('shows a bearer token as its kind and last four characters; cookies by name', async () => {
    await call(server, { path: '/users/me', token: TOKEN, headers: { 'x-mock-session': 'redact', cookie: 'session=s3cr3t-value' } });
    await call(server, { path: '/users/me', token: 'tok_not_known_anywhere', headers: { 'x-mock-session': 'redact' } });
    const text = await journalText('redact');
    const [known, unknown] = (JSON.parse(text) as { data: Array<{ headers: Record<string, string>; status: number }> }).data;
    expect(known?.headers.authorization).toBe('Bearer [user_oauth_token …full]');
    expect(known?.headers.cookie).toBe('session=[redacted]');
    expect(unknown).toMatchObject({ status: 401, headers: { authorization: 'Bearer [unknown token …here]' } });
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('tok_not_known_anywhere');
    expect(text).not.toContain('s3cr3t-value');
  });

  it('never shows the admin token, even sent to an API path; nothing logged holds a token', async () => {
    const lines: string[] = [];
    const guarded = await startMock({ adminToken: 'admin-very-s3cret', logLevel: 'debug', log: (line) => lines.push(line) });
    try {
      await call(guarded, { path: '/users/me', token: 'admin-very-s3cret' });
      await call(guarded, { path: '/users/me', token: TOKEN });
      const journal = await call(guarded, { path: '/__mock/requests', token: 'admin-very-s3cret' });
      expect(journal.body.data.map((entry: { headers: { authorization: string } }) => entry.headers.authorization)).toEqual(['Bearer [admin token]', 'Bearer [user_oauth_token …full]']);
      expect(JSON.stringify(journal.body)).not.toContain('s3cret');
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n')).not.toMatch(/s3cret|tok_user_alex_full/);
    } finally {
      await guarded.close();
    }
  });
});

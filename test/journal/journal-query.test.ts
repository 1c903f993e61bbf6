import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/index.js';
import { call, LATEST, sdkFor, startMock } from '../support/mock.js';
import { sessionPerTest } from '../support/session-per-test.js';

// The journal's `query` is what the operation read, so a test can assert on what its client sent
// without caring how the client spelled arrays; `query_string` keeps the spelling.
const mock = sessionPerTest('journal-query', () => startMock());
const KEY = 'tok_key_pixelforge_full';

async function journal(): Promise<JournalEntry[]> {
  return (await mock.control('GET', '/requests')).body.data as JournalEntry[];
}

const sdk = () => sdkFor(mock.server(), { apiKey: KEY, defaultHeaders: mock.headers() });

describe('journal query: as the operation parsed it', () => {
  it('@whop/sdk members.list({statuses: [joined, left]}): an array, whatever the SDK sent', async () => {
    await sdk().members.list({ statuses: ['joined', 'left'], first: 5 });
    const [entry] = await journal();
    expect(entry?.operationId).toBe('listMembers');
    expect(entry?.query).toEqual({ statuses: ['joined', 'left'], first: 5 });
    expect(decodeURIComponent(entry?.query_string ?? '')).toContain('statuses[]=joined');
  });

  it('@whop/sdk with one value: still an array', async () => {
    await sdk().members.list({ statuses: ['joined'] });
    expect((await journal())[0]?.query).toEqual({ statuses: ['joined'] });
  });

  it.each([
    ['statuses[]=joined&statuses[]=left', { statuses: ['joined', 'left'] }],
    ['statuses=joined&statuses=left', { statuses: ['joined', 'left'] }],
    ['statuses=joined', { statuses: ['joined'] }],
    ['first=3&statuses[]=left', { first: 3, statuses: ['left'] }],
  ])('every array form reads the same: %s', async (search, query) => {
    const reply = await mock.api(`/members?${search}`, KEY);
    expect(reply.status).toBe(200);
    const [entry] = await journal();
    expect(entry?.query).toEqual(query);
    expect(entry?.query_string).toBe(search);
  });

  it('records the parse even when the request is refused after routing (401, 400)', async () => {
    await call(mock.server(), { path: '/api/v1/members?first=2&statuses=left', token: 'tok_unknown', version: LATEST, headers: mock.headers() });
    await mock.api('/members?first=0', KEY);
    const [unauthenticated, invalid] = await journal();
    expect(unauthenticated).toMatchObject({ status: 401, query: { first: 2, statuses: ['left'] } });
    expect(invalid).toMatchObject({ status: 400, query: { first: 0 }, query_string: 'first=0' });
  });

  it('a request that matched no operation falls back to a plain parse', async () => {
    await mock.api('/nowhere?n=1&tag[]=a&id=x&id=y', KEY);
    const [entry] = await journal();
    expect(entry).toMatchObject({ status: 404, operationId: null, query: { n: '1', tag: ['a'], id: ['x', 'y'] }, query_string: 'n=1&tag[]=a&id=x&id=y' });
  });
});

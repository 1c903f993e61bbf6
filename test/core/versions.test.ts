import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { compileOperations } from '../../src/openapi/compile-operations.js';
import { loadSpecs } from '../../src/bundle/spec-files.js';
import { call, copyOf, editFile, envelopeOf, LATEST, ORIGINAL, SDK_DATE, sdkFor, startMock } from '../support/mock.js';

let server: MockServer;
let nearest: MockServer;
beforeAll(async () => {
  [server, nearest] = await Promise.all([startMock(), startMock({ versionDates: 'nearest' })]);
});
afterAll(() => Promise.all([server.close(), nearest.close()]));

const LATEST_ONLY = ['total_usd', 'balances', 'verification'];
const RECOGNIZED = '2025-01-01, 2026-06-09, 2026-07-01, 2026-07-20';

async function expectServedBy(target: MockServer, header: string | null, served: string): Promise<void> {
  const reply = await call(target, { path: '/users/me', token: 'tok_user_alex_full', version: header });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(reply.headers.get('api-version-date')).toBe(served);
  for (const field of LATEST_ONLY) expect(field in reply.body).toBe(served === LATEST);
  expect(reply.body).toMatchObject({ id: 'user_alex123', username: 'alex' });
}

describe('Api-Version-Date: the recognized dates select a version (specs/ info.x-api-version-dates)', () => {
  it.each([
    [null, ORIGINAL],
    [ORIGINAL, ORIGINAL],
    [LATEST, LATEST],
    ['2026-07-01', LATEST],
    [SDK_DATE, LATEST],
  ])('header %s is served by %s, in that version\'s shape', (header, served) => expectServedBy(server, header, served));

  it.each(['2026-01-15', '2026-07-02', '4313-07-10', '2024-12-31', '2026-13-01', 'yesterday'])(
    'any other value (%s) is the documented 400, listing the recognized dates',
    async (header) => {
      const reply = await call(server, { path: '/users/me', token: 'tok_user_alex_full', version: header });
      expect(reply.status).toBe(400);
      expect(envelopeOf(reply)).toEqual({
        type: 'invalid_request_error',
        code: 'invalid_api_version',
        param: 'Api-Version-Date',
        message: `Api-Version-Date "${header}" is not a recognized API version. Recognized: ${RECOGNIZED} (no header: 2025-01-01).`,
      });
      expect(reply.headers.get('api-version-date')).toBeNull();
    },
  );

  it('the official SDK (it sends 2026-07-20) gets the latest shapes', async () => {
    const whop = sdkFor(server, { apiKey: 'tok_user_alex_full' });
    const me = (await whop.users.retrieve('me')) as unknown as Record<string, unknown>;
    expect(me).toMatchObject({ id: 'user_alex123', total_usd: expect.any(String) });
  });

  it('GET /__mock/health lists the recognized dates and what they select', async () => {
    const reply = await call(server, { path: '/__mock/health' });
    expect(reply.body).toMatchObject({
      versions: [ORIGINAL, LATEST],
      version_dates: { '2025-01-01': ORIGINAL, '2026-06-09': LATEST, '2026-07-01': LATEST, '2026-07-20': LATEST },
      version_date_mode: 'exact',
    });
    expect(server.versionDates).toEqual(reply.body.version_dates);
  });

  it('serves the same data under / and /api/v1', async () => {
    const root = await call(server, { path: '/users/alex', token: 'tok_user_alex_full', version: LATEST });
    const prefixed = await call(server, { path: '/api/v1/users/alex', token: 'tok_user_alex_full', version: LATEST });
    expect(prefixed.status).toBe(200);
    expect(prefixed.body).toEqual(root.body);
  });
});

describe('versionDates: nearest restores "the newest version on or before the date"', () => {
  it.each([
    [null, ORIGINAL],
    ['2026-01-31', ORIGINAL],
    ['2026-07-02', LATEST],
    ['2099-01-01', LATEST],
    [SDK_DATE, LATEST],
  ])('header %s is served by %s', (header, served) => expectServedBy(nearest, header, served));

  it.each([
    ['2024-12-31', 'the first API version is 2025-01-01'],
    ['2026-13-01', 'expected a date in the form YYYY-MM-DD'],
  ])('still refuses %s', async (header, reason) => {
    const reply = await call(nearest, { path: '/users/me', token: 'tok_user_alex_full', version: header });
    expect(reply.status).toBe(400);
    expect(envelopeOf(reply)).toMatchObject({ code: 'invalid_api_version', param: 'Api-Version-Date' });
    expect(envelopeOf(reply).message).toContain(reason);
  });

  it('says so in GET /__mock/health', async () => {
    expect((await call(nearest, { path: '/__mock/health' })).body.version_date_mode).toBe('nearest');
  });
});

describe('where the recognized dates come from', () => {
  it('a document without info.x-api-version-dates is selected by its own version date alone', async () => {
    const specs = copyOf('specs');
    editFile(join(specs, '2026-06-09.yaml'), (text) => text.replace(/^ {2}x-api-version-dates: .*\n/m, ''));
    const custom = await startMock({ specs });
    try {
      expect(custom.versionDates).toEqual({ '2025-01-01': ORIGINAL, '2026-06-09': LATEST });
      expect((await call(custom, { path: '/users/me', token: 'tok_user_alex_full', version: LATEST })).status).toBe(200);
      expect((await call(custom, { path: '/users/me', token: 'tok_user_alex_full', version: SDK_DATE })).status).toBe(400);
    } finally {
      await custom.close();
    }
  });

  const document = (version: string, dates: string) =>
    `openapi: 3.1.0\ninfo: { title: T, version: '1', x-api-version: '${version}'${dates} }\npaths: {}\n`;
  const folder = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'whop-mock-dates-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };

  it.each([
    [{ 'a.yaml': document('2025-01-01', ", x-api-version-dates: '2025-01-01'") }, 'a.yaml: info.x-api-version-dates must be a list of YYYY-MM-DD dates'],
    [{ 'a.yaml': document('2025-01-01', ", x-api-version-dates: ['2025-02-30']") }, 'must be a list of YYYY-MM-DD dates'],
    [{ 'a.yaml': document('2026-06-09', ", x-api-version-dates: ['2026-01-01']") }, '2026-01-01 is before the version it would select (2026-06-09)'],
    [
      { 'a.yaml': document('2025-01-01', ", x-api-version-dates: ['2026-07-01']"), 'b.yaml': document('2026-06-09', ", x-api-version-dates: ['2026-07-01']") },
      'b.yaml: Api-Version-Date 2026-07-01 selects version 2026-06-09 here and 2025-01-01 in',
    ],
  ])('a bad list stops start-up, naming the file (%#)', (files, message) => {
    expect(() => compileOperations(loadSpecs(folder(files)))).toThrow(message);
  });
});

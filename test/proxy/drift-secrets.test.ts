import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { startMock } from '../support/mock.js';
import { VALID_USER } from './drifting-upstream.js';

// An upstream that adds secrets to a User (fields the spec does not declare): the drift report
// names those fields and shows none of their values, in GET /__mock/drift and --drift-report,
// as the journal does; a recording keeps no signature of a signed picture URL.
const ADDED = {
  password: 'PW_secret_value_1a2b3c',
  client_secret: 'CS_secret_value_4d5e6f',
  access_token: 'AT_secret_value_7g8h9i',
  api_key: 'AK_secret_value_0j1k2l',
  phone: '+15550199887766',
  refreshToken: 'RT_secret_value_3m4n5o',
};
const SIGNATURE = 'SIG_secret_value_6p7q8r';
const PICTURE = `https://cdn.example.com/avatars/dee.png?X-Amz-Signature=${SIGNATURE}&size=64`;
let upstream: Server;
let proxy: MockServer;
const dir = mkdtempSync(join(tmpdir(), 'whop-mock-drift-secrets-'));
const reportFile = join(dir, 'drift.json');
const recordDir = join(dir, 'recorded');

beforeAll(async () => {
  upstream = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if ((req.url ?? '').includes('user_secretive')) res.end(JSON.stringify({ ...VALID_USER, id: 'user_secretive', ...ADDED }));
    else res.end(JSON.stringify({ ...VALID_USER, profile_picture: { url: PICTURE } }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/api/v1`;
  proxy = await startMock({ mode: 'proxy', upstream: url, driftReport: reportFile, record: recordDir });
});
afterAll(() => {
  upstream.closeAllConnections();
  upstream.close();
});

const get = (path: string) => fetch(`${proxy.url}/api/v1${path}`, { headers: { authorization: 'Bearer tok_drift_secrets_0123456789', 'api-version-date': '2026-07-20' } });

describe('secrets an upstream adds stay out of the drift report', () => {
  it('names each added field, shows none of their values, and the journal neither', async () => {
    expect((await get('/users/user_secretive')).status).toBe(200);
    const report = await (await fetch(`${proxy.url}/__mock/drift`)).text();
    const journal = await (await fetch(`${proxy.url}/__mock/requests`)).text();
    for (const [field, value] of Object.entries(ADDED)) {
      expect(report, `the report shows ${field}`).not.toContain(value);
      expect(journal, `the journal shows ${field}`).not.toContain(value);
    }
    const drift = JSON.parse(report).versions['2026-06-09'].retrieveUser;
    expect(drift.unknown_fields.map((f: { path: string }) => f.path).sort()).toEqual(Object.keys(ADDED).map((f) => `/${f}`).sort());
    const example = drift.violations.find((v: { rule: string }) => v.rule.includes('"password"')).example;
    expect(example).toMatchObject({ pointer: '/password', value: '[redacted password]' });
  });

  it('nor in the --drift-report file, nor in the recording', async () => {
    expect((await get('/users/me')).status).toBe(200);
    await proxy.close();
    const written = readFileSync(reportFile, 'utf8');
    for (const value of Object.values(ADDED)) expect(written).not.toContain(value);
    const recorded = readdirSync(recordDir).filter((file) => file.endsWith('.json')).map((file) => readFileSync(join(recordDir, file), 'utf8')).join('\n');
    expect(recorded).toContain('cdn.example.com/avatars/dee.png?X-Amz-Signature=');
    expect(recorded).not.toContain(SIGNATURE);
    for (const value of Object.values(ADDED)) expect(recorded).not.toContain(value);
  });
});

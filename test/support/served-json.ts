import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { copyOf, editFile, fetchOf, LATEST, ORIGINAL, startMock } from './mock.js';

// Shared by the tests of the remembered served JSON (list items and single records): servers
// closed after each test, a 200 answer's exact text, and specs a renamed user can break.

/** A `start` whose servers are all closed after each test of the calling file. */
export function serversClosedAfterEach(): (options?: Parameters<typeof startMock>[0]) => Promise<MockServer> {
  let servers: MockServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()));
    servers = [];
  });
  return async (options = {}) => {
    const server = await startMock(options);
    servers.push(server);
    return server;
  };
}

/** The exact bytes of a 200 answer, as a client of that version and token receives them. */
export async function servedText(server: MockServer, path: string, token: string, version: string): Promise<string> {
  const response = await fetchOf(server)(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}`, 'api-version-date': version } });
  expect(response.status).toBe(200);
  return response.text();
}

/** As in response-validation.test.ts: the original User may not have a name starting with "Broken". */
export function brokenUserSpecs(): string {
  const specs = copyOf('specs');
  editFile(join(specs, '2025-01-01.yaml'), (text) => text.replace(/(    User:\n(?:.*\n)*?        name:\n)/, '$1          not: { type: string, pattern: "^Broken" }\n'));
  return specs;
}

/**
 * Each version gets its own projection of the same records, in any order of asking: `keys` gives
 * the field names a version's answer shows (the latest has `verification`, the original not).
 */
export async function expectOwnProjectionPerVersion(keys: (version: string) => Promise<string[]>): Promise<void> {
  const latest = await keys(LATEST);
  const original = await keys(ORIGINAL);
  expect(latest).toContain('verification');
  expect(original).not.toContain('verification');
  expect(await keys(LATEST)).toEqual(latest);
  expect(await keys(ORIGINAL)).toEqual(original);
}

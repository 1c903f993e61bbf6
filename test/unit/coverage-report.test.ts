import { describe, expect, it } from 'vitest';
import { coverageMarkdown } from '../../src/control/coverage-markdown.js';
import { coverageReport, coverageShortfall } from '../../src/control/coverage-report.js';
import { compileOperations } from '../../src/openapi/compile-operations.js';
import { MemoryCoverage } from '../../src/state/memory-coverage.js';
import { MAX_ERROR_CODES, OTHER_CODE, type CoverageFacts } from '../../src/state/operation-tally.js';

// The report as a pure function of the specs and the counts: declared statuses as cells (exact,
// then `4XX`, then `default`), answered statuses the spec does not declare, inherited operations
// under the version serving them, the share of cells, and the threshold compared exactly.
const ok = { description: 'ok' };
const older = {
  openapi: '3.1.0',
  info: { title: 'a', version: '1' },
  paths: {
    '/ping': { get: { operationId: 'ping', security: [{ bearer: ['read'] }], responses: { '200': ok, '4XX': ok, default: ok } } },
    '/plain': { post: { operationId: 'plain', requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } } } } }, parameters: [{ name: 'after', in: 'query', schema: { type: 'string' } }], responses: { '200': ok } } },
  },
};
const newer = { openapi: '3.1.0', info: { title: 'b', version: '2' }, paths: { '/pong': { get: { operationId: 'pong', responses: { '200': ok, '404': ok } } } } };
const spec = compileOperations([
  { file: 'a.yaml', name: 'a.yaml', version: '2025-01-01', versionDates: ['2025-01-01'], document: older },
  { file: 'b.yaml', name: 'b.yaml', version: '2026-01-01', versionDates: ['2026-01-01'], document: newer },
]);

const facts = (key: string, status: number, more: Partial<CoverageFacts> = {}): CoverageFacts => ({ session: 's', key, status, forced: false, errorCode: undefined, tokenKind: 'none', fields: [], cursor: false, ...more });

describe('coverageReport', () => {
  const tally = new MemoryCoverage(10);
  // ping, inherited by 2026-01-01: counted under the version that served it.
  tally.count(facts('2026-01-01 ping', 200, { tokenKind: 'app_api_key' }));
  tally.count(facts('2026-01-01 ping', 404, { errorCode: 'resource_not_found', tokenKind: 'app_api_key' }));
  tally.count(facts('2026-01-01 ping', 429, { forced: true, errorCode: 'rate_limited', tokenKind: 'app_api_key' }));
  tally.count(facts('2026-01-01 ping', 302, { forced: true }));
  tally.count(facts('2025-01-01 plain', 418, { fields: ['body a', 'query after'] }));
  tally.count(facts('2025-01-01 plain', 200, { fields: ['body a'], cursor: true }));
  tally.count(facts('2025-01-01 plain', 0, { forced: true }));
  tally.count(facts('- pong', 400, { errorCode: 'invalid_api_version' }));
  tally.count(facts('1999-01-01 gone', 200));
  const report = coverageReport(spec, tally.read(null), null);
  const row = (version: string, operationId: string) => report.operations.find((op) => op.version === version && op.operationId === operationId);

  it('lists every operation each version serves, inherited ones under the serving version', () => {
    expect(report.operations.map((op) => `${op.version} ${op.operationId}`)).toEqual(['2025-01-01 ping', '2025-01-01 plain', '2026-01-01 pong', '2026-01-01 ping', '2026-01-01 plain']);
    expect(row('2025-01-01', 'ping')?.called).toBe(false);
  });

  it('fills a range or default cell with the statuses it covers; forced only when every answer was forced', () => {
    expect(row('2026-01-01', 'ping')).toMatchObject({
      requests: 4,
      statuses: [
        { status: '200', declared: true, seen: 1, forced: 0 },
        { status: '4XX', declared: true, seen: 2, forced: 1 },
        { status: 'default', declared: true, seen: 1, forced: 1 },
      ],
      unexercised: [],
      error_codes: { rate_limited: 1, resource_not_found: 1 },
      token_kinds: { user_oauth_token: 0, account_api_key: 0, app_api_key: 3, none: 1 },
      fields: [],
      pages: null,
    });
  });

  it('shows an answered status the spec does not declare, body fields, pages and dropped connections', () => {
    expect(row('2025-01-01', 'plain')).toMatchObject({
      requests: 3,
      dropped: 1,
      statuses: [
        { status: '200', declared: true, seen: 1, forced: 0 },
        { status: '418', declared: false, seen: 1, forced: 0 },
      ],
      fields: [
        { in: 'query', name: 'after', sent: 1 },
        { in: 'body', name: 'a', sent: 2 },
        { in: 'body', name: 'b', sent: 0 },
      ],
      // No security declared: only the kinds seen.
      token_kinds: { none: 3 },
      pages: { first: 0, followed: 1 },
    });
  });

  it('keeps requests that reached no version apart, leaves out operations no longer served, and shares the cells exactly', () => {
    expect(report.unrouted).toEqual([{ operationId: 'pong', requests: 1, statuses: { 400: 1 }, error_codes: { invalid_api_version: 1 } }]);
    // Cells: ping 3 + plain 1 in each version, pong 2: 10; exercised: 2026 ping 3, 2025 plain 1.
    expect(report.summary).toEqual({ cells: 10, exercised: 4, forced_only: 1, percent: 40, operations: 5, operations_called: 2, fields: 6, fields_sent: 2, requests: 9 });
    expect(coverageShortfall(report, 40)).toBeNull();
    expect(coverageShortfall(report, 40.01)).toBe('contract coverage 40% is below 40.01% (--coverage-fail-under): 4 of 10 declared (operation, version, status) cells were exercised');
  });

  it('rounds the percentage down, and holds the threshold to the exact share', () => {
    const two = new MemoryCoverage(10);
    two.count(facts('2026-01-01 pong', 200));
    two.count(facts('2026-01-01 ping', 200));
    two.count(facts('2026-01-01 ping', 500));
    // Specs of three cells (pong 200 and 404, x 200), which do not serve ping: its counts are left out.
    const onlyLatest = compileOperations([{ file: 'b.yaml', name: 'b.yaml', version: '2026-01-01', versionDates: ['2026-01-01'], document: { ...newer, paths: { ...newer.paths, '/x': { get: { operationId: 'x', responses: { '200': ok } } } } } }]);
    const report2 = coverageReport(onlyLatest, two.read(null), null);
    expect(report2.summary).toMatchObject({ cells: 3, exercised: 1, percent: 33.33 });
    // 2 of 3: 66.666…% shows as 66.66; 66.66 is met, 66.67 is not.
    two.count(facts('2026-01-01 pong', 404));
    const report3 = coverageReport(onlyLatest, two.read(null), null);
    expect(report3.summary.percent).toBe(66.66);
    expect(coverageShortfall(report3, 66.66)).toBeNull();
    expect(coverageShortfall(report3, 66.67)).toMatch(/^contract coverage 66.66% is below 66.67%/);
    expect(coverageShortfall(report3, 100)).not.toBeNull();
    expect(coverageShortfall(report3, 0)).toBeNull();
  });

  it('reads as Markdown: the share, a row per operation and version, what was never answered or sent', () => {
    const markdown = coverageMarkdown(report);
    expect(markdown).toContain('All sessions: **40%** of the declared (operation, version, status) cells exercised, 4 of 10 (1 of them only when forced: `Prefer` or a fault rule).');
    expect(markdown).toContain('| `ping` `GET /ping` | 2026-01-01 | 4 | ✅ 200 · ✅ 4XX · ⚡ default | — | user token 0 · account key 0 · app key 3 · no token 1 | — |');
    expect(markdown).toContain('| `plain` `POST /plain` | 2025-01-01 | 3 | ✅ 200 · ✅ 418 (not declared) | — | no token 3 | yes (1) |');
    expect(markdown).toContain('| `plain` | 2025-01-01 | body `b` |');
    expect(markdown).toContain('| `pong` | 1 | 400 1 | `invalid_api_version` 1 |');
  });
});

describe('MemoryCoverage', () => {
  it('keeps every session in the total, single sessions up to its cap (the first seen goes first)', () => {
    const tally = new MemoryCoverage(2);
    for (const session of ['a', 'b', 'c']) tally.count({ ...facts('2026-01-01 pong', 200), session });
    expect(tally.read('a').size).toBe(0);
    expect(tally.read('b').get('2026-01-01 pong')?.requests).toBe(1);
    expect(tally.read(null).get('2026-01-01 pong')?.requests).toBe(3);
  });

  it('keeps a bounded number of distinct error codes per operation, the rest together', () => {
    const tally = new MemoryCoverage(2);
    for (let i = 0; i < MAX_ERROR_CODES + 5; i += 1) tally.count(facts('2026-01-01 pong', 404, { errorCode: `code_${i}` }));
    const codes = tally.read(null).get('2026-01-01 pong')?.errorCodes;
    expect(codes?.size).toBe(MAX_ERROR_CODES + 1);
    expect(codes?.get(OTHER_CODE)).toBe(5);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { call, envelopeOf, ORIGINAL, SDK_DATE, startMock } from '../support/mock.js';
import { idsOf, PIXELFORGE } from './member-fixtures.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMock();
});
afterAll(() => server.close());

const [alex, maya, priya, hana, tom, omar, lead, jonas] = PIXELFORGE;

// Each filter at least twice with different values: every row selects some of PixelForge's eight
// members and leaves the others out (the expected list is exact, in the default order).
const cases: Array<[string, string[]]> = [
  ['access_level=admin', [alex]],
  ['access_level=customer', [maya, hana, tom, omar, jonas]],
  ['access_level=no_access', [priya, lead]],
  ['statuses[]=left&statuses[]=drafted', [priya, lead]],
  ['statuses[]=joined', [alex, maya, hana, tom, omar, jonas]],
  ['statuses=left', [priya]],
  ['most_recent_actions[]=trialing&most_recent_actions[]=canceling', [omar, jonas]],
  ['most_recent_actions[]=paid_subscriber', [maya]],
  ['user_ids[]=user_maya7Kd2&user_ids[]=user_tomOk4f', [maya, tom]],
  ['user_ids[]=user_samL1nd', []],
  ['product_ids[]=prod_pfbasics', [priya, hana, jonas]],
  ['product_ids[]=prod_pfpro', [maya, hana, tom, omar]],
  ['plan_ids[]=plan_pfproyearly', [maya, hana, omar]],
  ['plan_ids[]=plan_pfprolifetime&plan_ids[]=plan_pfbasicsmonthly', [priya, hana, tom, jonas]],
  ['promo_code_ids[]=promo_pflaunch', [maya, tom]],
  ['promo_code_ids[]=promo_nwvip', []],
  ['query=CHEN', [maya]],
  ['query=a-s', [hana]],
  ['query=coach', [alex]],
  ['query=example.org', [maya, tom]],
  ['created_after=2025-01-01T00:00:00Z', [tom, omar, lead, jonas]],
  ['created_after=2024-06-01T08:00:00Z', [hana, tom, omar, lead, jonas]],
  ['created_before=2024-06-01T08:00:00Z', [alex, maya]],
  ['created_before=2025-01-01T00:00:00Z', [alex, maya, priya, hana]],
  ['created_after=2024-01-01T00:00:00Z&created_before=2025-01-01T00:00:00Z', [maya, priya, hana]],
  ['product_ids[]=prod_pfbasics&statuses[]=joined', [hana, jonas]],
  ['company_id=biz_pixelforge&access_level=customer&query=ma', [maya, omar]],
];

describe('GET /members filters', () => {
  it('covers each filter with rows that select some members and exclude some', () => {
    for (const name of ['access_level', 'statuses', 'most_recent_actions', 'user_ids', 'product_ids', 'plan_ids', 'promo_code_ids', 'query', 'created_after', 'created_before']) {
      const rows = cases.filter(([query]) => query.startsWith(`${name}=`) || query.startsWith(`${name}[]=`));
      expect(rows.length, name).toBeGreaterThanOrEqual(2);
      expect(rows.some(([, ids]) => ids.length > 0 && ids.length < PIXELFORGE.length), name).toBe(true);
    }
  });

  describe.each([null, ORIGINAL, SDK_DATE])('with Api-Version-Date %s', (version) => {
    it.each(cases)('%s -> %j', async (query, expected) => {
      const reply = await call(server, { path: `/members?first=50&${query}`, token: 'tok_key_pixelforge_full', version });
      expect(reply.status).toBe(200);
      expect(idsOf(reply.body)).toEqual(expected);
    });
  });

  it('reads company_id for another company through its own key', async () => {
    const reply = await call(server, { path: '/members?company_id=biz_northwind&statuses[]=drafted', token: 'tok_key_northwind_full' });
    expect(idsOf(reply.body)).toEqual(['mber_nw07lead']);
  });

  it.each([
    ['statuses[]=gone', 'statuses'],
    ['access_level=owner', 'access_level'],
    ['most_recent_actions[]=napping', 'most_recent_actions'],
    ['created_after=yesterday', 'created_after'],
    ['order=name', 'order'],
    ['direction=up', 'direction'],
  ])('rejects %s with a 400 naming %s', async (query, param) => {
    const reply = await call(server, { path: `/members?${query}`, token: 'tok_key_pixelforge_full' });
    expect(reply.status).toBe(400);
    expect(envelopeOf(reply).param).toMatch(new RegExp(`^${param}`));
  });
});

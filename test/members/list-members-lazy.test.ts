import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/domain/principal.js';
import { listMembers, memberFilter, memberOrder } from '../../src/domain/members/list-members.js';
import { memberView } from '../../src/domain/members/member-view.js';
import { canSeeMember, listedCompany } from '../../src/domain/members/member-visibility.js';
import { CursorCodec, type PageParams } from '../../src/domain/paginate.js';
import { paginate } from '../support/paginate-array.js';
import { createWorld } from '../../src/world/create-world.js';
import { loadFixtures } from '../../src/bundle/fixture-files.js';
import { type MemberRecord } from '../../src/world/records.js';
import { type WorldState } from '../../src/world/world-state.js';
import { seededRandom, type Random } from '../../src/world/random.js';

// GET /members reads a page lazily from the shared sorted base merged with a session's own
// records. Held to the definition it replaced: sort every member, filter, paginate the array.

const codec = new CursorCodec('members-lazy-test');
const handler = listMembers(codec);
const key: Principal = { kind: 'account_api_key', token: 't', userId: null, accountId: 'biz_pixelforge', scopes: new Set(['member:basic:read', 'member:email:read']) };

function bruteForce(state: WorldState, principal: Principal, query: Record<string, unknown>) {
  const companyId = listedCompany(state, principal, query);
  const matches = memberFilter(state, principal, query);
  const order = memberOrder(query);
  const all = [...state.members.values()].filter((m) => m.company_id === companyId && canSeeMember(principal, m) && matches(m));
  all.sort((a, b) => order.compare(order.keyOf(a), order.keyOf(b)));
  const page = paginate(all, { scope: `members:${companyId}:${order.name}`, keyOf: order.keyOf, compare: order.compare, codec }, query as PageParams);
  return { data: page.data.map((m) => memberView(state, m)), page_info: page.page_info };
}

const run = (state: WorldState, principal: Principal, query: Record<string, unknown>) =>
  handler({ operationId: 'listMembers', path: {}, query, body: undefined, principal, state }).body;

function randomQuery(random: Random, members: readonly MemberRecord[]): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  const orders = ['id', 'usd_total_spent', 'created_at', 'joined_at', 'most_recent_action'];
  if (random.int(1) === 0) query.order = random.pick(orders);
  if (random.int(1) === 0) query.direction = random.pick(['asc', 'desc']);
  if (random.int(3) === 0) query.query = random.pick(['a', 'ma', 'son', 'e', 'zq']);
  if (random.int(3) === 0) query.most_recent_actions = [random.pick(['paid_subscriber', 'paid_once', 'trialing', 'renewing', 'joined'])];
  const size = 1 + random.int(49);
  if (random.int(2) === 0) query.last = size;
  else if (random.int(2) !== 0) query.first = size;
  const order = memberOrder(query);
  const scope = `members:biz_pixelforge:${order.name}`;
  if (random.int(1) === 0) query.after = codec.encode(scope, order.keyOf(random.pick(members)));
  if (random.int(1) === 0) query.before = codec.encode(scope, order.keyOf(random.pick(members)));
  return query;
}

describe('GET /members read lazily', () => {
  it('answers exactly like sorting and filtering every member, for 500 random orders, filters and cursors', async () => {
    const world = await createWorld(loadFixtures('fixtures'), { users: 600, seed: 31, members: true });
    const state = world.createState();
    const random = seededRandom(11);
    const members = [...state.members.values()].filter((m) => m.company_id === 'biz_pixelforge');
    for (let i = 0; i < 500; i += 1) {
      const query = randomQuery(random, members);
      expect(run(state, key, query), JSON.stringify(query)).toEqual(bruteForce(state, key, query));
    }
    // In a session that changed members and the users they show.
    for (let i = 0; i < 30; i += 1) {
      const member = random.pick(members);
      state.members.put({ ...member, usd_total_spent: random.int(9999) / 100, created_at: `2024-0${1 + (i % 9)}-01T00:00:00Z` });
    }
    for (let i = 0; i < 10; i += 1) state.members.apply(random.pick(members).id, null);
    for (let i = 0; i < 300; i += 1) {
      const query = randomQuery(random, members);
      expect(run(state, key, query), JSON.stringify(query)).toEqual(bruteForce(state, key, query));
    }
  });
});

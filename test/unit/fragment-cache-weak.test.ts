import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { FragmentCache } from '../../src/validation/fragment-cache.js';

// The cache must keep no record alive: not the item's own record (its key), and not the other
// records an item is built from (a member's user and company, a user's picture file), which
// outlive nothing but the session that holds them. Checked with a real collection: `gc` exposed
// in this worker (the flag set at run time, the function taken from a fresh context).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Lets the current job end (WeakRef targets read in it stay alive until then), then collects. */
async function collect(): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
  }
}

interface Served {
  readonly member: object;
  readonly company: object;
  readonly userRef: WeakRef<object>;
  readonly memberRef: WeakRef<object>;
}

/** A member served once with its user (a large bio) and company; only WeakRefs to the user leave this function. */
function serveOnce(cache: FragmentCache): Served {
  const member = Object.freeze({ id: 'mber_1', user_id: 'user_1', company_id: 'biz_1' });
  const user = Object.freeze({ id: 'user_1', name: 'Alex', bio: 'x'.repeat(200_000) });
  const company = Object.freeze({ id: 'biz_1', title: 'Pixelforge' });
  cache.set([member, user, company], 'v', '{"id":"mber_1"}');
  expect(cache.get([member, user, company], 'v')).toBe('{"id":"mber_1"}');
  return { member, company, userRef: new WeakRef(user), memberRef: new WeakRef(member) };
}

describe('FragmentCache keeps no record alive', () => {
  it('a dependency (the member\'s user) is collected once nothing else holds it; the entry then never matches', async () => {
    const cache = new FragmentCache();
    const { member, company, userRef } = serveOnce(cache);
    await collect();
    expect(userRef.deref()).toBeUndefined();
    // The member now shows no user: never the text made with the collected one.
    expect(cache.get([member, undefined, company], 'v')).toBeUndefined();
  });

  it('the item\'s own record is collected too', async () => {
    const cache = new FragmentCache();
    const { memberRef } = (() => {
      const served = serveOnce(cache);
      return { memberRef: served.memberRef };
    })();
    await collect();
    expect(memberRef.deref()).toBeUndefined();
  });

  it('still hits while its records live, across collections', async () => {
    const cache = new FragmentCache();
    const member = { id: 'mber_2' };
    const user = { id: 'user_2' };
    cache.set([member, user, undefined], 'v', 'text');
    await collect();
    expect(cache.get([member, user, undefined], 'v')).toBe('text');
    expect(cache.get([member, { ...user }, undefined], 'v')).toBeUndefined();
    expect(cache.get([member, user, { id: 'biz' }], 'v')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { CachedSession } from '../../src/state/redis/cached-session.js';
import { RedisSession, type CommitResult, type SessionCommits } from '../../src/state/redis/redis-session.js';
import type { RecordWrite } from '../../src/world/write-ledger.js';
import type { WorldState } from '../../src/world/world-state.js';

// RedisSession.transact for an answer read from a trusted copy without an open ("unopened"):
// what its journal entry is left to confirm after each way its commit can go. The store's side
// (the scripts) runs against a real redis-server in unopened-reads.test.ts; here the commit's
// outcome is dictated, to reach the one a real store cannot be made to give on demand (a
// commit whose reply never came).
const WRITE = { kind: 'users', key: 'user_1', value: null } as unknown as RecordWrite;

function copy(writes: RecordWrite[]): CachedSession {
  const state = { ledger: { capture: () => undefined, collected: () => writes } } as unknown as WorldState;
  const entry = new CachedSession(state);
  entry.epoch = 'e1';
  entry.version = 7;
  entry.stale = false;
  entry.faults = 0;
  entry.trusted = true;
  return entry;
}

function session(entry: CachedSession, commit: () => Promise<CommitResult>): RedisSession {
  const store: SessionCommits = { refresh: async () => undefined, commit };
  return new RedisSession('s', entry, store, 1000, true, () => ({}) as never);
}

describe('RedisSession: what an unopened answer leaves for its journal entry to confirm', () => {
  it('a read (no writes): the copy it was read from, moved on only by this replica\'s own commits', async () => {
    const entry = copy([]);
    const s = session(entry, () => Promise.reject(new Error('no commit expected')));
    entry.version = 8;
    await expect(s.transact(async () => 'answer')).resolves.toBe('answer');
    expect(s.readAt).toEqual({ epoch: 'e1', version: 8 });
  });

  it('a copy an open changed since it was handed out (reloaded, or another replica\'s writes applied): stale (run again), never confirmed at the new version', async () => {
    const entry = copy([]);
    const s = session(entry, () => Promise.reject(new Error('no commit expected')));
    entry.version = 9;
    entry.taken += 1;
    await expect(s.transact(async () => 'answer')).rejects.toMatchObject({ code: 'mock_store_busy' });
    expect(s.stale).toBe(true);
    expect(entry.trusted).toBe(false);
  });

  it('a committed write: nothing, the commit checked it', async () => {
    const s = session(copy([WRITE]), async () => ({ kind: 'ok', version: 8 }));
    await s.transact(async () => 'answer');
    expect(s.readAt).toBeUndefined();
  });

  it('a commit whose fate is unknown: nothing, so the request is never run again (its write may be in)', async () => {
    const entry = copy([WRITE]);
    const s = session(entry, () => Promise.reject(new Error('timed out')));
    await expect(s.transact(async () => 'answer')).rejects.toThrow('timed out');
    expect(s.readAt).toBeUndefined();
    expect(entry.stale).toBe(true);
  });

  it('a commit refused for a fault rule it did not take: stale (run again), the copy reloaded and no longer trusted', async () => {
    const entry = copy([WRITE]);
    const s = session(entry, async () => ({ kind: 'faults' }));
    await expect(s.transact(async () => 'answer')).rejects.toMatchObject({ code: 'mock_store_busy' });
    expect(s.stale).toBe(true);
    expect(entry.stale).toBe(true);
    expect(entry.trusted).toBe(false);
  });
});

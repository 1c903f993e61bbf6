import { describe, expect, it } from 'vitest';
import { BATCH_ITEMS, CallBatch, type Answer } from '../../src/state/redis/call-batch.js';

/** A store stand-in that records each call it gets and answers when told to. */
function recordingSend() {
  const calls: number[][] = [];
  const answers: ((fail?: Error) => void)[] = [];
  const send = (items: number[]) => {
    calls.push(items);
    return new Promise<string[]>((resolve, reject) => answers.push((fail) => (fail ? reject(fail) : resolve(items.map((n) => `seq ${n}`)))));
  };
  return { calls, answers, send };
}

/** Settles an item with its own result, or rejects with its call's error. */
function asIs<O>(): Answer<O, O> {
  return {
    ok: (result) => result,
    failed: (error) => {
      throw error;
    },
  };
}

describe('CallBatch (journal appends of one turn of the event loop as one store call)', () => {
  it('sends the items added in one turn as one call, and answers each with its own result only once the call is answered', async () => {
    const { calls, answers, send } = recordingSend();
    const batch = new CallBatch(send);
    const settled: string[] = [];
    const pending = [1, 2, 3].map((n) => batch.add(n, asIs()).then((result) => void settled.push(result)));
    expect(calls).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([[1, 2, 3]]);
    // Nobody is answered before the store has answered the call that carries their item.
    expect(settled).toEqual([]);
    answers[0]?.();
    await Promise.all(pending);
    expect(settled).toEqual(['seq 1', 'seq 2', 'seq 3']);
  });

  it('sends items of a later turn in a call of their own, without waiting for the earlier one', async () => {
    const { calls, answers, send } = recordingSend();
    const batch = new CallBatch(send);
    const first = batch.add(1, asIs());
    await new Promise((resolve) => setImmediate(resolve));
    const second = batch.add(2, asIs());
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([[1], [2]]);
    answers[1]?.();
    await expect(second).resolves.toBe('seq 2');
    answers[0]?.();
    await expect(first).resolves.toBe('seq 1');
  });

  it('rejects every item of a failed call with its error, and only those', async () => {
    const { answers, send } = recordingSend();
    const batch = new CallBatch(send);
    const failed = [batch.add(1, asIs()), batch.add(2, asIs())];
    await new Promise((resolve) => setImmediate(resolve));
    const later = batch.add(3, asIs());
    await new Promise((resolve) => setImmediate(resolve));
    answers[0]?.(new Error('store down'));
    answers[1]?.();
    for (const item of failed) await expect(item).rejects.toThrow('store down');
    await expect(later).resolves.toBe('seq 3');
  });

  it('splits a turn with more items than one call carries, and rejects an item the store did not answer', async () => {
    const calls: number[][] = [];
    const batch = new CallBatch(async (items: number[]) => {
      calls.push(items);
      return items.slice(0, -1);
    });
    const all = Array.from({ length: BATCH_ITEMS + 1 }, (_, n) => batch.add(n, asIs()));
    const results = await Promise.allSettled(all);
    expect(calls.map((items) => items.length)).toEqual([BATCH_ITEMS, 1]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(BATCH_ITEMS - 1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(2);
  });

  it('rejects the items of a call whose sending throws', async () => {
    const batch = new CallBatch<number, number>(() => {
      throw new Error('cannot send');
    });
    await expect(batch.add(1, asIs())).rejects.toThrow('cannot send');
  });

  it('settles an item added with an answer with what the answer makes of its result or of the call error, a throw rejecting', async () => {
    const { answers, send } = recordingSend();
    const batch = new CallBatch(send);
    const answer = {
      ok: (result: string) => {
        if (result === 'seq 2') throw new Error('refuted 2');
        return result.toUpperCase();
      },
      failed: (error: unknown) => {
        if ((error as Error).message === 'down') return 'kept anyway';
        throw new Error('unconfirmed');
      },
    };
    const first = [1, 2, 3].map((n) => batch.add(n, answer));
    await new Promise((resolve) => setImmediate(resolve));
    answers[0]?.();
    const settled = await Promise.allSettled(first);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual(['SEQ 1', 'refuted 2', 'SEQ 3']);
    const failed = [batch.add(4, answer)];
    await new Promise((resolve) => setImmediate(resolve));
    answers[1]?.(new Error('down'));
    await expect(failed[0]).resolves.toBe('kept anyway');
    const unconfirmed = batch.add(5, answer);
    await new Promise((resolve) => setImmediate(resolve));
    answers[2]?.(new Error('timed out'));
    await expect(unconfirmed).rejects.toThrow('unconfirmed');
  });
});

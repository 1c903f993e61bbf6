import { Command } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/http/logger.js';
import { EvalshaScratch, SCRATCH_BYTES, SCRATCH_KEEP_BYTES, evalshaBytes } from '../../src/redis/evalsha-bytes.js';
import { connectStore, type StoreClient } from '../../src/redis/redis-client.js';
import { storeUrl } from '../../src/redis/store-url.js';
import { redisInstalled, startRedis, type RedisServer } from '../support/redis-server.js';
import { useRedis } from '../support/redis-mock.js';

/** The plain way: measure every argument, then concatenate. */
function reference(sha: string, args: readonly string[]): Buffer {
  const parts = ['EVALSHA', sha, '0', ...args].map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`);
  return Buffer.from(`*${args.length + 3}\r\n${parts.join('')}`);
}

const SHA = 'a'.repeat(40);
// ASCII; a header whose digits grow with the bytes (5 characters, 10 bytes); the same digits
// (10 characters, 11 bytes); 4-byte characters; a lone surrogate; empty; newlines and JSON.
const ARGS = ['whop-mock:', 'é'.repeat(5), `${'x'.repeat(9)}é`, '😀'.repeat(40), 'a\ud800b', '', 'name\nepoch\n{"a":"b\\n"}\n', 'ü'.repeat(600)];

describe('evalshaBytes (a journal append call built in one pass)', () => {
  it('builds exactly the bytes of EVALSHA with every argument measured in UTF-8', () => {
    expect(evalshaBytes(SHA, ARGS).equals(reference(SHA, ARGS))).toBe(true);
    for (const arg of ARGS) expect(evalshaBytes(SHA, [arg, 'after']).equals(reference(SHA, [arg, 'after']))).toBe(true);
    expect(evalshaBytes(SHA, []).equals(reference(SHA, []))).toBe(true);
  });
});

describe.runIf(redisInstalled)('evalshaBytes against a real redis-server', () => {
  const ctx = useRedis();

  it('Redis reads every argument back as it was sent', async () => {
    const sha = (await ctx.client.script('LOAD', 'return ARGV')) as string;
    class Built extends Command {
      constructor(private readonly bytes: Buffer) {
        super('evalsha', [], { replyEncoding: 'utf8' });
      }
      override toWritable(): Buffer {
        return this.bytes;
      }
    }
    const sent = ARGS.filter((arg) => !arg.includes('\ud800'));
    expect(await ctx.client.sendCommand(new Built(evalshaBytes(sha, sent)))).toEqual(sent);
  });
});

describe('EvalshaScratch (one buffer for every call)', () => {
  it('builds the same bytes as evalshaBytes, call after call, in the buffer it keeps', () => {
    const scratch = new EvalshaScratch();
    const first = scratch.build(SHA, ARGS);
    expect(first.equals(reference(SHA, ARGS))).toBe(true);
    scratch.release(true);
    const second = scratch.build(SHA, ['short']);
    expect(second.equals(reference(SHA, ['short']))).toBe(true);
    expect(second.buffer).toBe(first.buffer);
    // Still held by whoever took them: the next call gets a buffer of its own.
    scratch.release(false);
    expect(scratch.build(SHA, ['short']).buffer).not.toBe(second.buffer);
    // Larger than the buffer: a larger one.
    const large = ['x'.repeat(SCRATCH_BYTES)];
    expect(scratch.build(SHA, large).equals(reference(SHA, large))).toBe(true);
  });

  it('does not keep a buffer one very large call grew past SCRATCH_KEEP_BYTES', () => {
    const scratch = new EvalshaScratch();
    const huge = ['x'.repeat(SCRATCH_KEEP_BYTES)];
    expect(scratch.build(SHA, huge).buffer.byteLength).toBeGreaterThan(SCRATCH_KEEP_BYTES);
    scratch.release(true);
    const next = scratch.build(SHA, ['short']);
    expect(next.equals(reference(SHA, ['short']))).toBe(true);
    expect(next.buffer.byteLength).toBeLessThanOrEqual(SCRATCH_KEEP_BYTES);
    scratch.release(true);
    expect(scratch.build(SHA, ['short']).buffer).toBe(next.buffer);
  });
});

describe.runIf(redisInstalled)('the store client on a real redis-server', () => {
  let redis: RedisServer;
  let store: StoreClient;
  beforeAll(async () => {
    redis = await startRedis();
    store = await connectStore(storeUrl(redis.url), 30_000, createLogger('silent'));
    // The script loaded first, so the calls below run by their hash (no fallback that resends).
    await store.run('wmInit', ['test:load:', 'f', 's']);
  });
  afterAll(async () => {
    await store?.close();
    await redis?.stop();
  });

  it('sends each call intact when the socket still holds the previous one (bytes not reused while queued)', async () => {
    // Each call larger than the socket takes at once: the first is still queued when the second
    // is built. wmInit answers with the fingerprint it stored, so each reply shows what arrived.
    const big = (c: string): string => c.repeat(8 * 1024 * 1024);
    const calls = ['a', 'b', 'c'].map((c) => store.runBuilt('wmInit', [`test:${c}:`, big(c), 's']));
    const replies = (await Promise.all(calls)) as [string, string][];
    expect(replies.map(([fingerprint]) => [fingerprint.length, fingerprint === big(fingerprint[0] as string)])).toEqual([
      [big('a').length, true],
      [big('b').length, true],
      [big('c').length, true],
    ]);
    expect(replies.map(([fingerprint]) => fingerprint[0])).toEqual(['a', 'b', 'c']);
    // And a small call after them reuses a buffer again, intact.
    expect(await store.runBuilt('wmInit', ['test:d:', 'd', 's'])).toEqual(['d', 's']);
  });
});

import { Command, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalshaBytes } from '../../src/redis/evalsha-bytes.js';
import { redisInstalled, startRedis, type RedisServer } from '../support/redis-server.js';

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
  let redis: RedisServer;
  let client: Redis;
  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
  });
  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  it('Redis reads every argument back as it was sent', async () => {
    const sha = (await client.script('LOAD', 'return ARGV')) as string;
    class Built extends Command {
      constructor(private readonly bytes: Buffer) {
        super('evalsha', [], { replyEncoding: 'utf8' });
      }
      override toWritable(): Buffer {
        return this.bytes;
      }
    }
    const sent = ARGS.filter((arg) => !arg.includes('\ud800'));
    expect(await client.sendCommand(new Built(evalshaBytes(sha, sent)))).toEqual(sent);
  });
});

import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { ApiError } from '../../kernel/api-error.js';
import { errors } from '../../kernel/catalogue.js';
import type { Logger } from '../../logging/logger.js';
import { luaCoverage } from './lua-coverage.js';
import { luaFaults } from './lua-faults.js';
import { luaJournal } from './lua-journal.js';
import { luaSession } from './lua-session.js';

/** The store's scripts, each a Redis command (EVALSHA, falling back to EVAL after a Redis restart). */
const SCRIPTS = { ...luaSession, ...luaJournal, ...luaFaults, ...luaCoverage };

export type ScriptName = keyof typeof SCRIPTS;
export type Reply = string | number | null | Reply[];

export interface StoreClient {
  /** Runs a script; a failure of the connection (down, timed out) is a 503 `mock_store_unavailable`. */
  run(script: ScriptName, args: readonly (string | number)[]): Promise<Reply>;
  range(key: string, from: string, count: number): Promise<[string, string[]][]>;
  close(): Promise<void>;
}

/** A `--store redis://…` URL, checked at start, and as messages show it (without a password). */
export interface StoreUrl {
  readonly url: string;
  readonly shown: string;
}

export function storeUrl(url: string): StoreUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`store "${url}" is not a URL: use memory or redis://host:port/db`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error(`store "${url}": use memory or redis://host:port/db (or rediss:// for TLS)`);
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,5}$/.test(db)) throw new Error(`store "${url}": the database (after the last /) must be a number, got "${db}"`);
  if (parsed.hostname === '') throw new Error(`store "${url}": no host`);
  return { url, shown: `${parsed.protocol}//${parsed.username || parsed.password ? '***@' : ''}${parsed.host}/${db || '0'}` };
}

/**
 * One ioredis client per server (scripts sent as EVALSHA with the EVAL fallback built in; it
 * reconnects by itself). No auto-pipelining: the store batches its hot calls itself, and it only
 * added a wait and a cost per command. Commands fail at once while disconnected (no offline queue)
 * and after `commandTimeoutMs`, so a request answers 503 rather than hanging.
 */
export async function connectStore(url: StoreUrl, commandTimeoutMs: number, logger: Logger): Promise<StoreClient> {
  const redis = new Redis(url.url, {
    lazyConnect: true,
    enableAutoPipelining: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: Math.max(commandTimeoutMs, 2000),
    retryStrategy: (times) => Math.min(100 * times, 1000),
  });
  for (const [name, lua] of Object.entries(SCRIPTS)) redis.defineCommand(name, { numberOfKeys: 0, lua });
  let up = false;
  let lastError: Error | undefined;
  redis.on('error', (error: Error) => {
    lastError = error;
    if (!up) return;
    up = false;
    logger.warn('the Redis store is unavailable: requests answer 503 until it is back', { store: url.shown, error: error.message });
  });
  redis.on('ready', () => {
    if (up) return;
    if (started) logger.info('the Redis store is available again', { store: url.shown });
    up = true;
  });
  let started = false;
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`cannot reach the Redis store at ${url.shown}: ${(lastError ?? (error as Error)).message}`);
  }
  started = true;
  const call = redis as unknown as Record<ScriptName, (...args: (string | number)[]) => Promise<Reply>>;
  return {
    run: (script, args) => call[script](...args).catch((error: unknown) => Promise.reject(storeError(error, logger, script))),
    range: (key, from, count) =>
      (redis.xrange(key, from, '+', 'COUNT', count) as Promise<[string, string[]][]>).catch((error: unknown) => Promise.reject(storeError(error, logger, 'XRANGE'))),
    close: async () => void redis.disconnect(),
  };
}

/** What a failed store command means for the request: a 503 the client may retry. */
function storeError(error: unknown, logger: Logger, what: string): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // A script that Redis refused to run is a bug in the mock, not an outage: say so loudly.
  if (/ERR|WRONGTYPE/.test(message) && !/Connection|connect|Stream isn't writeable|timed out/i.test(message)) logger.error('a store script failed', { script: what, error: message });
  return errors.storeUnavailable(/timed? ?out/i.test(message) ? 'it did not answer in time' : 'it cannot be reached');
}

/**
 * At start: the first replica registers its world's fingerprint and cursor secret; later ones must
 * bring the same. Resolves with the store's cursor secret; on failure, closes the client.
 */
export async function initStore(client: StoreClient, prefix: string, url: StoreUrl, fingerprint: string, wanted: string | undefined): Promise<string> {
  try {
    const [theirs, cursorSecret] = (await client.run('wmInit', [prefix, fingerprint, wanted ?? randomBytes(16).toString('hex')])) as [string, string];
    if (theirs !== fingerprint) {
      throw new Error(`the Redis store at ${url.shown} holds another world (fingerprint ${theirs}) than this replica's (${fingerprint}): start every replica with the same --specs, --fixtures, --generate-users and --seed, or give this one another database`);
    }
    if (wanted !== undefined && cursorSecret !== wanted) {
      throw new Error(`the Redis store at ${url.shown} holds another cursor secret than --cursor-secret: give every replica the same one (or none, to use the store's)`);
    }
    return cursorSecret;
  } catch (error) {
    await client.close();
    throw error instanceof Error && !('status' in error) ? error : new Error(`cannot use the Redis store at ${url.shown}: ${(error as Error).message}`);
  }
}

import { createHash } from 'node:crypto';
import { Command, Redis } from 'ioredis';
import { ApiError } from '../errors/api-error.js';
import { errors } from '../errors/catalogue.js';
import type { Logger } from '../http/logger.js';
import * as faults from './lua-faults.js';
import * as journal from './lua-journal.js';
import * as session from './lua-session.js';
import { EvalshaScratch, evalshaBytes } from './evalsha-bytes.js';
import type { StoreUrl } from './store-url.js';

/** The store's scripts, each a Redis command (EVALSHA, falling back to EVAL after a Redis restart). */
const SCRIPTS = {
  wmOpen: session.OPEN,
  wmCommit: session.COMMIT,
  wmRestore: session.RESTORE,
  wmReset: session.RESET,
  wmCount: session.COUNT,
  wmInit: session.INIT,
  wmNames: session.NAMES,
  wmAdopt: session.ADOPT,
  wmAppend: journal.APPEND,
  wmClearJournal: journal.CLEAR,
  wmAddFault: faults.ADD,
  wmTakeFault: faults.TAKE,
  wmListFaults: faults.LIST,
  wmClearFaults: faults.CLEAR_FAULTS,
  wmRemoveFault: faults.REMOVE_FAULT,
} as const;

export type ScriptName = keyof typeof SCRIPTS;
type Reply = string | number | null | Reply[];

/** A connected client and the one way the store talks through it. */
export interface StoreClient {
  /** Runs a script; a failure of the connection (down, timed out) is a 503 `mock_store_unavailable`. */
  run(script: ScriptName, args: readonly (string | number)[]): Promise<Reply>;
  /**
   * `run` for the hot path: the command's bytes built in one pass (evalsha-bytes.ts), sent as
   * they are; a Redis that lost its scripts (restarted) gets the script through `run`.
   */
  runBuilt(script: ScriptName, args: readonly string[]): Promise<Reply>;
  /** XRANGE, for reading a journal. */
  range(key: string, from: string, count: number): Promise<[string, string[]][]>;
  close(): Promise<void>;
}

/**
 * One ioredis client per server. Why ioredis: scripts are defined once and sent as EVALSHA (with
 * the EVAL fallback after a Redis restart built in), and it reconnects by itself. Commands go out
 * as they are issued, several in flight on the one connection: the store batches its hot calls
 * itself (one session open per wave of requests, the journal entries of one turn of the event loop in a few appends),
 * and ioredis's auto-pipelining, which holds every command while its previous pipeline is in
 * flight, only added a wait and a cost per command on top of that. Commands fail at once while
 * disconnected (no offline queue) and after `commandTimeoutMs`, so a request answers 503 rather
 * than hanging; the mock recovers as soon as Redis is back. Start-up fails with one line when
 * Redis cannot be reached.
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
  const shas = new Map(Object.entries(SCRIPTS).map(([name, lua]) => [name, createHash('sha1').update(lua).digest('hex')]));
  const run = (script: ScriptName, args: readonly (string | number)[]): Promise<Reply> => call[script](...args).catch((error: unknown) => Promise.reject(storeError(error, logger, script)));
  const scratch = new EvalshaScratch();
  return {
    run,
    runBuilt: (script, args) => {
      const command = new BuiltCommand(shas.get(script) as string, args, scratch);
      const sent = redis.sendCommand(command) as Promise<Reply>;
      // Written at once, the bytes are the kernel's: the scratch serves the next call. Queued
      // (the socket busy or not connected), the socket still holds them: the next call gets another.
      if (command.built) scratch.release(redis.stream.writableLength === 0);
      return sent.catch((error: unknown) =>
        error instanceof Error && error.message.startsWith('NOSCRIPT') ? run(script, args) : Promise.reject(storeError(error, logger, script)),
      );
    },
    range: (key, from, count) =>
      (redis.xrange(key, from, '+', 'COUNT', count) as Promise<[string, string[]][]>).catch((error: unknown) => Promise.reject(storeError(error, logger, 'XRANGE'))),
    close: async () => {
      redis.disconnect();
    },
  };
}

/**
 * A command whose bytes are built in one pass (evalsha-bytes.ts): ioredis sends them as they are
 * and reads the reply as text. The first write builds them in the client's scratch buffer; a
 * later one (a command resent after a reconnection) in a buffer of its own, the scratch having
 * served other calls since.
 */
class BuiltCommand extends Command {
  built = false;

  constructor(
    private readonly sha: string,
    private readonly scriptArgs: readonly string[],
    private readonly scratch: EvalshaScratch,
  ) {
    super('evalsha', [], { replyEncoding: 'utf8' });
  }

  override toWritable(): Buffer {
    if (this.built) return evalshaBytes(this.sha, this.scriptArgs);
    this.built = true;
    return this.scratch.build(this.sha, this.scriptArgs);
  }
}

/** What a failed store command means for the request: a 503 the client may retry. */
function storeError(error: unknown, logger: Logger, what: string): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // A script that Redis refused to run is a bug in the mock, not an outage: say so loudly.
  if (/ERR|WRONGTYPE/.test(message) && !/Connection|connect|Stream isn't writeable|timed out/i.test(message)) logger.error('a store script failed', { script: what, error: message });
  return errors.storeUnavailable(/timed? ?out/i.test(message) ? 'it did not answer in time' : 'it cannot be reached');
}

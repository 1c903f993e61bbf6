import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Logger } from '../logging/logger.js';
import { isPromise } from '../state/maybe-promise.js';
import type { SessionStore } from '../state/session-store.js';
import { fixtureKindNames } from '../world/fixture-kinds.js';
import type { Fixtures } from '../world/records.js';
import { DEFAULT_SESSION } from '../state/session-registry.js';
import { worldDiff } from '../world/world-diff.js';
import type { WorldState } from '../world/world-state.js';
import type { World } from '../world/world.js';
import type { RecordWrite } from '../world/write-ledger.js';
import { checkPostedWorld } from '../bundle/check-posted-world.js';
import type { ServedWorld } from '../core/served-world.js';

export interface StateKeeperOptions {
  readonly path: string;
  /** Also save this often when the default session changed since the last save; 0: only on a clean stop. */
  readonly saveEveryMs: number;
  /** The memory store (the only one a state file is for). */
  readonly store: SessionStore;
  readonly logger: Logger;
}

/** What a reload takes from the default session before the swap, to put back after it. */
export interface KeptWorld {
  readonly world: Fixtures;
  /** Its own records: what it added, changed or deleted against the fixtures it was built on. */
  readonly own: readonly RecordWrite[];
}

/**
 * `--state-file`: the default session's world, loaded at start (missing: the fixtures; not JSON:
 * start-up stops naming it), saved on a clean stop and, with `--state-save-seconds`, when it changed.
 * A reload puts its own records back on the new fixtures (else its whole world); should the new
 * specs refuse even that, it starts from the new fixtures and the file is left as it is, with an
 * error logged. Writes are atomic (renamed over it: never half a world); a failed one is logged.
 */
export class StateKeeper {
  #timer: ReturnType<typeof setInterval> | undefined;
  #saving: Promise<void> = Promise.resolve();
  #saved: { readonly state: WorldState; readonly writes: number } | undefined;
  #heldBack: string | undefined;

  constructor(private readonly options: StateKeeperOptions) {}

  /** At start: the file's world into the default session (`restore` checks it); rejects naming the file. */
  async load(restore: (world: unknown) => unknown): Promise<void> {
    const saved = readStateFile(this.options.path);
    try {
      if (saved !== undefined) await restore(saved);
    } catch (error) {
      throw new Error(`${this.options.path}: ${messageOf(error)}`);
    }
    if (this.options.saveEveryMs > 0) {
      this.#timer = setInterval(() => void this.save(false), this.options.saveEveryMs);
      this.#timer.unref();
    }
  }

  /** Before a reload replaces `previous`: the default session's world, when it holds records of its own. */
  keep(previous: ServedWorld): KeptWorld | undefined {
    if (this.#heldBack !== undefined) return undefined;
    const world = this.#state().toJSON();
    const own = worldDiff(previous.world, world);
    return own.length === 0 ? undefined : { world, own };
  }

  /** After the sessions moved to `next` (before any request sees it): the kept world put back. */
  async putBack(kept: KeptWorld | undefined, next: ServedWorld): Promise<void> {
    if (kept === undefined) return;
    let problem = '';
    for (const world of [() => replayed(next.world, kept.own), () => kept.world]) {
      try {
        await this.options.store.restore(DEFAULT_SESSION, checkPostedWorld(next, world()));
        return;
      } catch (error) {
        problem = messageOf(error);
      }
    }
    this.#heldBack = problem;
    this.options.logger.error(`state file ${this.options.path}: the default session's world does not fit the reloaded specs and fixtures (${problem}); it starts from the new fixtures, and this process leaves the file as it is (restart to load it, or fix it)`);
  }

  /** Writes the default session's world, when it changed since the last write (or `always`). */
  save(always: boolean): Promise<void> {
    this.#saving = this.#saving.then(() => this.#write(always));
    return this.#saving;
  }

  /** On a clean stop: the periodic save ends, and the world is written one last time. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.save(true);
    if (this.#heldBack !== undefined) this.options.logger.warn(`state file ${this.options.path} left as it was: ${this.#heldBack}`);
  }

  async #write(always: boolean): Promise<void> {
    if (this.#heldBack !== undefined) return;
    const state = this.#state();
    if (!always && this.#saved?.state === state && this.#saved.writes === state.ledger.writes) return;
    const mark = { state, writes: state.ledger.writes };
    try {
      await writeFileAtomically(this.options.path, `${JSON.stringify(state.toJSON(), null, 2)}\n`);
      this.#saved = mark;
    } catch (error) {
      this.options.logger.error(`state file ${this.options.path} could not be written; the previous one stays`, { error: messageOf(error) });
    }
  }

  #state(): WorldState {
    const session = this.options.store.open(DEFAULT_SESSION);
    if (isPromise(session)) throw new Error('a state file is kept only for the memory store');
    return session.state;
  }
}

/** The fixtures of `world` with a session's own records written over them. */
function replayed(world: World, own: readonly RecordWrite[]): Fixtures {
  const lists: Record<string, unknown[]> = {};
  for (const kind of fixtureKindNames) {
    const records = new Map<string, unknown>(world.bases[kind].records as ReadonlyMap<string, unknown>);
    for (const write of own) {
      if (write.kind !== kind) continue;
      if (write.json === null) records.delete(write.key);
      else records.set(write.key, JSON.parse(write.json) as unknown);
    }
    lists[kind] = [...records.values()];
  }
  return lists as unknown as Fixtures;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function readStateFile(path: string): unknown {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${path}: not valid JSON: ${(error as Error).message}`);
  }
}

/** Written beside its final name, then renamed: a reader never sees half a file. The temporary file is removed when the write fails. */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  // Unique per write: two servers (or two saves) never share a temporary file.
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

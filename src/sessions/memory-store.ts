import { SessionRegistry } from '../store/session-registry.js';
import { worldDiff, writtenBytes } from '../store/world-diff.js';
import type { World } from '../store/world.js';
import { errors } from '../errors/catalogue.js';
import type { SessionExtras } from './session-extras.js';
import type { SessionStore } from './session-store.js';

export interface MemoryStoreOptions {
  readonly maxSessions: number;
  readonly idleTtlMs: number;
  readonly sessionBytes: number;
  readonly createExtras: () => SessionExtras;
}

/**
 * Sessions in this process (the default store): a SessionRegistry whose answers are immediate,
 * so the request path takes no extra turn of the event loop for them. A session the registry
 * lets go of (evicted, reset) empties its journal at once, returning its bytes to the process's
 * journal budget.
 */
export function memoryStore(initial: World, options: MemoryStoreOptions): SessionStore {
  let world = initial;
  const sessions = new SessionRegistry<SessionExtras>(world, {
    maxSessions: options.maxSessions,
    idleTtlMs: options.idleTtlMs,
    sessionBytes: options.sessionBytes,
    createExtras: options.createExtras,
    onDrop: (session) => void session.extras.journal.clear(),
  });
  return {
    kind: 'memory',
    open: (name) => sessions.session(name),
    write: (name, change) => change(sessions.session(name).state),
    reset: (name) => void sessions.reset(name),
    restore: (name, posted) => {
      const writes = worldDiff(world, posted);
      const bytes = writtenBytes(writes);
      if (bytes > options.sessionBytes) throw errors.sessionFull(options.sessionBytes, bytes);
      const state = sessions.createState();
      state.apply(writes);
      sessions.replaceState(name, state);
    },
    count: () => sessions.names().length,
    names: () => sessions.names(),
    adopt: (next, from, to) => {
      if (from === to && next === world) return;
      world = next;
      sessions.rebase(next);
    },
    close: async () => undefined,
  };
}

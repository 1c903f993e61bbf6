import { SessionRegistry, type SessionRegistryOptions } from './session-registry.js';
import { worldDiff, writtenBytes } from '../world/world-diff.js';
import type { World } from '../world/world.js';
import { errors } from '../kernel/catalogue.js';
import type { MemoryExtras } from './session-extras.js';
import type { SessionStore } from './session-store.js';

export type MemoryStoreOptions = Required<Pick<SessionRegistryOptions<MemoryExtras>, 'maxSessions' | 'idleTtlMs' | 'sessionBytes' | 'createExtras'>>;

/**
 * Sessions in this process (the default store), answering at once. A session the registry lets go
 * of empties its journal at once, returning its bytes to the process's journal budget.
 */
export function memoryStore(initial: World, options: MemoryStoreOptions): SessionStore {
  let world = initial;
  const sessions = new SessionRegistry<MemoryExtras>(world, {
    ...options,
    // Fault rules and records share the session's byte budget.
    besideBytes: (extras) => extras.faults,
    onDrop: (session) => void session.extras.journal.clear(),
  });
  return {
    kind: 'memory',
    open: (name) => sessions.session(name),
    serve: (name, work) => work(sessions.session(name)),
    write: (name, change) => change(sessions.session(name).state),
    reset: (name) => void sessions.reset(name),
    restore: (name, posted) => {
      const writes = worldDiff(world, posted);
      const session = sessions.session(name);
      const bytes = writtenBytes(writes) + session.extras.faults.bytes;
      if (bytes > options.sessionBytes) throw errors.sessionFull(options.sessionBytes, bytes);
      // A new world; the session's extras (journal, fault rules) stay.
      const state = sessions.createState(session.extras);
      state.apply(writes);
      session.state = state;
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

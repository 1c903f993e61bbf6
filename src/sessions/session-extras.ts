import { Journal } from '../journal/journal.js';
import { FaultList } from '../simulation/fault-list.js';

/** What the control plane keeps per session beside its world; replaced together on reset. */
export interface SessionExtras {
  readonly journal: Journal;
  readonly faults: FaultList;
}

/** The SessionRegistry's `createExtras` for a server whose journals keep `journalLimit` entries. */
export function sessionExtras(journalLimit: number): () => SessionExtras {
  return () => ({ journal: new Journal(journalLimit), faults: new FaultList() });
}

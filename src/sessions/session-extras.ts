import type { Journal } from '../journal/journal.js';
import type { JournalBudget } from '../journal/journal-budget.js';
import { MemoryJournal, type JournalLimits } from '../journal/memory-journal.js';
import { FaultList, type Faults } from '../simulation/fault-list.js';

/** What the control plane keeps per session beside its world; replaced together on reset. */
export interface SessionExtras {
  readonly journal: Journal;
  readonly faults: Faults;
}

/**
 * The SessionRegistry's `createExtras`: each session's journal has its own limits and draws on
 * the one byte budget of the process.
 */
export function sessionExtras(limits: JournalLimits, budget: JournalBudget): () => SessionExtras {
  return () => ({ journal: new MemoryJournal(limits, budget), faults: new FaultList() });
}

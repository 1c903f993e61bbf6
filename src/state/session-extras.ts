import type { Journal } from './journal/journal.js';
import type { JournalBudget } from './journal/journal-budget.js';
import { MemoryJournal, type JournalLimits } from './journal/memory-journal.js';
import { FaultList, type Faults } from './fault-list.js';

/** What the control plane keeps per session beside its world; replaced together on reset. */
export interface SessionExtras {
  readonly journal: Journal;
  readonly faults: Faults;
}

/** The memory store's: its fault rules count their bytes against the session's budget. */
export type MemoryExtras = SessionExtras & { readonly faults: FaultList };

/** The SessionRegistry's `createExtras`: every session's journal draws on the process's one byte budget. */
export function sessionExtras(limits: JournalLimits, budget: JournalBudget, maxFaultRules: number): () => MemoryExtras {
  return () => ({ journal: new MemoryJournal(limits, budget), faults: new FaultList(maxFaultRules) });
}

// The package's browser entry (`whop-mock/browser`): the mock built in a page from the bundled
// specs and fixtures, with no file system and no code generated at run time (strict-CSP pages
// work). Serve it to the app with whop-mock/msw's handlers. src/browser/README.md says how the
// build makes it.
import type { Fixtures } from '../world/records.js';
import { bundledInputs } from './bundled-inputs.js';
import type { BrowserMockOptions } from './browser-options.js';
import { browserMock, type BrowserMock } from './create-browser-mock.js';

export type { BrowserMock } from './create-browser-mock.js';
export type { BrowserMockOptions } from './browser-options.js';
export type { FixtureValues } from './browser-bundle.js';
export type { MockSession, AsyncMockSession } from '../control/mock-session.js';
export type { JournalEntry } from '../state/journal/journal-entry.js';
export type { Fault, FaultRule } from '../state/fault-list.js';
export type { Fixtures, UserRecord, MemberRecord, CompanyRecord, TokenRecord } from '../world/records.js';
export { ApiError } from '../kernel/api-error.js';

/** The mock, ready, in a page (or a worker, or Node); bad `fixtures` reject naming kind, record and field. */
export async function createMock(options: BrowserMockOptions = {}): Promise<BrowserMock> {
  return browserMock(bundledInputs(), options);
}

/** A copy of the bundled fixtures, to start `fixtures` from: `{ ...bundledFixtures(), users: [...] }`. */
export function bundledFixtures(): Fixtures {
  return structuredClone(bundledInputs().fixtures);
}

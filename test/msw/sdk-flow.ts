import Whop from '@whop/sdk';
import type { MockSession } from '../../src/control/mock-session.js';

// What an app's own tests do through MSW, with the official SDK as the app would build it: no
// baseURL and no fetch of our own (MSW intercepts the default https://api.whop.com/api/v1). The
// same flow runs under msw/node in vitest (test/msw/*.test.ts) and in a real page under MSW's
// service worker (test/msw/page/, bundled by esbuild), so both report the same facts.

/** The mock handle a test holds: createMock()'s, or whop-mock/browser's. */
export interface SessionMock {
  session(name: string): MockSession;
}

export interface FlowResult {
  readonly me: { id: string; username: string; bio: string | null };
  readonly patchedBio: string | null;
  readonly readBackBio: string | null;
  readonly listed: string[];
  readonly members: string[];
  readonly forbidden: { status: number | undefined; error: unknown };
  readonly badInput: { status: number | undefined; error: unknown };
  readonly journal: Array<{ method: string; path: string; status: number | null; query: string; body: unknown; fault: boolean }>;
}

/** What the flow sends, as its session's journal lists it: [method, path, status, answered by a fault rule]. */
export const FLOW_JOURNAL = [
  ['GET', '/users/me', 200, false],
  ['PATCH', '/users/me', 200, false],
  ['GET', '/users/me', 200, false],
  ['GET', '/users', 200, false],
  ['GET', '/members', 200, false],
  ['GET', '/users/maya-chen', 403, true],
  ['PATCH', '/users/me', 400, false],
];

/** The journal of a FlowResult in FLOW_JOURNAL's form. */
export const journalRows = (result: FlowResult) => result.journal.map((e) => [e.method, e.path, e.status, e.fault]);

/** Runs the flow in session `name`; `bio` is what this run writes (so two runs can tell their writes apart). */
export async function sdkFlow(mock: SessionMock, name: string, bio: string): Promise<FlowResult> {
  const session = mock.session(name);
  session.reset();
  const sdk = (apiKey: string) => new Whop({ apiKey, maxRetries: 0, defaultHeaders: session.headers });
  const alex = sdk('tok_user_alex_full');
  const me = await alex.users.retrieve('me');
  const patched = await alex.users.updateMe({ bio });
  const readBack = await alex.users.retrieve('me');
  const page = await sdk('tok_user_alex_readonly').users.list({ first: 3, query: 'a' });
  const members = await sdk('tok_key_pixelforge_full').members.list({ first: 5, statuses: ['joined'] });
  session.addFault({ operationId: 'retrieveUser', status: 403, times: 1 });
  const forbidden = await alex.users.retrieve('maya-chen').then(() => undefined, (error: unknown) => error);
  const badInput = await alex.users.updateMe({ name: 42 as unknown as string }).then(() => undefined, (error: unknown) => error);
  return {
    me: { id: me.id, username: me.username, bio: me.bio },
    patchedBio: patched.bio,
    readBackBio: readBack.bio,
    listed: page.data.map((user) => user.username),
    members: members.data.map((member) => member.id),
    forbidden: apiError(forbidden),
    badInput: apiError(badInput),
    journal: session.requests().map((entry) => ({ method: entry.method, path: entry.path, status: entry.status, query: entry.query_string, body: entry.body, fault: entry.fault_id !== null })),
  };
}

function apiError(error: unknown): { status: number | undefined; error: unknown } {
  return error instanceof Whop.APIError ? { status: error.status, error: error.error } : { status: undefined, error: String(error) };
}

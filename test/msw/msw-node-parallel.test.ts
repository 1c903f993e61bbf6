import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMock, type Mock } from '../../src/index.js';
import { whopHandlers } from '../../src/msw.js';
import { sdkFlow } from './sdk-flow.js';

// The second of two vitest files that run the same flow at the same time (vitest gives each file
// a worker of its own): each in its own session, each reading back only its own write.
let mock: Mock;
const msw = setupServer();

beforeAll(async () => {
  mock = await createMock();
  msw.use(...whopHandlers(mock));
  msw.listen({ onUnhandledRequest: 'error' });
});
afterAll(async () => {
  msw.close();
  await mock.close();
});

describe('whopHandlers in a second vitest file', () => {
  it('its own session: its write, its journal', async () => {
    const result = await sdkFlow(mock, 'msw-node-b', 'written by file b');
    expect(result.readBackBio).toBe('written by file b');
    expect(result.journal).toHaveLength(7);
    expect(result.journal.filter((e) => e.method === 'PATCH' && e.status === 200).map((e) => e.body)).toEqual([{ bio: 'written by file b' }]);
    // The default session was never written to.
    expect(mock.session('default').requests()).toEqual([]);
  });
});

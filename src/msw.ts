// The package's MSW entry (`whop-mock/msw`): handlers that send the Whop API to a mock inside the
// test runner or the page. msw is a peer dependency: this entry is the only one that imports it.
export { whopHandlers, WHOP_BASE_URL } from './edges/msw-handlers.js';
export type { FetchingMock, WhopHandlerOptions } from './edges/msw-handlers.js';

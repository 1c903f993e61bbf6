// The page of test/msw/msw-browser.test.ts, bundled by esbuild as an app's bundler would: MSW's
// worker with whop-mock's handlers, and the official SDK running the same flow as under msw/node.
import { setupWorker } from 'msw/browser';
import { createMock } from 'whop-mock/browser';
import { whopHandlers } from 'whop-mock/msw';
import { sdkFlow } from '../sdk-flow.ts';

const out = document.querySelector('#out');
// What the page's Content-Security-Policy refused while the mock was built and answered.
const violations = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
try {
  const loaded = performance.now();
  const mock = await createMock();
  const readyMs = performance.now() - loaded;
  const worker = setupWorker(...whopHandlers(mock));
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
  const result = await sdkFlow(mock, 'page', 'written in the page');
  show(result, readyMs);
  // The events are dispatched asynchronously: let any of the flow's arrive before reading them.
  await new Promise((resolve) => setTimeout(resolve, 50));
  window.flowResult = { ...result, readyMs, violations: [...violations], evalProbe: evalProbe() };
} catch (error) {
  out.textContent = `failed: ${error instanceof Error ? error.stack : String(error)}`;
  window.flowResult = { failed: String(error) };
}

/** The policy holds in this page: code from a string is refused (after the flow, so it is not counted). */
function evalProbe() {
  try {
    return typeof new Function('return 1');
  } catch (error) {
    return error.name;
  }
}

function show(result, readyMs) {
  const rows = [
    ['mock ready', `${readyMs.toFixed(0)} ms after its module loaded`],
    ['users.retrieve("me")', `${result.me.username} (${result.me.id})`],
    ['users.updateMe({ bio })', result.patchedBio],
    ['read back', result.readBackBio],
    ['users.list({ first: 3, query: "a" })', result.listed.join(', ')],
    ['members.list (API key)', result.members.join(', ')],
    ['fault rule: retrieveUser 403', `${result.forbidden.status} ${JSON.stringify(result.forbidden.error)}`],
    ['bad input: updateMe({ name: 42 })', `${result.badInput.status} ${JSON.stringify(result.badInput.error)}`],
  ];
  const table = document.createElement('table');
  for (const [what, value] of rows) table.append(row('td', what, value));
  const journal = document.createElement('table');
  journal.append(row('th', 'journal', 'method', 'path', 'query', 'status'));
  for (const entry of result.journal) journal.append(row('td', entry.fault ? 'fault' : '', entry.method, entry.path, entry.query, String(entry.status)));
  out.replaceChildren(table, journal);
}

function row(cell, ...texts) {
  const tr = document.createElement('tr');
  for (const text of texts) {
    const td = document.createElement(cell);
    td.textContent = text;
    tr.append(td);
  }
  return tr;
}

// The inspector's Coverage tab: GET /__mock/coverage as a table, one row per operation and
// version, each declared status a cell (filled once answered, marked when only forced), and what
// was never answered or sent named. Refreshed while the tab is shown and the page visible.
import { $, api, app, banner, el } from './page.js';

const REFRESH_MS = 2000;
let timer;
/** Bumped by each refresh: an answer for an older one (another session, another scope) is dropped. */
let generation = 0;

const TOKENS = { user_oauth_token: 'user token', account_api_key: 'account key', app_api_key: 'app key', none: 'no token', unknown: 'unknown token' };

function shown() {
  return app.tab === 'coverage' && document.visibilityState === 'visible';
}

async function refresh() {
  clearTimeout(timer);
  if (!shown()) return;
  const mine = ++generation;
  const all = $('coverage-scope').value === 'all';
  try {
    const report = await api('GET', `/coverage${all ? '' : `?session=${encodeURIComponent(app.session)}`}`);
    if (mine === generation) render(report);
  } catch (error) {
    banner(error.message);
  }
  if (mine === generation) timer = setTimeout(() => void refresh(), REFRESH_MS);
}

function render(report) {
  const { summary } = report;
  const who = report.session === null ? 'all sessions' : `session "${report.session}"`;
  $('coverage-summary').textContent = `${summary.percent}% of declared (operation, version, status) cells exercised in ${who}: ${summary.exercised} of ${summary.cells}` +
    `${summary.forced_only ? ` (${summary.forced_only} only when forced)` : ''} · ${summary.operations_called} of ${summary.operations} operation versions called · ${summary.fields_sent} of ${summary.fields} fields sent · ${summary.requests} requests`;
  $('coverage').tBodies[0].replaceChildren(...report.operations.map((op) => el('tr', { 'data-operation': op.operationId, 'data-version': op.version, class: op.called ? '' : 'uncalled' },
    el('td', { title: `${op.method} ${op.path}` }, el('strong', {}, op.operationId), el('div', { class: 'dim' }, `${op.method} ${op.path}`)),
    el('td', {}, op.version),
    el('td', { class: 'num' }, op.requests),
    el('td', { class: 'cells' }, op.statuses.map(statusCell)),
    el('td', { class: 'never' }, op.unexercised.length ? op.unexercised.join(', ') : '—'),
    el('td', { class: 'never' }, op.called ? op.fields.filter((f) => f.sent === 0).map((f) => `${f.in} ${f.name}`).join(', ') || '—' : 'not called'),
    el('td', {}, Object.entries(op.token_kinds).map(([kind, n]) => el('div', { class: n ? '' : 'dim' }, `${TOKENS[kind] ?? kind} ${n}`))),
    el('td', {}, op.pages === null ? '—' : op.pages.followed ? `yes (${op.pages.followed})` : 'no'))));
  const unrouted = report.unrouted.map((group) => `${group.operationId ?? '(no operation)'}: ${group.requests} (${Object.entries(group.error_codes).map(([code, n]) => `${code} ${n}`).join(', ') || 'no code'})`);
  $('coverage-unrouted').textContent = unrouted.length ? `Reached no operation of a version: ${unrouted.join(' · ')}` : '';
}

function statusCell(status) {
  const state = status.seen === 0 ? 'never' : status.forced === status.seen ? 'forced' : 'seen';
  const title = status.seen === 0 ? 'never answered' : `answered ${status.seen}×${status.forced ? `, ${status.forced} forced` : ''}${status.declared ? '' : ' (not declared by the spec)'}`;
  return el('span', { class: `cell ${state}${status.declared ? '' : ' undeclared'}`, title, 'data-status': status.status }, status.status);
}

function init() {
  document.querySelector('nav button[data-tab="coverage"]').addEventListener('click', () => void refresh());
  $('coverage-scope').addEventListener('change', () => void refresh());
  $('coverage-refresh').addEventListener('click', () => void refresh());
  $('coverage-clear').addEventListener('click', async () => {
    const all = $('coverage-scope').value === 'all';
    await api('DELETE', `/coverage${all ? '' : `?session=${encodeURIComponent(app.session)}`}`).catch((error) => banner(error.message));
    void refresh();
  });
  document.addEventListener('visibilitychange', () => void refresh());
  // Another session picked (inspector.js has switched to it by now).
  $('session-pick').addEventListener('change', () => void refresh());
  window.addEventListener('hashchange', () => void refresh());
}

init();

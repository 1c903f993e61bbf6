// The whop-mock inspector: one page over the same /__mock endpoints a test uses (no private API).
// It polls the journal only while the page is visible, so an idle mock pays nothing for it.
import { entryView } from './entry-view.js';
import { countUnmatched, matchesFilter, wireJournalToolbar } from './journal-toolbar.js';
import { localTime, statusClasses } from './journal-tools.js';
import { $, TOKEN_KEY, api, app, banner, el } from './page.js';
import { initFaults, initState, refreshFaults, refreshState, showKinds } from './panels.js';

const POLL_MS = 1000;
const HEALTH_MS = 4000;

// ---- the journal ----

let pollTimer;
let polling = false;
let lastCheck = 0;
/** Bumped whenever the list is emptied (session switch, reset): an answer for an older list is dropped. */
let generation = 0;

function schedule(ms = POLL_MS) {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(poll, ms);
}

async function poll() {
  if (document.visibilityState !== 'visible') return schedule();
  // One poll at a time: a poll asked for while one runs starts when it ends.
  if (polling) return schedule(50);
  polling = true;
  const mine = generation;
  let next = POLL_MS;
  try {
    const page = await api('GET', `/requests?limit=200${app.lastSeq > 0 ? `&after=req_${app.lastSeq}` : ''}`);
    $('live').textContent = 'live';
    if (mine === generation) {
      for (const entry of page.data) addEntry(entry);
      if (page.data.length === 0 && app.lastSeq > 0 && Date.now() - lastCheck > 3000) await checkContinuity(mine);
      if (page.page_info.has_next_page) next = 0;
    }
  } catch (error) {
    $('live').textContent = `not live: ${error.message}`;
    next = POLL_MS * 3;
  } finally {
    polling = false;
  }
  schedule(mine === generation ? next : 0);
}

/** The journal was emptied or reset elsewhere (ids start again): read it again from the start. */
async function checkContinuity(mine) {
  lastCheck = Date.now();
  const page = await api('GET', `/requests?limit=1${app.lastSeq > 1 ? `&after=req_${app.lastSeq - 1}` : ''}`);
  const same = page.data[0]?.id === `req_${app.lastSeq}` && page.data[0]?.time === app.lastTime;
  if (!same && mine === generation) clearJournal();
}

export function clearJournal() {
  generation += 1;
  lastCheck = Date.now();
  app.entries.clear();
  app.lastSeq = 0;
  app.lastTime = null;
  app.selected = null;
  $('journal').tBodies[0].replaceChildren();
  $('journal-empty').hidden = false;
  countUnmatched();
  $('detail').replaceChildren(el('p', { class: 'dim' }, 'Select a request to see what was sent, what came back, and why it was refused.'));
}

function addEntry(entry) {
  const seq = Number(entry.id.slice(4));
  if (app.entries.has(entry.id)) return;
  app.entries.set(entry.id, entry);
  if (seq >= app.lastSeq) {
    app.lastSeq = seq;
    app.lastTime = entry.time;
  }
  const statusClass = `s${entry.status === null ? 0 : String(entry.status)[0]}`;
  const row = el('tr', { 'data-id': entry.id, 'data-classes': statusClasses(entry).join(' '), onclick: () => select(entry.id) },
    // The browser's zone; the journal's UTC on hover.
    el('td', { title: `${entry.time} (UTC)` }, localTime(entry.time)),
    el('td', {}, entry.method),
    el('td', { title: entry.path + (entry.query_string ? `?${entry.query_string}` : '') }, entry.path + (entry.query_string ? `?${entry.query_string}` : '')),
    el('td', { class: statusClass }, entry.status === null ? 'dropped' : entry.status),
    el('td', {}, entry.operationId ?? '—'),
    el('td', {}, entry.version ?? '—'),
    el('td', {}, entry.duration_ms.toFixed(1)));
  row.hidden = !matchesFilter(entry);
  $('journal').tBodies[0].prepend(row);
  $('journal-empty').hidden = true;
  countUnmatched();
  if (app.selectNext) {
    app.selectNext = false;
    void select(entry.id);
  }
}

async function specFor(version) {
  if (!version) return null;
  if (!app.specs.has(version)) app.specs.set(version, api('GET', `/openapi/${version}`).catch(() => null));
  return app.specs.get(version);
}

async function select(id) {
  app.selected = id;
  for (const row of $('journal').tBodies[0].rows) row.classList.toggle('selected', row.dataset.id === id);
  const entry = app.entries.get(id);
  const doc = await specFor(entry.version);
  if (app.selected !== id) return;
  $('detail').replaceChildren(...entryView(entry, doc, () => {
    // The replay's own entry is opened when the journal brings it.
    app.selectNext = true;
    schedule(0);
  }));
}

// ---- sessions, health, reset, reload ----

async function refreshHealth() {
  try {
    app.health = await api('GET', '/health');
    const reload = app.health.reload;
    if (reload?.error) banner(`Reload failed; still serving the previous specs and fixtures.\n${reload.error}`);
    else if (!$('banner').classList.contains('ok')) banner('');
    const links = Object.entries(app.health.openapi ?? {}).map(([version, href]) => `${version}: ${href}`);
    $('specs').textContent = links.length ? `OpenAPI ${Object.keys(app.health.openapi).join(', ')}` : '';
    $('specs').href = Object.values(app.health.openapi ?? {}).at(-1) ?? '#';
    if (showKinds(app.health.record_kinds ?? []) && app.tab === 'state') void refreshState();
    const names = (await api('GET', '/sessions')).data.map((s) => s.name);
    if (!names.includes(app.session)) names.push(app.session);
    const pick = $('session-pick');
    const current = [...pick.options].map((o) => o.value).join('\n');
    if (current !== names.join('\n')) pick.replaceChildren(...names.map((name) => el('option', { value: name }, name)));
    pick.value = app.session;
  } catch (error) {
    if (error.status !== 401) banner(`The mock does not answer: ${error.message}`);
  }
}

function useSession(name) {
  if (!name || name === app.session) return;
  app.session = name;
  history.replaceState(null, '', `#session=${encodeURIComponent(name)}`);
  clearJournal();
  refreshAll();
}

function refreshAll() {
  schedule(0);
  void refreshHealth();
  if (app.tab === 'state') void refreshState();
  if (app.tab === 'faults') void refreshFaults();
}

function showTab(tab) {
  app.tab = tab;
  for (const button of document.querySelectorAll('nav button')) button.classList.toggle('active', button.dataset.tab === tab);
  for (const section of document.querySelectorAll('.tab')) section.hidden = section.id !== `tab-${tab}`;
  if (tab === 'state') void refreshState();
  if (tab === 'faults') void refreshFaults();
}

function wire() {
  $('session-pick').addEventListener('change', (event) => useSession(event.target.value));
  $('session-form').addEventListener('submit', (event) => {
    event.preventDefault();
    useSession($('session-name').value.trim());
    $('session-name').value = '';
  });
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    app.token = $('token').value.trim();
    sessionStorage.setItem(TOKEN_KEY, app.token);
    $('token-form').hidden = true;
    refreshAll();
  });
  $('reset').addEventListener('click', async () => {
    try {
      await api('POST', '/reset');
      clearJournal();
      banner(`Session "${app.session}" reset to the fixtures.`, true);
      refreshAll();
    } catch (error) {
      banner(error.message);
    }
  });
  $('reload').addEventListener('click', async () => {
    try {
      const result = await api('POST', '/reload');
      banner(result.changed ? `Reloaded the specs and fixtures in ${result.duration_ms} ms.` : `Nothing changed (${result.duration_ms} ms).`, true);
      app.specs.clear();
    } catch (error) {
      banner(error.message);
    }
    void refreshHealth();
  });
  wireJournalToolbar();
  $('journal-clear').addEventListener('click', async () => {
    await api('DELETE', '/requests').catch((error) => banner(error.message));
    clearJournal();
  });
  for (const button of document.querySelectorAll('nav button')) button.addEventListener('click', () => showTab(button.dataset.tab));
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && schedule(0));
  window.addEventListener('hashchange', () => useSession(new URLSearchParams(location.hash.slice(1)).get('session') || 'default'));
  initState();
  initFaults();
  refreshAll();
  setInterval(() => document.visibilityState === 'visible' && void refreshHealth(), HEALTH_MS);
}

wire();

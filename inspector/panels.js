// The state browser and the fault rules panel of the inspector.
import { api, app, banner, el, pretty } from './page.js';

const $ = (id) => document.getElementById(id);
const PAGE = 200;
let stateCursor = null;
let stateRecords = [];
/** Bumped by each refresh: a page that arrives for an older one (another kind, a double click) is dropped. */
let stateGeneration = 0;

/** A record's key, as GET /__mock/state pages by it. */
const keyOf = (record) => record.id ?? record.token ?? record.route ?? JSON.stringify(record).slice(0, 40);
const labelOf = (record) => [keyOf(record), record.username ?? record.name ?? record.title ?? record.kind ?? ''].filter(Boolean).join('  ');

export function initState() {
  $('state-kind').addEventListener('change', () => void refreshState());
  $('state-refresh').addEventListener('click', () => void refreshState());
  $('state-more').addEventListener('click', () => void loadState(false));
  $('state-filter').addEventListener('input', renderState);
}

/** Fills the kind picker from /__mock/health's record_kinds (users first chosen); true when it changed. */
export function showKinds(kinds) {
  const pick = $('state-kind');
  if ([...pick.options].map((option) => option.value).join() === kinds.join()) return false;
  const chosen = pick.value;
  pick.replaceChildren(...kinds.map((kind) => el('option', { value: kind }, kind)));
  pick.value = kinds.includes(chosen) ? chosen : kinds.includes('users') ? 'users' : (kinds[0] ?? '');
  return true;
}

export async function refreshState() {
  stateGeneration += 1;
  stateCursor = null;
  stateRecords = [];
  $('state-record').textContent = '';
  await loadState(true);
}

async function loadState(first) {
  const kind = $('state-kind').value;
  // No kinds yet: the health check that brings them refreshes this tab.
  if (!kind) return;
  const mine = stateGeneration;
  try {
    const page = await api('GET', `/state?kind=${kind}&limit=${PAGE}${!first && stateCursor ? `&after=${encodeURIComponent(stateCursor)}` : ''}`);
    if (mine !== stateGeneration) return;
    stateRecords.push(...page.data);
    stateCursor = page.page_info.end_cursor;
    $('state-more').hidden = !page.page_info.has_next_page;
    renderState();
  } catch (error) {
    banner(error.message);
  }
}

function renderState() {
  const wanted = $('state-filter').value.trim().toLowerCase();
  const shown = stateRecords.filter((record) => !wanted || JSON.stringify(record).toLowerCase().includes(wanted));
  $('state-count').textContent = `${shown.length} of ${stateRecords.length}${$('state-more').hidden ? '' : '+'} ${$('state-kind').value} in session "${app.session}"`;
  $('state-list').replaceChildren(...shown.map((record) => el('li', {
    onclick: (event) => {
      for (const item of $('state-list').children) item.classList.remove('selected');
      event.currentTarget.classList.add('selected');
      $('state-record').textContent = pretty(record);
    },
  }, labelOf(record))));
}

export function initFaults() {
  $('fault-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void addFault();
  });
}

/** The rule the form describes: only the fields filled in. */
function ruleFromForm() {
  const rule = {};
  const text = (id) => $(id).value.trim();
  if (text('fault-operation')) rule.operationId = text('fault-operation');
  if (text('fault-method')) rule.method = text('fault-method').toUpperCase();
  if (text('fault-path')) rule.path = text('fault-path');
  if (text('fault-status')) rule.status = Number(text('fault-status'));
  if (text('fault-delay')) rule.delay_ms = Number(text('fault-delay'));
  if (text('fault-times')) rule.times = Number(text('fault-times'));
  if ($('fault-drop').checked) rule.drop = true;
  if (text('fault-body')) rule.body = JSON.parse(text('fault-body'));
  return rule;
}

async function addFault() {
  const error = $('fault-error');
  error.hidden = true;
  try {
    await api('POST', '/faults', ruleFromForm());
    await refreshFaults();
  } catch (problem) {
    error.textContent = problem.body?.error ? `${problem.message} (${problem.body.error.param ?? problem.body.error.code})` : problem.message;
    error.hidden = false;
  }
}

export async function refreshFaults() {
  await fillOperations();
  try {
    const { data } = await api('GET', '/faults');
    $('faults').tBodies[0].replaceChildren(...data.map((rule) => el('tr', { 'data-id': rule.id },
      el('td', {}, rule.id),
      el('td', {}, matchesOf(rule)),
      el('td', {}, rule.sequence ? `sequence: ${rule.sequence.map(effectOf).join(' → ')}` : effectOf(rule)),
      el('td', {}, rule.times ?? '∞'),
      el('td', {}, el('button', { onclick: () => void removeFault(rule.id), title: `DELETE /__mock/faults/${rule.id}` }, 'Remove')))));
    $('faults-empty').hidden = data.length > 0;
  } catch (error) {
    banner(error.message);
  }
}

/** A rule's selectors in a line: `retrieveUser query first=50 account biz_x`. */
function matchesOf(rule) {
  const pairs = (label, object) => (object ? `${label} ${Object.entries(object).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}` : null);
  return [rule.operationId, rule.method, rule.path, pairs('query', rule.query), pairs('header', rule.header), pairs('body', rule.request_body),
    rule.token && `token …${rule.token.slice(-4)}`, rule.token_kind, rule.account_id && `account ${rule.account_id}`].filter(Boolean).join(' ') || 'every request';
}

/** What a rule, or one step of its sequence, does. */
function effectOf(step) {
  return [step.status && `status ${step.status}`, step.body !== undefined && 'with body', step.delay_ms && `delay ${step.delay_ms} ms`, step.drop && 'drop', step.pass && 'pass'].filter(Boolean).join(', ');
}

async function removeFault(id) {
  await api('DELETE', `/faults/${encodeURIComponent(id)}`).catch((error) => banner(error.message));
  await refreshFaults();
}

/** The operationIds of every served version, from the served OpenAPI documents. */
async function fillOperations() {
  const select = $('fault-operation');
  if (select.options.length > 1 || !app.health) return;
  const ids = new Set();
  for (const version of app.health.versions) {
    const doc = await api('GET', `/openapi/${version}`).catch(() => null);
    for (const item of Object.values(doc?.paths ?? {})) for (const op of Object.values(item)) if (op?.operationId) ids.add(op.operationId);
  }
  select.append(...[...ids].sort().map((id) => el('option', { value: id }, id)));
}

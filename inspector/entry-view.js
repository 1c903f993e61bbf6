// One journal entry, opened: what was sent, what came back (and, for a contract violation, what
// the mock withheld and every error with the schema keyword it broke), the response headers, why
// it was refused, and what can be done with it (copy as curl, replay into the session).
import { explain } from './spec-pointer.js';
import { curlOf, localDateTime, replay } from './journal-tools.js';
import { banner, el, pretty } from './page.js';

const section = (title, value, id) => (value === undefined || value === null || value === '' ? [] : [el('h3', {}, title), el('pre', { class: 'json', id }, pretty(value))]);

/** The entry's detail pane; `replayed(status)` is told when a replay was answered. */
export function entryView(entry, doc, replayed) {
  const why = explain(entry, doc);
  const query = entry.query_string ? `?${entry.query_string}` : '';
  const fault = entry.fault_id ? ` · fault ${entry.fault_id}${entry.fault_step === null || entry.fault_step === undefined ? '' : ` (step ${entry.fault_step + 1})`}` : '';
  const curl = el('pre', { class: 'json curl', id: 'curl', hidden: '' });
  const withheld = entry.withheld_response;
  return [
    el('h2', {}, `${entry.method} ${entry.path}${query} → ${entry.status ?? 'dropped'}`),
    el('div', { class: 'dim' },
      `${entry.id} · `, el('span', { title: `${entry.time} (UTC)`, id: 'entry-time' }, localDateTime(entry.time)),
      ` · ${entry.operationId ?? 'no operation'} · version ${entry.version ?? '—'} · ${entry.duration_ms.toFixed(1)} ms${fault}`),
    el('div', { class: 'actions' },
      el('button', { id: 'copy-curl', title: 'This request as a curl command against this mock (redacted secrets become $VARIABLES)', onclick: () => showCurl(entry, curl) }, 'Copy as curl'),
      el('button', { id: 'replay', title: 'Send this request again, into this session', onclick: () => void sendAgain(entry, replayed) }, 'Replay')),
    curl,
    el('div', { class: why.ok ? 'why valid' : 'why', id: 'why' },
      el('strong', {}, why.title),
      ...why.lines.map((line) => el('div', {}, line)),
      // Proxy mode: the mock's own check of the request, forwarded to the upstream anyway.
      entry.request_validation?.valid === false
        ? el('div', {}, `The spec refuses this request (${entry.request_validation.code} · ${entry.request_validation.param ?? '—'}): ${entry.request_validation.message}`)
        : null,
      violations(entry),
      why.pointer ? el('div', {}, 'In the spec ', el('a', { href: `./openapi/${entry.version}`, target: '_blank' }, `(${entry.version})`), ': ', el('code', { id: 'spec-pointer' }, why.pointer)) : null,
      why.schema !== undefined ? el('pre', { class: 'json' }, pretty(why.schema)) : null),
    ...section('Request headers', entry.headers),
    ...section('Query (as the operation read it)', Object.keys(entry.query ?? {}).length ? entry.query : undefined),
    ...section(`Request body${entry.body_truncated ? ` (first part of ${entry.body_size} bytes)` : ''}`, entry.body),
    ...(withheld ? section(`Withheld response: ${withheld.status}, broke the spec${withheld.body_truncated ? ` (first part of ${withheld.body_size} bytes)` : ''}`, withheld.body, 'withheld') : []),
    ...section(`Response body${withheld ? ' (what the client got)' : ''}${entry.response_truncated ? ` (first part of ${entry.response_size} bytes)` : ''}`, entry.response_body),
    ...section('Response headers', Object.keys(entry.response_headers ?? {}).length ? entry.response_headers : undefined, 'response-headers'),
    ...section('Upstream (proxy mode)', entry.upstream),
  ];
}

/** Every error of a violation: where in the body, which rule, and the schema keyword it broke. */
function violations(entry) {
  const errors = entry.validation?.valid === false ? entry.validation.errors ?? [] : [];
  if (errors.length === 0) return null;
  const more = entry.validation.error_count > errors.length ? ` (the first ${errors.length} of ${entry.validation.error_count})` : '';
  return el('div', {},
    el('div', {}, `${entry.validation.error_count} error${entry.validation.error_count === 1 ? '' : 's'}${more}:`),
    el('ol', { id: 'violations' }, ...errors.map((error) => el('li', {},
      // Ajv's own schemaPath is relative to the schema it broke; the pointer beside it is absolute.
      el('code', {}, error.pointer || '/'), ` ${error.schema_pointer ? error.rule.replace(/ \(schema [^)]*\)$/, '') : error.rule} `,
      error.schema_pointer ? el('code', { class: 'schema-pointer' }, error.schema_pointer) : null))));
}

function showCurl(entry, node) {
  node.textContent = curlOf(entry);
  node.hidden = false;
  // The clipboard may be refused (an insecure origin, no permission): the command is shown either way.
  navigator.clipboard?.writeText(node.textContent).then(() => banner('Copied as curl (set $WHOP_TOKEN and the other $VARIABLES first).', true), () => {});
}

async function sendAgain(entry, replayed) {
  try {
    const { status, left } = await replay(entry);
    banner(`Replayed ${entry.id} into this session: ${status}.${left.length ? ` Sent without ${left.join(', ')} (redacted in the journal).` : ''}`, true);
    replayed(status);
  } catch (error) {
    banner(`Cannot replay ${entry.id}: ${error.message}`);
  }
}

// The journal list's toolbar: the status-class filter (2xx … 5xx, violations, no operation), the
// count of requests that matched no operation, and the downloads (the journal as HAR 1.2, the
// session's state as a fixtures file).
import { download, harOf, statusClasses } from './journal-tools.js';
import { $, api, app, banner } from './page.js';

export function matchesFilter(entry) {
  const kind = $('journal-class').value;
  if (kind && !statusClasses(entry).includes(kind)) return false;
  const wanted = $('journal-filter').value.trim().toLowerCase();
  if (!wanted) return true;
  return [entry.method, entry.path, String(entry.status), entry.operationId ?? '', entry.version ?? ''].join(' ').toLowerCase().includes(wanted);
}

/** How many requests matched no operation (an unknown path, a bad version...): a client calling what the spec does not have. */
export function countUnmatched() {
  let count = 0;
  for (const entry of app.entries.values()) if (entry.operationId === null) count += 1;
  $('journal-unmatched').textContent = `${count} matched no operation`;
  $('journal-unmatched').classList.toggle('warn', count > 0);
}

export function refilter() {
  for (const row of $('journal').tBodies[0].rows) row.hidden = !matchesFilter(app.entries.get(row.dataset.id));
}

/** The entries the page holds, oldest first. */
const heldEntries = () => [...app.entries.values()].sort((a, b) => Number(a.id.slice(4)) - Number(b.id.slice(4)));

export function wireJournalToolbar() {
  $('journal-filter').addEventListener('input', refilter);
  $('journal-class').addEventListener('change', refilter);
  $('journal-unmatched').addEventListener('click', () => {
    $('journal-class').value = 'unmatched';
    refilter();
  });
  $('download-har').addEventListener('click', () => download(`whop-mock-${app.session}.har`, JSON.stringify(harOf(heldEntries()), null, 2)));
  $('download-state').addEventListener('click', async () => {
    // GET /__mock/state: one object keyed as the fixture files are (PUT /__mock/state, or split into a fixtures folder).
    try {
      download(`whop-mock-${app.session}-fixtures.json`, JSON.stringify(await api('GET', '/state'), null, 2));
    } catch (error) {
      banner(error.message);
    }
  });
}

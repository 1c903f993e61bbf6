import { errors } from '../kernel/catalogue.js';
import type { JournalFilter, JournalPage, JournalWindow } from '../state/journal/journal.js';

const FILTERS = ['method', 'path', 'operationId', 'status'] as const;
const KEYS: readonly string[] = [...FILTERS, 'limit', 'after'];

/** A page of GET /__mock/requests is cut at this many bytes too (it always holds one entry). */
export const JOURNAL_PAGE_BYTES = 8 * 1024 * 1024;

/** GET /__mock/requests?method=&path=&operationId=&status=&limit=&after=req_12 -> a filter and a window. */
export function journalQuery(query: URLSearchParams, pageMax: number): { filter: JournalFilter; window: JournalWindow } {
  const filter: { method?: string; path?: string; operationId?: string; status?: number } = {};
  let limit = pageMax;
  let after: number | undefined;
  for (const [key, value] of query) {
    if (!KEYS.includes(key)) throw errors.parameterInvalid(key, `is not a filter or paging parameter; use ${KEYS.join(', ')}`);
    if (key === 'status') {
      if (!/^[1-5]\d\d$/.test(value)) throw errors.parameterInvalid('status', `must be an HTTP status, got "${value}"`);
      filter.status = Number(value);
    } else if (key === 'path') {
      filter.path = value.replace(/^\/api\/v1(?=\/|$)/, '') || '/';
    } else if (key === 'limit') {
      limit = pageLimit(value, pageMax);
    } else if (key === 'after') {
      if (!/^req_\d{1,15}$/.test(value)) throw errors.parameterInvalid('after', `must be an entry id such as "req_12" (page_info.end_cursor), got "${value.slice(0, 40)}"`);
      after = Number(value.slice(4));
    } else {
      filter[key as 'method' | 'operationId'] = value;
    }
  }
  return { filter, window: after === undefined ? { limit, maxBytes: JOURNAL_PAGE_BYTES } : { after, limit, maxBytes: JOURNAL_PAGE_BYTES } };
}

/** `limit=N`: a whole number from 1 to `max`. */
export function pageLimit(value: string, max: number): number {
  const limit = Number(value);
  if (!/^\d{1,9}$/.test(value) || limit < 1 || limit > max) throw errors.parameterInvalid('limit', `must be a whole number from 1 to ${max}, got "${value.slice(0, 40)}"`);
  return limit;
}

/** GET /__mock/requests's body, from the entries' stored JSON (not parsed or serialized again). */
export function journalReply(page: JournalPage): string {
  const endCursor = page.lastSeq === null ? 'null' : `"req_${page.lastSeq}"`;
  return `{"data":[${page.entries.join(',')}],"page_info":{"end_cursor":${endCursor},"has_next_page":${page.hasMore}}}`;
}

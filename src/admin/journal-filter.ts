import { errors } from '../errors/catalogue.js';
import type { JournalFilter } from '../journal/journal.js';

const KEYS = ['method', 'path', 'operationId', 'status'] as const;

/** GET /__mock/requests?method=PATCH&path=/users/me&operationId=...&status=500 -> a JournalFilter. */
export function journalFilter(query: URLSearchParams): JournalFilter {
  const filter: { method?: string; path?: string; operationId?: string; status?: number } = {};
  for (const [key, value] of query) {
    if (!(KEYS as readonly string[]).includes(key)) throw errors.parameterInvalid(key, `is not a filter; use ${KEYS.join(', ')}`);
    if (key === 'status') {
      if (!/^[1-5]\d\d$/.test(value)) throw errors.parameterInvalid('status', `must be an HTTP status, got "${value}"`);
      filter.status = Number(value);
    } else if (key === 'path') {
      filter.path = value.replace(/^\/api\/v1(?=\/|$)/, '') || '/';
    } else {
      filter[key as 'method' | 'operationId'] = value;
    }
  }
  return filter;
}

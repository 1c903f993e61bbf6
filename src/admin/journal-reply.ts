import type { JournalPage } from '../journal/journal.js';

/**
 * GET /__mock/requests's body, put together from the entries' stored JSON without parsing or
 * serializing them again: `{"data":[entry, ...],"page_info":{"end_cursor","has_next_page"}}`.
 */
export function journalReply(page: JournalPage): string {
  const endCursor = page.lastSeq === null ? 'null' : `"req_${page.lastSeq}"`;
  return `{"data":[${page.entries.join(',')}],"page_info":{"end_cursor":${endCursor},"has_next_page":${page.hasMore}}}`;
}

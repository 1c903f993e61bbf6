import type { JournalPage } from '../journal/journal.js';

/**
 * GET /__mock/requests's body, put together from the entries' stored JSON without parsing or
 * serializing them again: `{"data":[entry, ...],"page_info":{"end_cursor","has_next_page"}}`.
 */
export function journalReply(page: JournalPage): Buffer {
  const endCursor = page.lastSeq === null ? 'null' : `"req_${page.lastSeq}"`;
  const comma = Buffer.from(',');
  const parts: Buffer[] = [Buffer.from('{"data":[')];
  page.entries.forEach((entry, i) => {
    if (i > 0) parts.push(comma);
    parts.push(entry);
  });
  parts.push(Buffer.from(`],"page_info":{"end_cursor":${endCursor},"has_next_page":${page.hasMore}}}`));
  return Buffer.concat(parts);
}

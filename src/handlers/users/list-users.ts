import { listBody } from '../../answers/item-sources.js';
import type { UserRecord } from '../../store/records.js';
import type { WorldState } from '../../store/world-state.js';
import type { HandlerContext, HandlerResult } from '../handler.js';
import type { RecordOrder } from '../../store/collection-base.js';
import type { TextFilter } from '../../store/ordered-view.js';
import { compareKeys, type CursorCodec, type PageParams, type SortKey } from '../paginate.js';
import { paginateOrdered } from '../paginate-ordered.js';
import { userViewFrom, userViewSources } from './user-view.js';

const OLDEST_FIRST: RecordOrder<UserRecord, SortKey> = {
  name: 'created_at:asc',
  keyOf: (user) => [user.created_at, user.id],
  compare: compareKeys,
};

/** What `query` searches: username and name, compared lower-cased. */
const searchTexts = (user: UserRecord): readonly string[] => [user.username.toLowerCase(), (user.name ?? '').toLowerCase()];

/**
 * GET /users: `query` matches name or username (case-insensitive substring); oldest first, ties
 * by id, so the order is stable while users are added and edited. A page reads only the users
 * it shows (and one on either side), found through the world's n-gram index when there is a
 * query: 100,000 users cost what 12 do.
 */
export function listUsers(codec: CursorCodec) {
  return ({ state, query }: HandlerContext<WorldState>): HandlerResult => {
    const needle = typeof query.query === 'string' ? query.query.trim().toLowerCase() : '';
    const text: TextFilter<UserRecord> | undefined = needle === '' ? undefined : { name: 'username+name', textsOf: searchTexts, needle };
    const view = state.users.ordered(OLDEST_FIRST, text === undefined ? {} : { text });
    const page = paginateOrdered(view, { scope: 'users', keyOf: OLDEST_FIRST.keyOf, compare: compareKeys, codec }, query as PageParams);
    return { status: 200, body: listBody(page.data.map((user) => userViewSources(state, user)), userViewFrom, page.page_info) };
  };
}

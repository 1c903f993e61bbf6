import type { UserRecord } from '../../store/records.js';
import type { WorldState } from '../../store/world-state.js';
import type { HandlerContext, HandlerResult } from '../handler.js';
import type { RecordOrder } from '../../store/collection-base.js';
import { compareKeys, paginate, type CursorCodec, type PageParams, type SortKey } from '../paginate.js';
import { userView } from './user-view.js';

const OLDEST_FIRST: RecordOrder<UserRecord, SortKey> = {
  name: 'created_at:asc',
  keyOf: (user) => [user.created_at, user.id],
  compare: compareKeys,
};

/**
 * GET /users: `query` matches name or username (case-insensitive substring); oldest first, ties
 * by id, so the order is stable while users are added and edited.
 */
export function listUsers(codec: CursorCodec) {
  return ({ state, query }: HandlerContext<WorldState>): HandlerResult => {
    const needle = typeof query.query === 'string' ? query.query.trim().toLowerCase() : '';
    const ordered = state.users.sorted(OLDEST_FIRST);
    const matches = needle === '' ? ordered : ordered.filter((user) => user.username.toLowerCase().includes(needle) || (user.name ?? '').toLowerCase().includes(needle));
    const page = paginate(matches, { scope: 'users', keyOf: OLDEST_FIRST.keyOf, compare: compareKeys, codec }, query as PageParams);
    return { status: 200, body: { data: page.data.map((user) => userView(state, user)), page_info: page.page_info } };
  };
}

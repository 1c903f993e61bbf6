import type { UserRecord } from '../../store/records.js';
import type { WorldState } from '../../store/world-state.js';
import type { HandlerContext, HandlerResult } from '../handler.js';
import { compareKeys, paginate, type CursorCodec, type PageParams } from '../paginate.js';
import { userView } from './user-view.js';

/**
 * GET /users: `query` matches name or username (case-insensitive substring); oldest first, ties
 * by id, so the order is stable while users are added and edited.
 */
export function listUsers(codec: CursorCodec) {
  return ({ state, query }: HandlerContext<WorldState>): HandlerResult => {
    const needle = typeof query.query === 'string' ? query.query.trim().toLowerCase() : '';
    const matches = [...state.users.values()].filter(
      (user) => needle === '' || user.username.toLowerCase().includes(needle) || (user.name ?? '').toLowerCase().includes(needle),
    );
    const keyOf = (user: UserRecord) => [user.created_at, user.id];
    matches.sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
    const page = paginate(matches, { scope: 'users', keyOf, compare: compareKeys, codec }, query as PageParams);
    return { status: 200, body: { data: page.data.map((user) => userView(state, user)), page_info: page.page_info } };
  };
}

import type { UserRecord } from '../../world/records.js';
import type { HandlerContext, HandlerResult } from '../handler.js';
import type { RecordOrder } from '../../world/collection-base.js';
import { compareKeys, paginateOrdered, type CursorCodec, type PageParams, type SortKey } from '../paginate.js';
import { userView } from './user-view.js';

const OLDEST_FIRST: RecordOrder<UserRecord, SortKey> = {
  name: 'created_at:asc',
  keyOf: (user) => [user.created_at, user.id],
  compare: compareKeys,
};

/** What `query` searches: username and name, compared lower-cased. */
const searchTexts = (user: UserRecord): readonly string[] => [user.username.toLowerCase(), (user.name ?? '').toLowerCase()];

/** GET /users: `query` matches name or username; oldest first, ties by id; a page reads only what it shows. */
export function listUsers(codec: CursorCodec) {
  return ({ state, query }: HandlerContext): HandlerResult => {
    const needle = typeof query.query === 'string' ? query.query.trim().toLowerCase() : '';
    const view = state.users.ordered(OLDEST_FIRST, { text: { name: 'username+name', textsOf: searchTexts, needle } });
    const page = paginateOrdered(view, { scope: 'users', keyOf: OLDEST_FIRST.keyOf, compare: compareKeys, codec }, query as PageParams);
    return { status: 200, body: { data: page.data.map((user) => userView(state, user)), page_info: page.page_info } };
  };
}

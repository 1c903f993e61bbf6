import { withItemSources } from '../../answers/item-sources.js';
import type { WorldState } from '../../store/world-state.js';
import type { HandlerContext, HandlerResult } from '../handler.js';
import type { CursorCodec, PageParams } from '../paginate.js';
import { paginateOrdered } from '../paginate-ordered.js';
import { memberFilter } from './member-filters.js';
import { memberOrder } from './member-order.js';
import { memberView, memberViewSources } from './member-view.js';
import { canSeeMember, listedCompany } from './member-visibility.js';

/**
 * GET /members: one company's members the caller may see, filtered, sorted and cursor-paged.
 * The cursor scope names the company, order and direction, so a cursor is only valid for the
 * list it came from.
 */
export function listMembers(codec: CursorCodec) {
  return ({ state, principal, query }: HandlerContext<WorldState>): HandlerResult => {
    const companyId = listedCompany(state, principal, query);
    const matches = memberFilter(state, principal, query);
    const order = memberOrder(query);
    // Read lazily in order: a page walks the members it shows, not the whole company.
    const members = state.members.ordered(order, {
      test: (member) => member.company_id === companyId && canSeeMember(principal, member) && matches(member),
    });
    const scope = `members:${companyId}:${order.name}`;
    const page = paginateOrdered(members, { scope, keyOf: order.keyOf, compare: order.compare, codec }, query as PageParams);
    const body = { data: page.data.map((member) => memberView(state, member)), page_info: page.page_info };
    return { status: 200, body: withItemSources(body, page.data.map((member) => memberViewSources(state, member))) };
  };
}

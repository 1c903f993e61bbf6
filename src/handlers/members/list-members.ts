import { errors } from '../../errors/catalogue.js';
import { listBody } from '../../answers/item-sources.js';
import type { WorldState } from '../../store/world-state.js';
import type { HandlerContext, HandlerResult } from '../handler.js';
import type { CursorCodec, PageParams } from '../paginate.js';
import { paginateOrdered } from '../paginate-ordered.js';
import { memberFilter } from './member-filters.js';
import { memberOrder } from './member-order.js';
import { memberViewFrom, memberViewSources } from './member-view.js';
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
    const sources = page.data.map((member) => memberViewSources(state, member));
    // Fixture integrity guarantees the company, and no operation deletes companies.
    if (sources.some(([, , company]) => company === undefined)) throw errors.internal();
    return { status: 200, body: listBody(sources, memberViewFrom, page.page_info) };
  };
}

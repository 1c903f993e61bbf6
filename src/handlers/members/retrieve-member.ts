import { errors } from '../../errors/catalogue.js';
import type { WorldState } from '../../store/world-state.js';
import type { HandlerContext, HandlerResult } from '../handler.js';
import { recordBody } from '../record-body.js';
import { memberViewFrom, memberViewSources } from './member-view.js';
import { canSeeMember } from './member-visibility.js';

/**
 * GET /members/{id}: a member the caller may not see is 404, exactly like one that does not exist.
 * The view names its records (recordBody), so its served JSON is remembered.
 */
export function retrieveMember({ state, principal, path }: HandlerContext<WorldState>): HandlerResult {
  const id = path.id ?? '';
  const member = state.members.get(id);
  if (!member || !canSeeMember(principal, member)) throw errors.notFound('member', id);
  return { status: 200, body: recordBody(memberViewSources(state, member), memberViewFrom) };
}

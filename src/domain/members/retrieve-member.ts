import { errors } from '../../kernel/catalogue.js';
import type { HandlerContext, HandlerResult } from '../handler.js';
import { memberView } from './member-view.js';
import { canSeeMember } from './member-visibility.js';

/** GET /members/{id}: a member the caller may not see is 404, exactly like one that does not exist. */
export function retrieveMember({ state, principal, path }: HandlerContext): HandlerResult {
  const id = path.id ?? '';
  const member = state.members.get(id);
  if (!member || !canSeeMember(principal, member)) throw errors.notFound('member', id);
  return { status: 200, body: memberView(state, member) };
}

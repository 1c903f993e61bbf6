import type { WorldState } from '../store/world-state.js';
import { checkUserAccess } from './access/check-user-access.js';
import type { HandlerMap } from './handler.js';
import { listMembers } from './members/list-members.js';
import { retrieveMember } from './members/retrieve-member.js';
import type { CursorCodec } from './paginate.js';
import { listUsers } from './users/list-users.js';
import { retrieveUser } from './users/retrieve-user.js';
import { updateUser } from './users/update-user.js';

/** The stateful handlers, by operationId. Operations not listed here are answered by Prism. */
export function createHandlers(codec: CursorCodec): HandlerMap<WorldState> {
  return {
    listUsers: listUsers(codec),
    retrieveUser,
    updateUser,
    updateCurrentUser: updateUser,
    listMembers: listMembers(codec),
    retrieveMember,
    checkUserAccess,
  };
}

import { checkUserAccess } from './access/check-user-access.js';
import type { HandlerMap } from './handler.js';
import { listMembers } from './members/list-members.js';
import { retrieveMember } from './members/retrieve-member.js';
import type { CursorCodec } from './paginate.js';
import { listUsers } from './users/list-users.js';
import { retrieveUser } from './users/retrieve-user.js';
import { updateUser } from './users/update-user.js';

/** The stateful handlers, by operationId. Operations not listed here are answered from the spec (or by Prism: src/prism/mock-world-mode.ts). */
export function createHandlers(codec: CursorCodec): HandlerMap {
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

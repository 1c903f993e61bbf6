import { errors } from '../../kernel/catalogue.js';
import type { AccountOverride, UserRecord } from '../../world/records.js';
import { verificationLock, type ProfileChange } from '../../world/verification-lock.js';
import type { WorldState } from '../../world/world-state.js';
import type { HandlerContext, HandlerResult } from '../handler.js';
import { accountOf, findUser } from './find-user.js';
import { userView } from './user-view.js';

type Body = Record<string, unknown>;

/**
 * PATCH /users/{id} and PATCH /users/me, following seed 001: a user token updates its own
 * global profile (or, naming an account, its own override there: the official SDK documents
 * this for updateMe); an API key updates the account-specific override and must name the
 * account. Every check runs before anything is written, so a failed PATCH changes nothing.
 */
export function updateUser(context: HandlerContext): HandlerResult {
  const { state, principal, path, query, operationId } = context;
  const body: Body = { ...(context.body ?? {}) };
  const target = operationId === 'updateCurrentUser' ? 'me' : (path.id ?? 'me');
  // Seed 001: /users/me is the caller's own user, which an API key does not have (findUser: 403).
  const user = findUser(state, principal, target);
  const accountId = accountOf(state, principal, query, body);
  delete body.account_id;
  let updated: UserRecord;
  if (principal.kind === 'user_oauth_token') {
    if (user.id !== principal.userId) throw errors.ownProfileOnly();
    updated = accountId ? applyOverride(state, user, accountId, body) : applyGlobal(state, user, body);
  } else {
    // Seed 001: "an API key updates the user's account-specific profile override (account_id required)".
    if (!accountId) throw errors.parameterMissing('account_id');
    updated = applyOverride(state, user, accountId, body);
  }
  state.users.put(updated);
  return { status: 200, body: userView(state, updated, { accountId }) };
}

function applyGlobal(state: WorldState, user: UserRecord, body: Body): UserRecord {
  const change: ProfileChange = {};
  // 2025-01-01 lets username be null; a user always has one, so null leaves it as it is.
  if (typeof body.username === 'string') change.username = body.username;
  if ('name' in body) change.name = body.name as string | null;
  if ('bio' in body) change.bio = body.bio as string | null;
  if ('profile_picture' in body) change.profile_picture_file_id = pictureId(state, body.profile_picture);
  const locked = verificationLock(user, change);
  if (locked) throw errors.verificationRequired(locked);
  if (change.username !== undefined) {
    const holder = state.users.findBy('username', change.username);
    if (holder && holder.id !== user.id) throw errors.usernameTaken(change.username);
  }
  return { ...user, ...change };
}

function applyOverride(state: WorldState, user: UserRecord, accountId: string, body: Body): UserRecord {
  // Seed 002: "Pass name and profile_picture to set overrides, or null to clear them."
  const global = Object.keys(body).find((field) => field !== 'name' && field !== 'profile_picture');
  if (global) throw errors.notOverridable(global);
  const override: { -readonly [K in keyof AccountOverride]: AccountOverride[K] } = { ...user.overrides[accountId] };
  if ('name' in body) setOrClear(override, 'name', body.name as string | null);
  if ('profile_picture' in body) setOrClear(override, 'profile_picture_file_id', pictureId(state, body.profile_picture));
  const overrides = { ...user.overrides, [accountId]: override };
  if (Object.keys(override).length === 0) delete overrides[accountId];
  return { ...user, overrides };
}

function setOrClear<K extends keyof AccountOverride>(override: AccountOverride, key: K, value: string | null): void {
  const target = override as Record<string, unknown>;
  if (value === null) delete target[key];
  else target[key] = value;
}

/** `{id}` or (latest version) `{direct_upload_id}` must name a known file; null clears. */
function pictureId(state: WorldState, value: unknown): string | null {
  if (value === null) return null;
  const picture = value as { id?: string; direct_upload_id?: string };
  const [param, id] = picture.id !== undefined ? ['profile_picture.id', picture.id] : ['profile_picture.direct_upload_id', picture.direct_upload_id ?? ''];
  if (!state.files.get(id)) throw errors.unknownFile(param, id);
  return id;
}

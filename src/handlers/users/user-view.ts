import type { Principal } from '../../auth/principal.js';
import type { FileRecord, UserRecord } from '../../store/records.js';
import type { WorldState } from '../../store/world-state.js';

// Seed 000/001: balances are computed only on the self-view (GET /users/me) for callers with the
// balance-read scope. The docs do not name the scope; this is the name we document.
export const BALANCE_SCOPE = 'user:balance:read';

export interface ViewOptions {
  /** Apply this account's profile override (name, profile picture). */
  accountId?: string | null;
  /** The caller asked for GET /users/me and may read balances. */
  withBalances?: boolean;
}

/**
 * The canonical, fullest view of a user: every field of the latest version. The pipeline's
 * projection drops what an older version does not declare, so this is the only user view.
 */
export function userView(state: WorldState, user: UserRecord, options: ViewOptions = {}) {
  const override = options.accountId ? user.overrides[options.accountId] : undefined;
  const pictureId = override?.profile_picture_file_id ?? user.profile_picture_file_id;
  return viewOf(user, override?.name ?? user.name, pictureId ? { file: state.files.get(pictureId) } : null, options.withBalances === true);
}

/**
 * Every record `userView(state, user)` (no options) reads: the user and its profile picture's
 * file. A list's items are remembered by these (src/answers/item-sources.ts).
 */
export function userViewSources(state: WorldState, user: UserRecord): UserViewSource {
  return [user, user.profile_picture_file_id ? state.files.get(user.profile_picture_file_id) : undefined];
}

/** `userView(state, user)` made from its sources alone: the same object. */
export function userViewFrom([user, file]: UserViewSource) {
  return viewOf(user, user.name, user.profile_picture_file_id ? { file } : null, false);
}

export type UserViewSource = readonly [user: UserRecord, file: FileRecord | undefined];

function viewOf(user: UserRecord, name: string | null, picture: { file: FileRecord | undefined } | null, withBalances: boolean) {
  return {
    id: user.id,
    username: user.username,
    name,
    bio: user.bio,
    created_at: user.created_at,
    profile_picture: picture ? { url: picture.file?.url ?? null } : null,
    total_usd: withBalances ? totalUsd(user) : null,
    balances: withBalances ? user.balances.map((b) => ({ ...b, breakdown: { ...b.breakdown } })) : [],
    verification: {
      individual: user.verification.individual ? { ...user.verification.individual } : null,
      business: user.verification.business ? { ...user.verification.business } : null,
    },
  };
}

/** Seed 000: the total over holdings with a known exchange rate, as a decimal string. */
function totalUsd(user: UserRecord): string {
  const cents = user.balances.reduce((sum, b) => sum + (b.value_usd === null ? 0 : Math.round(Number(b.value_usd) * 100)), 0);
  return (cents / 100).toFixed(2);
}

export function isSelfView(id: string, principal: Principal): boolean {
  return id === 'me' && principal.kind === 'user_oauth_token' && principal.scopes.has(BALANCE_SCOPE);
}

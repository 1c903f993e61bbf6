import type { Principal } from '../principal.js';
import type { UserRecord } from '../../world/records.js';
import type { WorldState } from '../../world/world-state.js';

// Seed 000/001: balances are computed only on the self-view (GET /users/me) for callers with the
// balance-read scope. The docs do not name the scope; this is the name we document.
export const BALANCE_SCOPE = 'user:balance:read';

export interface ViewOptions {
  /** Apply this account's profile override (name, profile picture). */
  accountId?: string | null;
  /** The caller asked for GET /users/me and may read balances. */
  withBalances?: boolean;
}

/** The fullest view of a user (every field of the latest version); the pipeline projects it for older ones. */
export function userView(state: WorldState, user: UserRecord, options: ViewOptions = {}) {
  const override = options.accountId ? user.overrides[options.accountId] : undefined;
  const pictureId = override?.profile_picture_file_id ?? user.profile_picture_file_id;
  const withBalances = options.withBalances === true;
  return {
    id: user.id,
    username: user.username,
    name: override?.name ?? user.name,
    bio: user.bio,
    created_at: user.created_at,
    profile_picture: pictureId ? { url: state.files.get(pictureId)?.url ?? null } : null,
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

import type { TokenKind } from '../world/records.js';

/** Who is calling: what the bearer token stands for. Handlers decide with it, never with headers. */
export interface Principal {
  kind: TokenKind | 'anonymous';
  token: string | null;
  /** The user a user OAuth token acts for. */
  userId: string | null;
  /** The account (company, `biz_`) an API key belongs to. */
  accountId: string | null;
  scopes: ReadonlySet<string>;
}

export const anonymous: Principal = { kind: 'anonymous', token: null, userId: null, accountId: null, scopes: new Set() };

import type { Operation } from '../../openapi/compile-operations.js';

/** What the traffic showed about one bearer token (kept under its fake, never as itself). */
interface Evidence {
  userId: string | null;
  accountIds: Set<string>;
  listsOwnAccount: string | null;
  scopes: Set<string>;
  requests: number;
}

/**
 * Tokens as fixture records, inferred from their 2xx answers. Kind: `user_oauth_token` of the user
 * `/users/me` answered with; else `account_api_key` of the account `GET /members` without company_id
 * listed (or of the one company whose members it read); else `app_api_key`. Scopes: those of the
 * operations it succeeded on, plus `member:email:read` / `member:phone:read` for unmasked member
 * emails / phones and `user:balance:read` for `/users/me` with balances.
 */
export class RecordedTokens {
  readonly #byToken = new Map<string, Evidence>();

  note(token: string, operation: Operation, path: string, search: string, body: unknown): void {
    let evidence = this.#byToken.get(token);
    if (!evidence) this.#byToken.set(token, (evidence = { userId: null, accountIds: new Set(), listsOwnAccount: null, scopes: new Set(), requests: 0 }));
    evidence.requests += 1;
    for (const scope of operation.scopes ?? []) evidence.scopes.add(scope);
    const json = body as Record<string, unknown> | null;
    if (path === '/users/me' && typeof json?.id === 'string') {
      evidence.userId = json.id;
      if (json.total_usd !== null && json.total_usd !== undefined) evidence.scopes.add('user:balance:read');
    }
    const members = operation.operationId === 'listMembers' ? (Array.isArray(json?.data) ? (json.data as unknown[]) : []) : operation.operationId === 'retrieveMember' ? [json] : [];
    for (const member of members as Array<Record<string, any> | null>) {
      const companyId = member?.company?.id;
      if (typeof companyId === 'string') evidence.accountIds.add(companyId);
      if (typeof member?.user?.email === 'string') evidence.scopes.add('member:email:read');
      if (typeof member?.phone === 'string') evidence.scopes.add('member:phone:read');
      if (operation.operationId === 'listMembers' && !/(^|&)company_id=/.test(search) && typeof companyId === 'string') evidence.listsOwnAccount = companyId;
    }
  }

  records(): Array<Record<string, unknown>> {
    return [...this.#byToken].map(([token, e]) => {
      const account = e.listsOwnAccount ?? (e.accountIds.size === 1 ? [...e.accountIds][0] : undefined);
      const who = e.userId !== null ? { kind: 'user_oauth_token', user_id: e.userId } : account !== undefined ? { kind: 'account_api_key', account_id: account } : { kind: 'app_api_key' };
      return { token, ...who, scopes: [...e.scopes].sort(), description: `Recorded through the proxy from ${e.requests} successful request(s); kind and scopes inferred from what the upstream answered.` };
    });
  }
}

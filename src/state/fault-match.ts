// What a fault rule is (its selectors and effects, as posted and stored) and how it matches a request.

/** What a rule (or one step of its sequence) does to a request it matches. */
export interface FaultStep {
  /** Answer with this status: with `body`, that body; without, the Whop envelope for the status. */
  readonly status?: number;
  readonly body?: unknown;
  /** Wait this long first (at most MAX_DELAY_MS). */
  readonly delay_ms?: number;
  /** Close the connection without answering. */
  readonly drop?: true;
  /** A sequence's step only: let the real answer through (after `delay_ms`, if any). */
  readonly pass?: true;
}

/** A fault rule: what it does to the requests it matches (every given selector must match; none: every request). */
export interface FaultRule extends Omit<FaultStep, 'pass'> {
  /** Match this operation (in any API version). */
  readonly operationId?: string;
  /** Match this HTTP method (case-insensitive). */
  readonly method?: string;
  /** A path template (`/users/{id}`) or a concrete path (`/users/user_alex123`), without /api/v1. */
  readonly path?: string;
  /** Query parameters with these values, compared as the operation parsed them (`{"first": 50}` matches `?first=50`). */
  readonly query?: Readonly<Record<string, unknown>>;
  /** Request headers with these values (names case-insensitive). */
  readonly header?: Readonly<Record<string, string>>;
  /** A JSON body holding these fields (at any depth; arrays and values equal). */
  readonly request_body?: Readonly<Record<string, unknown>>;
  /** The bearer token the request was authenticated with. */
  readonly token?: string;
  readonly token_kind?: 'user_oauth_token' | 'account_api_key' | 'app_api_key';
  /** The caller's account (an API key's `account_id`), or the account the request names (`account_id` / `company_id`). */
  readonly account_id?: string;
  /** Apply to the next N matching requests only, then disappear. Default: until cleared (a sequence: once per step). */
  readonly times?: number;
  /** Successive matching requests get these outcomes in turn; then the rule is used up. */
  readonly sequence?: readonly FaultStep[];
}

/** What a rule is matched against (made only for a session that has rules). */
export interface FaultTarget {
  readonly operationId: string;
  readonly method: string;
  /** The operation's path template. */
  readonly template: string;
  readonly path: string;
  /** The query as the operation parsed it (`first` is the number 50 for `?first=50`). */
  readonly query: Readonly<Record<string, unknown>>;
  /** Names lower-case, as received. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The parsed JSON body; undefined without one. */
  readonly body: unknown;
  /** The bearer token the request was authenticated with; null when none was needed. */
  readonly token: string | null;
  /** `user_oauth_token`, `account_api_key`, `app_api_key`, or `anonymous`. */
  readonly tokenKind: string;
  /** The caller's account (an API key's) and the account the request names (`account_id` / `company_id`). */
  readonly accounts: readonly string[];
}

/** One rule's answer to one request: which rule, which step of its sequence (null for a plain rule), and what it does. */
export interface TakenFault {
  readonly id: string;
  readonly step: number | null;
  readonly action: FaultStep;
}

/** Every given selector must match; a rule with none matches every API request. */
export function matches(rule: FaultRule, target: FaultTarget): boolean {
  if (rule.operationId !== undefined && rule.operationId !== target.operationId) return false;
  if (rule.method !== undefined && rule.method.toUpperCase() !== target.method) return false;
  if (rule.path !== undefined && rule.path !== target.template && rule.path !== target.path) return false;
  if (rule.token !== undefined && rule.token !== target.token) return false;
  if (rule.token_kind !== undefined && rule.token_kind !== target.tokenKind) return false;
  if (rule.account_id !== undefined && !target.accounts.includes(rule.account_id)) return false;
  if (rule.query !== undefined) {
    for (const name in rule.query) if (!sameValue(target.query[name], rule.query[name])) return false;
  }
  if (rule.header !== undefined) {
    for (const name in rule.header) if (!headerHas(target.headers[name.toLowerCase()], rule.header[name] as string)) return false;
  }
  if (rule.request_body !== undefined && !contains(target.body, rule.request_body)) return false;
  return true;
}

/** What a rule does, given the uses it had left before: a sequence's step, or the rule's own effect. */
export function takenFault(id: string, rule: FaultRule, usesBefore: number | undefined): TakenFault {
  if (rule.sequence === undefined) return { id, step: null, action: rule };
  const step = rule.sequence.length - (usesBefore ?? rule.sequence.length);
  return { id, step, action: rule.sequence[step] ?? { pass: true } };
}

function headerHas(value: string | readonly string[] | undefined, wanted: string): boolean {
  return typeof value === 'string' ? value === wanted : value !== undefined && value.includes(wanted);
}

/** Equal JSON values (arrays in order, objects with the same keys). */
function sameValue(actual: unknown, wanted: unknown): boolean {
  if (actual === wanted) return true;
  if (Array.isArray(wanted)) return Array.isArray(actual) && actual.length === wanted.length && wanted.every((item, i) => sameValue(actual[i], item));
  if (!isPlainObject(wanted) || !isPlainObject(actual) || Array.isArray(actual)) return false;
  const keys = Object.keys(wanted);
  return keys.length === Object.keys(actual).length && keys.every((key) => sameValue(actual[key], wanted[key]));
}

/** `actual` holds `wanted`: every field of a wanted object (at any depth) is there with that value; arrays and scalars are equal. */
function contains(actual: unknown, wanted: unknown): boolean {
  if (!isPlainObject(wanted) || Array.isArray(wanted)) return sameValue(actual, wanted);
  if (!isPlainObject(actual) || Array.isArray(actual)) return false;
  for (const key of Object.keys(wanted)) {
    if (!Object.hasOwn(actual, key) || !contains(actual[key], wanted[key])) return false;
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

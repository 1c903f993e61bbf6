import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FixtureError } from '../store/fixture-error.js';
import type { Exchange } from '../proxy/exchange.js';
import { fakesFor, type Fakes } from './fake-values.js';
import { RecordedTokens } from './recorded-tokens.js';
import { memberFromView, userFromView } from './record-views.js';

type Json = Record<string, unknown>;
type Kind = 'companies' | 'files' | 'users' | 'members' | 'tokens';
const KINDS: readonly Kind[] = ['companies', 'files', 'users', 'members', 'tokens'];
const KEYS: Record<Kind, string> = { companies: 'id', files: 'id', users: 'id', members: 'id', tokens: 'token' };
const USER_VIEWS = new Set(['retrieveUser', 'updateUser', 'updateCurrentUser']);
/** Records one write may leave out (each costs one more run of the checks) before it gives up. */
const MAX_LEFT_OUT = 100;

/** Checks a fixtures folder (as file texts by kind) the way a start would; throws naming the file, record and field. */
export type FixtureCheck = (dir: string, texts: Readonly<Record<string, string | undefined>>) => Promise<void>;

/**
 * `--record <dir>`: turns the 2xx answers that pass through into fixture records — users,
 * members, their users and companies, profile pictures as files, and the tokens that were used —
 * merged by id with what the folder already holds (the latest view wins, field by field; a
 * masked null never erases a known email or phone). Emails, phones and tokens become stable fakes
 * unless `raw`. `flush()` writes only a folder that passes the start-up checks: a record this
 * process recorded that fails them (and what refers to it) is left out of the write and reported
 * once, until a later view changes it; a record already in the folder that fails them stops the
 * write, so a recording is never shrunk by a check.
 */
export class Recorder {
  readonly #dir: string;
  readonly #fakes: Fakes;
  readonly #check: FixtureCheck;
  readonly #records = new Map<Kind, Map<string, Json>>();
  readonly #tokens = new RecordedTokens();
  /** The name each company's member view showed for a user: its override there, if it differs. */
  readonly #shownNames = new Map<string, Map<string, unknown>>();
  /** Kind and id of every record merged since start: only those may be left out of a write. */
  readonly #recorded = new Set<string>();
  /** Records left out and reported, so a later write does not report them again. */
  #reported = new Set<string>();
  readonly #onLeftOut: (error: FixtureError) => void;
  #dirty = false;

  constructor(dir: string, raw: boolean, check: FixtureCheck, onLeftOut: (error: FixtureError) => void = () => undefined) {
    this.#dir = dir;
    this.#fakes = fakesFor(dir, raw);
    this.#check = check;
    this.#onLeftOut = onLeftOut;
    for (const kind of KINDS) {
      const path = join(dir, `${kind}.json`);
      const list = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Json[]) : [];
      this.#records.set(kind, new Map(list.map((record) => [String(record[KEYS[kind]]), record])));
    }
  }

  observe(exchange: Exchange): void {
    const reply = exchange.facts.upstream;
    const operation = exchange.operation;
    if (reply?.kind !== 'reply' || !reply.parsed || reply.status < 200 || reply.status >= 300 || operation === null) return;
    const body = reply.json as Json;
    const token = /^\s*bearer\s+(\S+)/i.exec(exchange.authorization ?? '')?.[1];
    if (token !== undefined) this.#tokens.note(this.#fakes.token(token), operation, exchange.path, exchange.search, body);
    // An account's view of a user carries that account's override, not the user's own profile.
    const overridden = /(^|&)(account_id|company_id)=/.test(exchange.search);
    if (USER_VIEWS.has(operation.operationId) && !overridden) this.#user(body);
    if (operation.operationId === 'listUsers' && Array.isArray(body.data)) for (const view of body.data) this.#user(view);
    if (operation.operationId === 'retrieveMember') this.#member(body);
    if (operation.operationId === 'listMembers' && Array.isArray(body.data)) for (const view of body.data) this.#member(view);
    this.#dirty = true;
  }

  /**
   * Writes the merged records, if anything changed, without the recorded ones that would not
   * start; false when nothing is left to write. Throws why when a record it may not leave out fails.
   */
  async flush(): Promise<boolean> {
    if (!this.#dirty) return false;
    const leftOut = new Set<string>();
    let texts = this.#texts(leftOut);
    for (;;) {
      try {
        await this.#check(this.#dir, texts.byKind);
        break;
      } catch (error) {
        const key = error instanceof FixtureError && error.location?.id !== undefined ? `${basename(error.file, '.json')}\n${error.location.id}` : undefined;
        if (key === undefined || !this.#recorded.has(key) || leftOut.has(key) || leftOut.size >= MAX_LEFT_OUT) throw error;
        leftOut.add(key);
        if (!this.#reported.has(key)) this.#onLeftOut(error as FixtureError);
        texts = this.#texts(leftOut);
      }
    }
    this.#reported = leftOut;
    this.#dirty = false;
    if (texts.count === 0) return false;
    for (const kind of KINDS) {
      const path = join(this.#dir, `${kind}.json`);
      writeFileSync(`${path}.tmp`, texts.byKind[kind] as string);
      renameSync(`${path}.tmp`, path);
    }
    return true;
  }

  /** Every kind's file text, without the records `leftOut` names (`kind\nid`). */
  #texts(leftOut: ReadonlySet<string>): { byKind: Record<string, string>; count: number } {
    const byKind: Record<string, string> = {};
    let count = 0;
    for (const kind of KINDS) {
      const all = kind === 'tokens' ? this.#mergedTokens() : [...(this.#records.get(kind)?.values() ?? [])].map((r) => complete(kind, kind === 'users' ? this.#withOverrides(r) : r));
      const records = leftOut.size === 0 ? all : all.filter((record) => !leftOut.has(`${kind}\n${String(record[KEYS[kind]])}`));
      byKind[kind] = `${JSON.stringify(records, null, 2)}\n`;
      count += records.length;
    }
    return { byKind, count };
  }

  #user(view: unknown): void {
    const seen = userFromView(view);
    if (!seen) return;
    this.#merge('users', seen.user);
    if (seen.file) this.#merge('files', seen.file);
  }

  #member(view: unknown): void {
    const seen = memberFromView(view);
    if (!seen) return;
    if (seen.company) this.#merge('companies', { created_at: seen.member.created_at, ...this.#get('companies', String(seen.company.id)), ...seen.company });
    if (seen.user) {
      const known = this.#get('users', String(seen.user.id));
      const email = typeof seen.user.email === 'string' ? this.#fakes.email(seen.user.email) : (known?.email ?? null);
      if (seen.company) {
        const names = this.#shownNames.get(String(seen.user.id)) ?? new Map<string, unknown>();
        this.#shownNames.set(String(seen.user.id), names.set(String(seen.company.id), seen.user.name));
      }
      // A member's user name is as its company shows it: it only names a user seen nowhere else.
      this.#merge('users', { ...(known ? {} : { name: seen.user.name, created_at: seen.member.created_at }), id: seen.user.id, username: seen.user.username, email });
    }
    const known = this.#get('members', String(seen.member.id));
    const phone = typeof seen.member.phone === 'string' ? this.#fakes.phone(seen.member.phone) : (known?.phone ?? null);
    this.#merge('members', { ...seen.member, phone });
  }

  /** A company that showed a user under another name than the user's own has an override for it. */
  #withOverrides(user: Json): Json {
    const names = this.#shownNames.get(String(user.id));
    if (!names) return user;
    const overrides = { ...(user.overrides as Record<string, Json> | undefined) };
    for (const [companyId, name] of names) if (name !== user.name) overrides[companyId] = { ...overrides[companyId], name };
    return { ...user, overrides };
  }

  #get(kind: Kind, id: string): Json | undefined {
    return this.#records.get(kind)?.get(id);
  }

  #merge(kind: Kind, record: Json): void {
    const id = String(record[KEYS[kind]]);
    this.#recorded.add(`${kind}\n${id}`);
    // A new view may mend a record left out before: it is checked (and reported) afresh.
    this.#reported.delete(`${kind}\n${id}`);
    this.#records.get(kind)?.set(id, { ...this.#get(kind, id), ...record });
  }

  #mergedTokens(): Json[] {
    const merged = new Map(this.#records.get('tokens'));
    for (const token of this.#tokens.records()) {
      merged.set(String(token.token), token);
      this.#recorded.add(`tokens\n${String(token.token)}`);
    }
    return [...merged.values()];
  }
}

/** Fills what a view never shows with the fixtures' neutral defaults (documented in the README). */
function complete(kind: Kind, record: Json): Json {
  if (kind === 'users') {
    return { name: null, bio: null, email: null, profile_picture_file_id: null, balances: [], verification: { individual: null, business: null }, overrides: {}, verification_locked_fields: [], ...record };
  }
  if (kind === 'members') return { product_ids: [], plan_ids: [], promo_code_ids: [], most_recent_action: null, most_recent_action_at: null, phone: null, ...record };
  return record;
}

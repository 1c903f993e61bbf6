import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureError } from '../../world/fixture-error.js';
import { fixtureKinds } from '../../world/fixture-kinds.js';
import type { FixtureKind } from '../../world/records.js';
import type { Exchange } from '../../pipeline/pipeline.js';
import { fakesFor, type Fakes } from './fake-values.js';
import { RecordedTokens } from './recorded-tokens.js';
import { passingRecords } from './passing-records.js';
import { memberFromView, userFromView } from './record-views.js';

type Json = Record<string, unknown>;
/** The kinds recorded, in the order written (each keyed and filed as the registry says). */
const KINDS = ['companies', 'files', 'users', 'members', 'tokens'] as const satisfies readonly FixtureKind[];
type Kind = (typeof KINDS)[number];
const idOf = (kind: Kind, record: Json): string => String(record[fixtureKinds[kind].key]);
const USER_VIEWS = new Set(['retrieveUser', 'updateUser', 'updateCurrentUser']);

/** Checks a fixtures folder (as file texts by kind) the way a start would; throws naming the file, record and field. */
export type FixtureCheck = (dir: string, texts: Readonly<Record<string, string | undefined>>) => Promise<void>;

/**
 * `--record <dir>`: the 2xx answers that pass through as fixture records (users, members, their
 * companies, profile pictures as files, the tokens used), merged by id with the folder's (latest
 * view wins, field by field; a masked null never erases a known email or phone); emails, phones and
 * tokens as stable fakes unless `raw`. `flush()` writes only a folder that passes the start-up
 * checks: a failing record is written as last written, or left out, reported once (passing-records.ts).
 */
export class Recorder {
  readonly #dir: string;
  readonly #fakes: Fakes;
  readonly #check: FixtureCheck;
  readonly #records = new Map<Kind, Map<string, Json>>();
  readonly #tokens = new RecordedTokens();
  /** The name each company's member view showed for a user: its override there, if it differs. */
  readonly #shownNames = new Map<string, Map<string, unknown>>();
  /** Each record (`kind\nid`) as last written, or as the folder held it at start. */
  readonly #written = new Map<string, Json>();
  /** Records that fell back and were reported, so a later write does not report them again. */
  #reported = new Set<string>();
  readonly #onLeftOut: (error: FixtureError, keptWritten: boolean) => void;
  #dirty = false;

  constructor(dir: string, raw: boolean, check: FixtureCheck, onLeftOut: (error: FixtureError, keptWritten: boolean) => void) {
    mkdirSync(dir, { recursive: true });
    this.#dir = dir;
    this.#fakes = fakesFor(dir, raw);
    this.#check = check;
    this.#onLeftOut = onLeftOut;
    for (const kind of KINDS) {
      const path = join(dir, fixtureKinds[kind].file);
      const list = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Json[]) : [];
      this.#records.set(kind, new Map(list.map((record) => [idOf(kind, record), record])));
      for (const record of list) this.#written.set(keyOf(kind, record), record);
    }
  }

  observe(exchange: Exchange): void {
    const reply = exchange.notes.upstream;
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

  /** Writes the merged records if anything changed; false when nothing is left to write; throws when nothing passes. */
  async flush(): Promise<boolean> {
    if (!this.#dirty) return false;
    const lists: Record<string, Json[]> = {};
    for (const kind of KINDS) lists[kind] = kind === 'tokens' ? this.#mergedTokens() : [...(this.#records.get(kind)?.values() ?? [])].map((r) => complete(kind, kind === 'users' ? this.#withOverrides(r) : r));
    const report = (key: string, error: FixtureError, keptWritten: boolean) => {
      if (!this.#reported.has(key)) this.#onLeftOut(error, keptWritten);
      this.#reported.add(key);
    };
    const passing = await passingRecords(lists, keyOf, this.#written, (texts) => this.#check(this.#dir, texts), report);
    for (const key of this.#reported) if (!passing.fallbacks.has(key)) this.#reported.delete(key);
    this.#dirty = false;
    if (passing.count === 0) return false;
    for (const kind of KINDS) {
      const path = join(this.#dir, fixtureKinds[kind].file);
      writeFileSync(`${path}.tmp`, passing.texts[kind] as string);
      renameSync(`${path}.tmp`, path);
      for (const record of lists[kind] ?? []) if (!passing.fallbacks.has(keyOf(kind, record))) this.#written.set(keyOf(kind, record), record);
    }
    return true;
  }

  #user(view: unknown): void {
    const seen = userFromView(view);
    if (!seen) return;
    const { user } = seen;
    // What a view hands over whole (not field by field) goes through the secret-name rule.
    for (const key of ['verification', 'balances'] as const) if (key in user) user[key] = this.#fakes.secrets(user[key]);
    this.#merge('users', user);
    // The file's id is of the URL as served (the same picture, one file), its url without secrets.
    if (seen.file) this.#merge('files', { ...seen.file, url: this.#fakes.url(seen.file.url) });
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
    const id = idOf(kind, record);
    const before = this.#get(kind, id);
    const merged = { ...before, ...record };
    this.#records.get(kind)?.set(id, merged);
    // A view that changes a record that fell back may mend it: it is checked (and reported) afresh.
    if (JSON.stringify(before) !== JSON.stringify(merged)) this.#reported.delete(keyOf(kind, merged));
  }

  #mergedTokens(): Json[] {
    const merged = new Map(this.#records.get('tokens'));
    for (const token of this.#tokens.records()) merged.set(String(token.token), token);
    return [...merged.values()];
  }
}

/** A record's key across kinds: `kind\nid` (tokens by their token). */
function keyOf(kind: string, record: Json): string {
  return `${kind}\n${idOf(kind as Kind, record)}`;
}

/** Fills what a view never shows with the fixtures' neutral defaults (documented in the README). */
function complete(kind: Kind, record: Json): Json {
  if (kind === 'users') {
    return { name: null, bio: null, email: null, profile_picture_file_id: null, balances: [], verification: { individual: null, business: null }, overrides: {}, verification_locked_fields: [], ...record };
  }
  if (kind === 'members') return { product_ids: [], plan_ids: [], promo_code_ids: [], most_recent_action: null, most_recent_action_at: null, phone: null, ...record };
  return record;
}

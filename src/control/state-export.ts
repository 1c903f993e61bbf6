import { errors } from '../kernel/catalogue.js';
import { fixtureKindNames, fixtureKinds } from '../world/fixture-kinds.js';
import type { FixtureKind } from '../world/records.js';
import type { WorldState } from '../world/world-state.js';
import { pageLimit } from './journal-query.js';

type Row = Readonly<Record<string, unknown>>;
const rowsOf = (state: WorldState, kind: FixtureKind): Iterable<Row> => state[kind].values() as Iterable<Row>;

/**
 * GET /__mock/state: the whole world, shaped like the fixtures, as one piece of JSON a record, so
 * other requests run between chunks. A write during the export may or may not be in it.
 */
export function* stateChunks(state: WorldState): Generator<string> {
  for (const [k, kind] of fixtureKindNames.entries()) {
    yield `${k === 0 ? '{' : ','}"${kind}":[`;
    let first = true;
    for (const record of rowsOf(state, kind)) {
      yield first ? JSON.stringify(record) : `,${JSON.stringify(record)}`;
      first = false;
    }
    yield ']';
  }
  yield fixtureKindNames.length === 0 ? '{}' : '}';
}

/** Query of GET /__mock/state: nothing (the whole world, streamed), or one kind a page at a time. */
export type StateQuery = { readonly kind: null } | { readonly kind: FixtureKind; readonly limit: number; readonly after: string | undefined };

const KEYS: readonly string[] = ['kind', 'limit', 'after'];

export function stateQuery(query: URLSearchParams, pageMax: number): StateQuery {
  for (const key of query.keys()) if (!KEYS.includes(key)) throw errors.parameterInvalid(key, `is not a parameter of GET /__mock/state; use ${KEYS.join(', ')}`);
  const kind = query.get('kind');
  if (kind === null) {
    const paging = KEYS.find((key) => query.has(key));
    if (paging !== undefined) throw errors.parameterInvalid(paging, 'pages one kind of record: add kind (users, members, ...)');
    return { kind: null };
  }
  if (!(fixtureKindNames as readonly string[]).includes(kind)) throw errors.parameterInvalid('kind', `must be one of ${fixtureKindNames.join(', ')}, got "${kind.slice(0, 40)}"`);
  const limit = query.has('limit') ? pageLimit(query.get('limit') ?? '', pageMax) : pageMax;
  return { kind: kind as FixtureKind, limit, after: query.get('after') ?? undefined };
}

/**
 * One page of one kind, in export order. The cursor is the last record's key: records are never
 * deleted and writes keep their place, so it stays valid (after a reset, an unknown key is a 400).
 */
export function statePage(state: WorldState, kind: FixtureKind, limit: number, after: string | undefined): string {
  const key = fixtureKinds[kind].key as string;
  const data: string[] = [];
  let skipping = after !== undefined;
  let endCursor: string | null = null;
  let hasNext = false;
  for (const record of rowsOf(state, kind)) {
    if (skipping) {
      skipping = String(record[key]) !== after;
      continue;
    }
    if (data.length === limit) {
      hasNext = true;
      break;
    }
    data.push(JSON.stringify(record));
    endCursor = String(record[key]);
  }
  if (skipping) throw errors.parameterInvalid('after', `names no ${kind} record of this session (${JSON.stringify((after ?? '').slice(0, 60))}); was the session reset?`);
  return `{"kind":"${kind}","data":[${data.join(',')}],"page_info":{"end_cursor":${JSON.stringify(endCursor)},"has_next_page":${hasNext}}}`;
}

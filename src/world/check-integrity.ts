import { FixtureError } from './fixture-error.js';
import { fixtureKindNames, fixtureKinds, type Reference, type UniqueRule } from './fixture-kinds.js';
import type { Fixtures, FixtureKind } from './records.js';

type Row = Readonly<Record<string, unknown>>;
type Indexed = Map<string, { index: number; record: Row }>;
/** The kind table seen without its per-kind record types, for rules that treat all kinds alike. */
type RowRule = { key: string; unique: readonly UniqueRule[]; references: (record: Row) => Reference[] };
const ruleOf = (kind: FixtureKind): RowRule => fixtureKinds[kind] as unknown as RowRule;

/** What a record's schema cannot state: unique keys and fields; referenced ids exist (in the right company). */
export function checkIntegrity(fixtures: Fixtures, fileOf: (kind: FixtureKind) => string): void {
  const byKey = new Map<FixtureKind, Indexed>();
  const rowsOf = (kind: FixtureKind): readonly Row[] => fixtures[kind] as unknown as readonly Row[];
  for (const kind of fixtureKindNames) byKey.set(kind, indexKind(kind, rowsOf(kind), fileOf(kind)));
  for (const kind of fixtureKindNames) {
    const rule = ruleOf(kind);
    rowsOf(kind).forEach((record, index) => {
      // Every reference of the first record with a bad one, so it is fixed in one go.
      const problems = rule.references(record).flatMap((ref) => {
        const problem = checkReference(ref, byKey, fileOf);
        return problem === undefined ? [] : [{ pointer: ref.pointer, text: `${ref.pointer} ${problem}` }];
      });
      const first = problems[0];
      if (first !== undefined) {
        throw new FixtureError(fileOf(kind), problems.map((problem) => problem.text).join('; '), { index, id: keyOf(record, rule.key), pointer: first.pointer });
      }
    });
  }
}

function indexKind(kind: FixtureKind, records: readonly Row[], file: string): Indexed {
  const rule = ruleOf(kind);
  const byKey: Indexed = new Map();
  const seen = rule.unique.map(() => new Map<string, number>());
  records.forEach((record, index) => {
    const key = keyOf(record, rule.key) ?? '';
    const fail = (pointer: string, detail: string): never => {
      throw new FixtureError(file, `${pointer} ${detail}`, { index, id: key, pointer });
    };
    const earlier = byKey.get(key);
    if (earlier !== undefined) fail(`/${rule.key}`, `"${key}" is already used by record ${earlier.index}`);
    byKey.set(key, { index, record });
    rule.unique.forEach((unique, u) => {
      const values = unique.fields.map((field) => record[field]);
      if (values.some((value) => value === null || value === undefined)) return;
      const joined = values.map(String).join('\u0000');
      const value = unique.fold ? joined.toLowerCase() : joined;
      const first = seen[u]?.get(value);
      const last = unique.fields[unique.fields.length - 1] ?? '';
      if (first !== undefined) {
        const scope = unique.fields.length > 1 ? ` (with the same ${unique.fields.slice(0, -1).join(', ')})` : '';
        fail(`/${last}`, `"${String(record[last])}" is already used by record ${first} (${keyOf(records[first] ?? {}, rule.key)})${scope}`);
      }
      seen[u]?.set(value, index);
    });
  });
  return byKey;
}

function checkReference(ref: Reference, byKey: Map<FixtureKind, Indexed>, fileOf: (kind: FixtureKind) => string): string | undefined {
  const target = byKey.get(ref.kind)?.get(ref.id);
  const noun = fixtureKinds[ref.kind].noun;
  if (target === undefined) return `refers to ${noun} "${ref.id}", which is not in ${fileOf(ref.kind)}`;
  if (ref.company === undefined) return undefined;
  const owner = companyOf(ref.kind, target.record, byKey);
  if (owner === ref.company) return undefined;
  return `refers to ${noun} "${ref.id}" of company ${owner ?? '(none)'}, not this record's company ${ref.company}`;
}

/** The company a product, plan, promo code or experience belongs to (a plan through its product). */
function companyOf(kind: FixtureKind, record: Row, byKey: Map<FixtureKind, Indexed>): string | undefined {
  if (kind === 'plans') {
    const product = byKey.get('products')?.get(String(record.product_id));
    return product === undefined ? undefined : companyOf('products', product.record, byKey);
  }
  return typeof record.company_id === 'string' ? record.company_id : undefined;
}

function keyOf(record: Row, field: string): string | undefined {
  const key = record[field];
  return typeof key === 'string' ? key : undefined;
}

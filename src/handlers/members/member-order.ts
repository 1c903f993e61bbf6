import type { MemberRecord } from '../../store/records.js';
import { compareKeys, type SortKey } from '../paginate.js';

export type MemberOrderField = 'id' | 'usd_total_spent' | 'created_at' | 'joined_at' | 'most_recent_action';
export type Direction = 'asc' | 'desc';

const time = (value: string | null): number | null => (value === null ? null : Date.parse(value));

// Timestamps sort as instants, not strings, so "…00Z" and "…00.000Z" compare correctly.
// `most_recent_action` is an enum; ordering by it means ordering by when it happened.
const valueOf: Record<Exclude<MemberOrderField, 'id'>, (member: MemberRecord) => string | number | null> = {
  usd_total_spent: (member) => member.usd_total_spent,
  created_at: (member) => time(member.created_at),
  joined_at: (member) => time(member.joined_at),
  most_recent_action: (member) => time(member.most_recent_action_at),
};

export interface MemberOrder {
  /** Goes into the cursor scope: a cursor from one order or direction is a 400 in another. */
  name: string;
  keyOf: (member: MemberRecord) => SortKey;
  compare: (a: SortKey, b: SortKey) => number;
}

/**
 * The sort of GET /members: by default `created_at` ascending (oldest first, like GET /users,
 * so new members land on the last page and earlier cursors stay put). Ties are broken by id,
 * so the order is total; `desc` is the exact reverse of `asc`. Nulls sort first in asc.
 */
export function memberOrder(query: Record<string, unknown>): MemberOrder {
  const field = (typeof query.order === 'string' ? query.order : 'created_at') as MemberOrderField;
  const direction: Direction = query.direction === 'desc' ? 'desc' : 'asc';
  const keyOf = (member: MemberRecord): SortKey => (field === 'id' ? [member.id] : [valueOf[field](member), member.id]);
  const compare = direction === 'asc' ? compareKeys : (a: SortKey, b: SortKey) => compareKeys(b, a);
  return { name: `${field}:${direction}`, keyOf, compare };
}

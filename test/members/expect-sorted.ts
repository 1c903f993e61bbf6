import { expect } from 'vitest';

export type OrderField = 'id' | 'usd_total_spent' | 'created_at' | 'joined_at' | 'most_recent_action';

interface ServedMember {
  id: string;
  usd_total_spent: number;
  created_at: string;
  joined_at: string;
  most_recent_action_at: string | null;
}

const valueOf = (member: ServedMember, field: OrderField): number | string | null => {
  if (field === 'id') return member.id;
  if (field === 'usd_total_spent') return member.usd_total_spent;
  const time = field === 'most_recent_action' ? member.most_recent_action_at : member[field];
  return time === null ? null : Date.parse(time);
};

/**
 * Asserts each neighbouring pair is in order: by the field's value (nulls first in asc), ties
 * by id, and desc the exact reverse. Returns how many neighbouring pairs were ties, so a test
 * can insist that the data really exercised the tie-break.
 */
export function expectSorted(members: readonly ServedMember[], field: OrderField, direction: 'asc' | 'desc'): number {
  let ties = 0;
  for (let i = 1; i < members.length; i += 1) {
    const [a, b] = direction === 'asc' ? [members[i - 1], members[i]] : [members[i], members[i - 1]];
    if (!a || !b) throw new Error('unreachable');
    const [x, y] = [valueOf(a, field), valueOf(b, field)];
    const where = `${a.id} before ${b.id} by ${field} ${direction}`;
    if (x === y) {
      ties += 1;
      expect(a.id < b.id, where).toBe(true);
    } else {
      expect(x === null || (y !== null && x < y), where).toBe(true);
    }
  }
  return ties;
}

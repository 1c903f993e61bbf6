import { describe, expect, it } from 'vitest';
import { MAX_FALLBACKS, passingRecords } from '../../src/proxy/recording/passing-records.js';
import { FixtureError } from '../../src/world/fixture-error.js';

type Json = Record<string, unknown>;
const keyOf = (kind: string, record: Json) => `${kind}\n${String(record.id)}`;

/** The fixture checks' contract: the first record (in file order) with a numeric name fails, named by file and id. */
const check = async (texts: Record<string, string>) => {
  for (const [kind, text] of Object.entries(texts)) {
    (JSON.parse(text) as Json[]).forEach((record, index) => {
      if (typeof record.name === 'number') throw new FixtureError(`rec/${kind}.json`, '/name must be string or null', { index, id: String(record.id), pointer: '/name' });
    });
  }
};

describe('passingRecords (a recording made to pass the fixture checks)', () => {
  it('a failing record falls back to its last written version, or, never written, is left out; each is reported once with which', async () => {
    const reports: Array<[string, boolean]> = [];
    const lists = { users: [{ id: 'a', name: 1 }, { id: 'b', name: 'B' }, { id: 'c', name: 2 }] };
    const written = new Map<string, Json>([['users\na', { id: 'a', name: 'A' }]]);
    const passing = await passingRecords(lists, keyOf, written, check, (key, _error, kept) => reports.push([key, kept]));
    expect(JSON.parse(passing.texts.users as string)).toEqual([{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }]);
    expect(passing.count).toBe(2);
    expect([...passing.fallbacks].sort()).toEqual(['users\na', 'users\nc']);
    expect(reports).toEqual([
      ['users\na', true],
      ['users\nc', false],
    ]);
  });

  it('a written version that fails as well stops the write with the checks own error', async () => {
    const written = new Map<string, Json>([['users\na', { id: 'a', name: 3 }]]);
    await expect(passingRecords({ users: [{ id: 'a', name: 1 }] }, keyOf, written, check, () => undefined)).rejects.toThrow('rec/users.json: record 0 (a): /name must be string or null');
  });

  it(`past ${MAX_FALLBACKS} failing records it gives up with an error that says so, naming the last`, async () => {
    const users = Array.from({ length: MAX_FALLBACKS + 1 }, (_, i) => ({ id: `bad${i}`, name: i }));
    let reported = 0;
    await expect(passingRecords({ users: [...users, { id: 'good', name: 'G' }] }, keyOf, new Map(), check, () => (reported += 1))).rejects.toThrow(
      `more than ${MAX_FALLBACKS} recorded records fail the fixture checks; nothing is written. The last: rec/users.json: record 0 (bad${MAX_FALLBACKS})`,
    );
    expect(reported).toBe(MAX_FALLBACKS);
  });
});

import { fixtureKindNames, fixtureKinds } from './fixture-kinds.js';
import type { Fixtures } from './records.js';
import type { World } from './world.js';
import type { RecordWrite } from './write-ledger.js';

type Row = Readonly<Record<string, unknown>>;

/** A checked world as the writes that turn the base into it: a snapshot costs only what it changed. */
export function worldDiff(world: World, posted: Fixtures): RecordWrite[] {
  const writes: RecordWrite[] = [];
  for (const kind of fixtureKindNames) {
    const base = world.bases[kind].records as unknown as ReadonlyMap<string, Row>;
    const key = fixtureKinds[kind].key as string;
    const seen = new Set<string>();
    for (const record of posted[kind] as unknown as readonly Row[]) {
      const id = String(record[key]);
      seen.add(id);
      const json = JSON.stringify(record);
      const before = base.get(id);
      if (before === undefined || JSON.stringify(before) !== json) writes.push({ kind, key: id, json });
    }
    for (const id of base.keys()) if (!seen.has(id)) writes.push({ kind, key: id, json: null });
  }
  return writes;
}

/** Bytes the writes' records hold, as a session's byte budget counts them. */
export function writtenBytes(writes: readonly RecordWrite[]): number {
  let bytes = 0;
  for (const write of writes) if (write.json !== null) bytes += Buffer.byteLength(write.json);
  return bytes;
}

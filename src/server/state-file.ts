import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * `--state-file`: a world kept across restarts of the memory store. Read at start (a missing file
 * means "start from the fixtures"; a file that is not JSON stops start-up naming it), written
 * on a clean stop as a temporary file beside it, then renamed over it, so a crash while writing
 * never leaves half a world behind.
 */
export function readStateFile(path: string): unknown {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${path}: not valid JSON: ${(error as Error).message}`);
  }
}

export function writeStateFile(path: string, world: unknown): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temporary, `${JSON.stringify(world, null, 2)}\n`);
  renameSync(temporary, path);
}

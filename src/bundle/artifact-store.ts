import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheDirs } from './cache-dirs.js';

/** Compiled forms kept per cache folder; the oldest go first (each spec edit makes a new one). */
export const CACHE_FILES_LIMIT = 32;

/** What was found: the artifact and the folder it came from. */
export interface Found<T> {
  readonly artifact: T;
  readonly dir: string;
}

/**
 * Compiled forms on disk, one JSON file each, named by a hash of their key. The key (which
 * holds the hash of the inputs and of the code that compiles them) is stored inside the file
 * too and compared on read, so a stale, foreign or half-written file is simply a miss. Writes go
 * to a temporary name and are renamed into place, so a reader never sees half a file; a folder
 * that cannot be written is skipped without a word (the cache only ever saves time).
 */
export class ArtifactStore {
  constructor(private readonly dirs: CacheDirs) {}

  get writable(): boolean {
    return this.dirs.write.length > 0;
  }

  read<T>(key: string): Found<T> | undefined {
    const name = fileName(key);
    for (const dir of this.dirs.read) {
      let parsed: { key?: unknown; artifact?: T };
      try {
        parsed = JSON.parse(readFileSync(join(dir, name), 'utf8')) as typeof parsed;
      } catch {
        continue;
      }
      if (parsed.key === key && parsed.artifact !== undefined) return { artifact: parsed.artifact, dir };
    }
    return undefined;
  }

  /** Writes to the first folder that takes it; returns that folder, or undefined. */
  write(key: string, artifact: unknown): string | undefined {
    const text = JSON.stringify({ key, artifact });
    for (const dir of this.dirs.write) {
      const target = join(dir, fileName(key));
      const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(temp, text, { mode: 0o644 });
        renameSync(temp, target);
        prune(dir);
        return dir;
      } catch {
        rmSync(temp, { force: true });
      }
    }
    return undefined;
  }
}

/** Keeps the CACHE_FILES_LIMIT most recently written forms of a folder. */
function prune(dir: string): void {
  try {
    const files = readdirSync(dir).filter((name) => /^[a-z]+-[0-9a-f]{32}\.json$/.test(name));
    if (files.length <= CACHE_FILES_LIMIT) return;
    const byAge = files.map((name) => ({ name, at: statSync(join(dir, name)).mtimeMs })).sort((a, b) => a.at - b.at);
    for (const { name } of byAge.slice(0, files.length - CACHE_FILES_LIMIT)) rmSync(join(dir, name), { force: true });
  } catch {
    // Another start pruning at the same time, or a folder that changed under us: next time.
  }
}

export function fileName(key: string): string {
  return `${key.slice(0, key.indexOf(':'))}-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`;
}

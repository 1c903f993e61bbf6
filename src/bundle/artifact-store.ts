import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledFrom } from './bundle.js';
import { PRECOMPILED_DIR, type CacheDirs } from './cache-dirs.js';

/** Compiled forms kept per cache folder; the oldest go first (each spec edit makes a new one). */
export const CACHE_FILES_LIMIT = 32;

/**
 * Compiled forms on disk, one JSON file each, named by a hash of their key. The key is stored
 * inside too and compared on read, so a stale or foreign file is a miss. Writes are renamed into
 * place, so a reader never sees half a file; an unwritable folder is skipped (the cache only saves time).
 */
export class ArtifactStore {
  constructor(private readonly dirs: CacheDirs) {}

  /**
   * What the form stored under `key` revives to, else what `compile` makes now (told whether its form
   * can be kept; a returned `artifact` is written). A form `revive` throws on is a miss.
   */
  load<A, T extends object>(key: string, revive: (artifact: A) => T, compile: (keep: boolean) => { value: T; artifact: A | undefined }): T & { from: CompiledFrom } {
    for (const dir of this.dirs.read) {
      let parsed: { key?: unknown; artifact?: A };
      try {
        parsed = JSON.parse(readFileSync(join(dir, fileName(key)), 'utf8')) as typeof parsed;
      } catch {
        continue;
      }
      if (parsed.key !== key || parsed.artifact === undefined) continue;
      try {
        return { ...revive(parsed.artifact), from: dir === PRECOMPILED_DIR ? 'precompiled' : 'cache' };
      } catch {
        // Another file set (MissingValidator) or a form this code cannot read: compile instead.
        break;
      }
    }
    const compiled = compile(this.dirs.write.length > 0);
    if (compiled.artifact !== undefined) this.#write(key, compiled.artifact);
    return { ...compiled.value, from: 'compiled' };
  }

  /** Writes to the first folder that takes it. */
  #write(key: string, artifact: unknown): void {
    const text = JSON.stringify({ key, artifact });
    for (const dir of this.dirs.write) {
      const target = join(dir, fileName(key));
      const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(temp, text, { mode: 0o644 });
        renameSync(temp, target);
        prune(dir);
        return;
      } catch {
        rmSync(temp, { force: true });
      }
    }
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

function fileName(key: string): string {
  return `${key.slice(0, key.indexOf(':'))}-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`;
}

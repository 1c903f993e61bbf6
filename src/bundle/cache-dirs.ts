import { existsSync, lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where compiled forms are looked for, in order; `writable` ones also receive new ones. */
export interface CacheDirs {
  readonly read: readonly string[];
  readonly write: readonly string[];
}

/** Shipped in the package: the bundled specs and records schema, compiled at build time. */
export const PRECOMPILED_DIR = fileURLToPath(new URL('../precompiled/', import.meta.url));

/**
 * The folders of the compiled-spec cache. `cacheDir`: a path; `false`, none (only what the package
 * ships); undefined, `node_modules/.cache/whop-mock` (as babel and eslint do) then the OS temp
 * folder's `whop-mock-cache-<uid>`, used only if this user alone may write it: the cache holds code.
 */
export function cacheDirs(cacheDir: string | false | undefined, cwd: string): CacheDirs {
  const own: string[] = [];
  if (typeof cacheDir === 'string') own.push(cacheDir);
  else if (cacheDir === undefined) {
    if (existsSync(join(cwd, 'node_modules'))) own.push(join(cwd, 'node_modules', '.cache', 'whop-mock'));
    const temp = privateTempDir();
    if (temp !== undefined) own.push(temp);
  }
  return { read: [PRECOMPILED_DIR, ...own], write: own };
}

function privateTempDir(): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = join(tmpdir(), `whop-mock-cache-${uid ?? 'user'}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || (stat.mode & 0o022) !== 0 || (uid !== undefined && stat.uid !== uid)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The folders whose code decides what a compiled spec or record schema looks like. */
const FOLDERS = ['openapi', 'validation', 'bundle'];
const FILES = ['store/record-validators', 'store/fixture-kinds'];

/**
 * A hash of the code that turns specs into compiled forms (this package's openapi/, validation/
 * and bundle/ modules, as they run: .js from dist, .ts from src) and of the Ajv versions whose
 * helpers compiled code calls. It is part of every cache key, so a changed compiler never reads
 * a form an older one wrote: the shipped forms match the shipped code, and a developer's edit
 * simply misses the cache. Reading some 30 small files costs about a millisecond.
 */
export function codeFingerprint(): string {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const ext = extname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  const add = (path: string) => hash.update(`${path}\u0000${readFileSync(join(root, path), 'utf8')}\u0000`);
  for (const folder of FOLDERS) {
    for (const name of readdirSync(join(root, folder)).filter((f) => f.endsWith(ext)).sort()) add(`${folder}/${name}`);
  }
  for (const file of FILES) add(`${file}${ext}`);
  for (const dependency of ['ajv', 'ajv-formats']) {
    hash.update(`${dependency}@${(require(`${dependency}/package.json`) as { version: string }).version}\u0000`);
  }
  return hash.digest('hex').slice(0, 24);
}

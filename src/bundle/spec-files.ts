import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseSpecFiles, type SpecDocument, type SpecFile } from '../openapi/load-specs.js';
import { SpecError } from '../openapi/spec-error.js';

/** A specs folder as read from disk, with a hash of everything in it that the mock reads. */
export interface SpecFiles {
  readonly dir: string;
  readonly files: readonly SpecFile[];
  /** sha256 over every document's name and text: equal hashes, equal specs. */
  readonly hash: string;
}

const DOCUMENT = /\.(ya?ml|json)$/i;

/** Reads and hashes every OpenAPI document in `dir`, sorted by file name (their priority too). */
export function readSpecFiles(dir: string): SpecFiles {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SpecError(dir, 'the specs folder does not exist');
  const names = readdirSync(dir).filter((f) => DOCUMENT.test(f)).sort();
  if (names.length === 0) throw new SpecError(dir, 'no OpenAPI documents (*.yaml, *.yml, *.json) found');
  const hash = createHash('sha256');
  const files = names.map((name) => {
    const path = join(dir, name);
    const text = readFileSync(path, 'utf8');
    hash.update(`${name}\u0000${text.length}\u0000${text}\u0000`);
    return { name, file: relative(process.cwd(), path) || name, text };
  });
  return { dir, files, hash: hash.digest('hex') };
}

/** Reads and parses every OpenAPI document in `dir` (tests and tools; start-up goes through loadBundle). */
export function loadSpecs(dir: string): SpecDocument[] {
  return parseSpecFiles(readSpecFiles(dir).files);
}

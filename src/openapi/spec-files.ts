import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SpecError } from './spec-error.js';

/** One document file of a specs folder, read but not parsed. */
export interface SpecFile {
  /** The file name inside the folder (unique there; what compiled forms refer to). */
  readonly name: string;
  /** The path as messages show it: relative to the working directory when inside it. */
  readonly file: string;
  readonly text: string;
}

/** A specs folder as read from disk, with a hash of everything in it that the mock reads. */
export interface SpecFiles {
  readonly dir: string;
  readonly files: readonly SpecFile[];
  /** sha256 over every document's name and text: equal hashes, equal specs. */
  readonly hash: string;
}

const DOCUMENT = /\.(ya?ml|json)$/i;

/**
 * Reads every OpenAPI document in `dir` (`*.yaml`, `*.yml`, `*.json`), sorted by file name, which
 * is also their priority when two declare the same operation. Reading and hashing are cheap; the
 * hash decides whether a compiled form of these exact documents can be reused (see src/bundle).
 */
export function readSpecFiles(dir: string): SpecFiles {
  if (!isDirectory(dir)) throw new SpecError(dir, 'the specs folder does not exist');
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

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

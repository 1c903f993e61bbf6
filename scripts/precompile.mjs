// Build step (after tsc): compiles the bundled specs and the records schema once, here, and
// ships the result in dist/precompiled/, so a start with the bundled specs evaluates their
// validators instead of compiling them (and never loads Ajv's compiler or the YAML parser).
// The fixtures are checked on the way, so a bad fixture also fails the build. Each file's name
// and contents are keyed by a hash of the specs and of the compiling code: a start with other
// specs, or after an edit to that code, does not match and compiles as usual.

import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRECOMPILED_DIR } from '../dist/bundle/cache-dirs.js';
import { loadBundle } from '../dist/bundle/load-bundle.js';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(PRECOMPILED_DIR, { recursive: true, force: true });
const started = performance.now();
const bundle = await loadBundle({ specs: join(root, 'specs'), fixtures: join(root, 'fixtures'), generateUsers: 0, seed: 1, cacheDir: PRECOMPILED_DIR });
if (bundle.from.specs !== 'compiled' || bundle.from.records !== 'compiled') {
  throw new Error(`precompile: expected to compile, got ${JSON.stringify(bundle.from)}`);
}
const files = readdirSync(PRECOMPILED_DIR);
if (files.length !== 2) throw new Error(`precompile: expected 2 files in ${PRECOMPILED_DIR}, found ${files.join(', ') || 'none'}`);
const sizes = files.map((f) => `${f} (${Math.round(statSync(join(PRECOMPILED_DIR, f)).size / 1024)} KB)`);
process.stdout.write(`precompiled in ${Math.round(performance.now() - started)} ms: ${sizes.join(', ')}\n`);

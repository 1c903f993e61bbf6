// What `npm run build` reads, and a cheap fingerprint of it: when the fingerprint is the one the
// last build stamped, dist/ is up to date and `npm start` / `npm test` skip the build.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A change to any of these (a file added, removed or edited) makes dist/ stale. */
export const BUILD_INPUTS = ['src', 'specs', 'schemas', 'tsconfig.json', 'package.json', 'package-lock.json', 'scripts/build.mjs', 'scripts/build-inputs.mjs', 'scripts/precompile.mjs', 'scripts/build-browser.mjs', 'scripts/build-cli.mjs', 'fixtures'];

/** Every input file's path, size and modification time, hashed (a few milliseconds: no file is read). */
export function inputsFingerprint(root, inputs = BUILD_INPUTS) {
  const hash = createHash('sha256');
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
      return;
    }
    hash.update(`${relative(root, path)}\u0000${stat.size}\u0000${stat.mtimeMs}\n`);
  };
  for (const input of inputs) visit(join(root, input));
  return hash.digest('hex');
}

// Build step (after tsc): the CLI as one module and a few lazy chunks, dist/bin/whop-mock.js (the
// package's `bin`, what `npm start`, `npx whop-mock` and the image run). Node's ESM loader spends
// about as long resolving and compiling the ~220 modules of dist/ one by one as the server spends
// on everything else at start; one file halves that (docs/performance.md, "Start-up"). Made from
// dist/*.js, the code tsc emitted and the tests run, with tsc's source maps carried through, so
// `--enable-source-maps` still names src/*.ts. Packages stay outside (node_modules), and the lazy
// imports (the server after argument parsing, the Redis store, user generation) stay lazy chunks.
// Every module that finds a file from import.meta.url sits one folder below dist/, as the bundle
// does: those paths hold in both. The unbundled dist/cli.js runs the same code (`npm run dev`).

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The package's `bin`. */
export const CLI_BUNDLE = join(root, 'dist', 'bin', 'whop-mock.js');

rmSync(join(root, 'dist', 'bin'), { recursive: true, force: true });
await build({
  entryPoints: { 'whop-mock': join(root, 'dist', 'cli.js') },
  outdir: join(root, 'dist', 'bin'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
});

// Build step (after tsc): the CLI as one module and a few lazy chunks, dist/bin/whop-mock.js (the
// package's `bin`, what `npm start`, `npx whop-mock` and the image run). Loading the ~220 modules of
// dist/ one by one took Node's ESM loader about 95 ms of a 248 ms start; one file cuts a start by
// about a third (docs/performance.md, the re-layering section: 316 against 204 ms). Made from
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

// npm run dev [-- whop-mock flags]: for working on the mock itself. Builds if anything changed,
// then runs `tsc --watch` (re-emits dist/ on every source change) beside `node --watch
// dist/cli.js` (restarts the server when a module it loaded changes). Ctrl-C stops both.
// Edits to the compiling code (openapi/, validation/, bundle/) make the shipped precompiled
// specs stop matching: the next start compiles them and caches the result, as for any user spec.

import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const children = [
  spawn(process.execPath, [tsc, '-p', 'tsconfig.json', '--watch', '--preserveWatchOutput', '--incremental', '--tsBuildInfoFile', join(root, 'dist', '.tsbuildinfo')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] }),
  spawn(process.execPath, ['--watch', '--enable-source-maps', join(root, 'dist', 'cli.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }),
];
let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 200).unref();
};
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

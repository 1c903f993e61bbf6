// npm run build: TypeScript to dist/ (incremental: only what changed is re-emitted), outputs whose
// source is gone removed, the bundled specs precompiled (scripts/precompile.mjs), the browser
// entry bundled with them (scripts/build-browser.mjs, dist/browser/whop-mock.js), then a stamp of
// the inputs. `--if-stale` (npm start, npm test, npm run bench) does all that only when an input
// changed since the stamp was written, so starting an unchanged checkout costs a few milliseconds.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_INPUTS, inputsFingerprint } from './build-inputs.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const STAMP = join(dist, '.build-stamp');
const ifStale = process.argv.includes('--if-stale');
const inputs = inputsFingerprint(root, BUILD_INPUTS);
if (ifStale && existsSync(join(dist, 'bin', 'whop-mock.js')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === inputs) process.exit(0);
if (ifStale) process.stdout.write('whop-mock: sources changed since the last build; building dist/ ...\n');

rmSync(STAMP, { force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
run(process.execPath, [tsc, '-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', join(dist, '.tsbuildinfo')]);
pruneOrphans();
run(process.execPath, [join(root, 'scripts', 'precompile.mjs')]);
run(process.execPath, [join(root, 'scripts', 'build-browser.mjs')]);
run(process.execPath, [join(root, 'scripts', 'build-cli.mjs')]);
writeFileSync(STAMP, inputs);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** tsc never deletes: a .js (with its .d.ts and maps) whose .ts is gone would still be loaded. */
function pruneOrphans() {
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (path !== join(dist, 'precompiled')) walk(path);
        continue;
      }
      const base = name.replace(/(\.d\.ts|\.js)(\.map)?$/, '');
      if (base === name) continue;
      const source = join(root, 'src', relative(dist, dir), `${base}.ts`);
      if (!existsSync(source)) rmSync(path);
    }
  };
  if (existsSync(dist)) walk(dist);
}

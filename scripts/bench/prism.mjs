// Prism, the peer, at one exact version: scripts/bench/prism/ holds a package.json and lockfile
// that pin @stoplight/prism-cli and its whole tree. They are copied into .bench/prism/ (ignored
// by git) and installed with `npm ci` when missing or changed; Prism never joins whop-mock's
// own dependencies.

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRISM_BIN, PRISM_DIR, PRISM_PIN_DIR, SKIP_PRISM } from './config.mjs';
import { log } from './log.mjs';

const FILES = ['package.json', 'package-lock.json'];

/** The pinned version, from scripts/bench/prism/package.json. */
export function pinnedPrism() {
  return JSON.parse(readFileSync(join(PRISM_PIN_DIR, 'package.json'), 'utf8')).dependencies['@stoplight/prism-cli'];
}

/** { version } printed by the installed Prism when it is ready, else { note } saying why not. */
export function ensurePrism() {
  if (SKIP_PRISM) return { version: null, note: 'skipped (BENCH_SKIP_PRISM=1)' };
  const pinned = pinnedPrism();
  const same = FILES.every((file) => existsSync(join(PRISM_DIR, file)) && readFileSync(join(PRISM_DIR, file), 'utf8') === readFileSync(join(PRISM_PIN_DIR, file), 'utf8'));
  if (!same || !existsSync(PRISM_BIN)) {
    log(`Installing @stoplight/prism-cli ${pinned} (pinned by scripts/bench/prism/package-lock.json) into .bench/prism/ ...`);
    try {
      mkdirSync(PRISM_DIR, { recursive: true });
      for (const file of FILES) copyFileSync(join(PRISM_PIN_DIR, file), join(PRISM_DIR, file));
      execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: PRISM_DIR, stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
    } catch (error) {
      return { version: null, note: `install failed: ${error.message.split('\n')[0]}` };
    }
  }
  let version;
  try {
    version = execFileSync(process.execPath, [PRISM_BIN, '--version'], { encoding: 'utf8', timeout: 60_000 }).trim();
  } catch (error) {
    return { version: null, note: `prism --version failed: ${error.message.split('\n')[0]}` };
  }
  if (version !== pinned) return { version, note: `installed Prism says ${version}, the pin is ${pinned}` };
  return { version, note: null };
}

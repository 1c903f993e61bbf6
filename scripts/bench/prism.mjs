// Prism, the peer, is installed on demand into .bench/ (ignored by git, never in package.json).

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PRISM_BIN, PRISM_DIR, ROOT, SKIP_PRISM } from './config.mjs';
import { log } from './log.mjs';

/** Returns null when Prism is ready, else why it will not be measured. */
export function ensurePrism() {
  if (SKIP_PRISM) return 'skipped (BENCH_SKIP_PRISM=1)';
  if (existsSync(PRISM_BIN)) return null;
  log('Installing @stoplight/prism-cli@5 into .bench/ (not saved to package.json) ...');
  try {
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', PRISM_DIR, '@stoplight/prism-cli@5'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 300_000,
    });
  } catch (error) {
    return `install failed: ${error.message.split('\n')[0]}`;
  }
  return existsSync(PRISM_BIN) ? null : 'install finished but the prism-cli entry point is missing';
}

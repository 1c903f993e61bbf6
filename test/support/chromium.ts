import { existsSync } from 'node:fs';

/**
 * The system Chromium (Debian's package; .ci/run installs it). Without it, browser tests skip
 * with a loud message, except in CI, where a missing browser is a failure rather than a skip.
 */
export function chromiumPath(): string | undefined {
  const path = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  if (process.env.CI) throw new Error(`No Chromium at ${path}: CI must install it (apt-get install chromium) before the tests run.`);
  console.warn(`\n*** SKIPPING browser tests: no Chromium at ${path} (apt-get install chromium, or set CHROMIUM) ***\n`);
  return undefined;
}

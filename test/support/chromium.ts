import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { MockServer } from '../../src/index.js';
import { startMock } from './mock.js';

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

/** A headless Chromium and a fresh mock, for a browser test file's `beforeAll`. */
export async function startBrowserAndMock(executablePath: string): Promise<{ browser: Browser; server: MockServer }> {
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  return { browser, server: await startMock() };
}

/** Their `afterAll`: either may be missing when `beforeAll` failed half-way. */
export async function closeBrowserAndMock(browser: Browser | undefined, server: MockServer | undefined): Promise<void> {
  await browser?.close();
  await server?.close();
}

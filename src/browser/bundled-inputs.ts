import type { BrowserInputs } from './browser-inputs.js';

/** The bundled inputs: the browser build replaces this module with the one it generates (scripts/build-browser.mjs). */
export function bundledInputs(): BrowserInputs {
  throw new Error('whop-mock/browser: import the browser build (dist/browser/whop-mock.js, the package export whop-mock/browser), not its sources');
}

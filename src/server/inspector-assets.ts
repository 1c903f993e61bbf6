import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { InspectorAsset } from '../control/control-plane.js';

/** The package's inspector/ folder (beside src/ and dist/): shipped with the package, no CDN. */
const FOLDER = fileURLToPath(new URL('../../inspector/', import.meta.url));

/** The files served, by path below /__mock (the page itself at `/`). */
const NAMES = ['index.html', 'inspector.js', 'panels.js', 'spec-pointer.js', 'page.js', 'entry-view.js', 'journal-tools.js',
  'journal-toolbar.js', 'inspector.css', 'coverage.js', 'coverage.css'];
const FILES = new Map(NAMES.map((file) => [file === 'index.html' ? '/' : `/${file}`, file]));
const TYPES: Readonly<Record<string, string>> = { html: 'text/html', js: 'text/javascript', css: 'text/css' };

/** The page runs only its own script, talks only to this server, and cannot be framed (clickjacking). */
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** The inspector's files, each read on its first request (a server nobody inspects never reads them). */
export function inspectorAssets(): (path: string) => InspectorAsset | undefined {
  const read = new Map<string, InspectorAsset>();
  return (path) => {
    const file = FILES.get(path);
    if (file === undefined) return undefined;
    if (!read.has(path)) read.set(path, { text: readFileSync(`${FOLDER}${file}`, 'utf8'), contentType: `${TYPES[file.slice(file.lastIndexOf('.') + 1)]}; charset=utf-8`, headers: PAGE_HEADERS });
    return read.get(path);
  };
}

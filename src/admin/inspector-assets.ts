import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface InspectorAsset {
  readonly text: string;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The package's inspector/ folder (beside src/ and dist/): shipped with the package, no CDN. */
const FOLDER = fileURLToPath(new URL('../../inspector/', import.meta.url));

const FILES: Readonly<Record<string, readonly [file: string, type: string]>> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/inspector.js': ['inspector.js', 'text/javascript; charset=utf-8'],
  '/panels.js': ['panels.js', 'text/javascript; charset=utf-8'],
  '/spec-pointer.js': ['spec-pointer.js', 'text/javascript; charset=utf-8'],
  '/inspector.css': ['inspector.css', 'text/css; charset=utf-8'],
};

/**
 * The page may run only its own script and talk only to this server, and no other site may
 * frame it (a framed control page could be clicked through by the framing site).
 */
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The inspector's files, read on the first request for each (a server nobody inspects never
 * reads them) and kept by this server. Undefined for a path that is not one of them.
 */
export function inspectorAssets(folder = FOLDER): (path: string) => InspectorAsset | undefined {
  const read = new Map<string, InspectorAsset>();
  return (path) => {
    const entry = FILES[path];
    if (entry === undefined) return undefined;
    let asset = read.get(path);
    if (asset === undefined) {
      asset = { text: readFileSync(`${folder}${entry[0]}`, 'utf8'), contentType: entry[1], headers: PAGE_HEADERS };
      read.set(path, asset);
    }
    return asset;
  };
}

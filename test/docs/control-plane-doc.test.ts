import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { controlRoutes } from '../../src/control/control-routes.js';

// docs/control-plane.md documents the /__mock endpoints in one table whose rows begin
// "| `METHOD /__mock<path>` | open-or-guarded |". The route table in src/control/control-routes.ts
// is the truth: every route must have its row (with the right access), and every row a route, so
// the page can neither miss an endpoint nor keep one that is gone.
const ROW = /^\| `(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) (\/__mock[^`]*)` \| (open|guarded) \|/;

/** The rows of the page's endpoint table: "METHOD /__mock/path" → "open" | "guarded". */
function documentedEndpoints(markdown: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of markdown.split('\n')) {
    const match = ROW.exec(line);
    if (match === null) continue;
    const key = `${match[1]} ${match[2]}`;
    if (rows.has(key)) throw new Error(`docs/control-plane.md documents ${key} twice`);
    rows.set(key, match[3] as string);
  }
  return rows;
}

/** The route table as the page writes it: "METHOD /__mock/path" → "open" | "guarded". */
function routeTable(): Map<string, string> {
  return new Map(controlRoutes.map((route) => [`${route.method} /__mock${route.path}`, route.open === true ? 'open' : 'guarded']));
}

const page = readFileSync(new URL('../../docs/control-plane.md', import.meta.url), 'utf8');

describe('docs/control-plane.md against src/control/control-routes.ts', () => {
  it('reads a table of rows from the page (the format this check relies on)', () => {
    const rows = documentedEndpoints(page);
    expect(rows.get('GET /__mock/health')).toBe('open');
    expect(rows.get('POST /__mock/faults')).toBe('guarded');
  });

  it('documents every route of the table, with its access', () => {
    const documented = documentedEndpoints(page);
    const missing = [...routeTable()].filter(([key]) => !documented.has(key)).map(([key]) => key);
    expect(missing, 'routes with no row in docs/control-plane.md').toEqual([]);
    const wrongAccess = [...routeTable()].filter(([key, access]) => documented.has(key) && documented.get(key) !== access).map(([key, access]) => `${key} is ${access}`);
    expect(wrongAccess, 'rows whose access column differs from the route table').toEqual([]);
  });

  it('documents no endpoint the table lacks', () => {
    const routes = routeTable();
    const extra = [...documentedEndpoints(page).keys()].filter((key) => !routes.has(key));
    expect(extra, 'rows of docs/control-plane.md with no route').toEqual([]);
  });

  it('the row reader finds what a page lacks and what it adds', () => {
    const rows = documentedEndpoints([
      '| endpoint | access | does | answers |',
      '| `GET /__mock/health` | open | liveness | ok |',
      '| `DELETE /__mock/everything` | guarded | not a route | - |',
      'prose mentioning `GET /__mock/sessions` is not a row',
    ].join('\n'));
    expect([...rows]).toEqual([['GET /__mock/health', 'open'], ['DELETE /__mock/everything', 'guarded']]);
    expect(() => documentedEndpoints('| `GET /__mock/health` | open |\n| `GET /__mock/health` | open |')).toThrow('twice');
  });
});

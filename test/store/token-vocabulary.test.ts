import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TokenRecord } from '../../src/world/records.js';

// One set of token kind names everywhere: the records schema, fixtures/tokens.json, and the two
// token tables a newcomer reads (docs/behaviour.md, fixtures/README.md). POST /__mock/tokens is checked
// against the same schema (test/admin/seeding.test.ts).
const KINDS = ['user_oauth_token', 'account_api_key', 'app_api_key'];
const tokens = JSON.parse(readFileSync('fixtures/tokens.json', 'utf8')) as TokenRecord[];
const schema = JSON.parse(readFileSync('schemas/records.schema.json', 'utf8')) as { $defs: { token: { properties: { kind: { enum: string[] } } } } };

/** token -> kind, from a markdown table whose first two columns are token and kind. */
function tableKinds(file: string): Map<string, string> {
  const rows = readFileSync(file, 'utf8').split('\n').filter((line) => /^\| `?tok_/.test(line));
  return new Map(rows.map((row) => {
    const [token, kind] = row.split('|').slice(1, 3).map((cell) => cell.trim().replace(/`/g, ''));
    return [token as string, kind as string];
  }));
}

describe('token kinds: one vocabulary', () => {
  it('the records schema allows exactly the three kinds the Whop docs name', () => {
    expect(schema.$defs.token.properties.kind.enum).toEqual(KINDS);
  });

  it('the fixtures use them, all three', () => {
    expect(new Set(tokens.map((t) => t.kind))).toEqual(new Set(KINDS));
  });

  it.each(['docs/behaviour.md', 'fixtures/README.md'])('%s lists every fixture token with its kind as tokens.json has it', (file) => {
    expect(Object.fromEntries(tableKinds(file))).toEqual(Object.fromEntries(tokens.map((t) => [t.token, t.kind])));
  });
});

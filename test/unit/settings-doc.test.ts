import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configurationDoc, helpText } from '../../src/config/describe-settings.js';
import { SETTINGS } from '../../src/config/settings.js';

// One table (src/config/settings.ts) is the configuration: the CLI parses it, createMockServer()
// takes its defaults from it, and --help and docs/configuration.md are made from it.
describe('the settings table and what is made from it', () => {
  it('docs/configuration.md is what `npm run docs:config` makes from the table (run it after changing a setting)', () => {
    expect(readFileSync('docs/configuration.md', 'utf8')).toBe(configurationDoc());
  });

  it('--help and the page list every setting with its variable', () => {
    const help = helpText('0.0.0');
    const page = configurationDoc();
    for (const { flag, env } of SETTINGS) {
      expect(help).toContain(`--${flag}`);
      expect(help).toContain(`env ${env},`);
      expect(page).toContain(`| \`--${flag}\` | \`${env}\` |`);
    }
  });

  it('flags, variables and options are each named once', () => {
    for (const key of ['flag', 'env', 'option'] as const) expect(new Set(SETTINGS.map((s) => s[key])).size).toBe(SETTINGS.length);
  });
});

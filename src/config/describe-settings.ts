import { KiB, MiB, SETTINGS, type Setting } from './settings.js';

/** The default as a person reads it: `1MiB`, `30` (seconds), `strict`, `(none)`. */
export function shownDefault(setting: Setting): string {
  if (setting.shown !== undefined) return setting.shown;
  const value = 'cli' in setting ? setting.cli : setting.default;
  if (value === undefined || value === '') return '(none)';
  if (setting.read.kind === 'size' && typeof value === 'number') return value % MiB === 0 ? `${value / MiB}MiB` : value % KiB === 0 ? `${value / KiB}KiB` : String(value);
  if (setting.read.kind === 'integer' && typeof value === 'number') return String(value / (setting.read.scale ?? 1));
  return String(value);
}

/** `whop-mock --help`, made from the settings table. */
export function helpText(version: string): string {
  const width = Math.max(...SETTINGS.map((setting) => setting.flag.length + 2), 'version, -v'.length + 2);
  const row = (setting: Setting) => `  ${`--${setting.flag}`.padEnd(width)}  ${setting.text}\n  ${''.padEnd(width)}  env ${setting.env}, default ${shownDefault(setting)}`;
  const own = (flag: string, text: string) => `  ${flag.padEnd(width)}  ${text}`;
  return (
    `whop-mock ${version}: a stateful, versioned, spec-validated mock of the Whop Users and Members API\n\n` +
    `Usage: whop-mock [options]\n       whop-mock proxy --upstream <url> [options] [proxy options]\n\n` +
    `Options:\n${SETTINGS.filter((s) => !s.proxy).map(row).join('\n')}\n${own('--help, -h', 'Show this help.')}\n${own('--version, -v', 'Show the version.')}\n\n` +
    `Proxy options (whop-mock proxy: forward to the real API, validate both ways, report drift, record):\n${SETTINGS.filter((s) => s.proxy).map(row).join('\n')}\n`
  );
}

/** docs/configuration.md, made from the same table (`npm run docs:config` writes it; a test holds the page to it). */
export function configurationDoc(): string {
  const table = (settings: readonly Setting[]) =>
    ['| flag | environment variable | `createMockServer()` option | default | what it does |', '| --- | --- | --- | --- | --- |', ...settings.map((s) => `| \`--${s.flag}\` | \`${s.env}\` | \`${s.option}\`${s.read.kind === 'integer' && s.read.scale ? ' (ms)' : ''} | \`${shownDefault(s)}\` | ${cell(s.text)} |`)].join('\n');
  return `# Configuration

<!-- Made by \`npm run docs:config\` from src/config/settings.ts; test/unit/settings-doc.test.ts fails when they differ. -->

Every setting is a command-line flag, an environment variable and a \`createMockServer()\` /
\`createMock()\` option. A flag wins over its variable; an empty variable counts as unset. Sizes take
units (\`64MiB\`, \`512k\`; powers of 1024); durations are whole seconds on the command line and
milliseconds in the options. \`whop-mock --help\` prints the same list. A bound on what clients can
make the mock hold or wait for is a [limit](#limits); every one has a flag.

## Serving

${table(SETTINGS.filter((s) => !s.proxy && !s.limit))}

## Limits

${table(SETTINGS.filter((s) => !s.proxy && s.limit))}

## Proxy mode (\`whop-mock proxy\`)

${table(SETTINGS.filter((s) => s.proxy))}
`;
}

/** Text in a Markdown table cell: its pipes escaped, and `<` so GitHub shows `<it>` rather than taking it for a tag. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

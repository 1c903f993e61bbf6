#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DriftReportJson } from './drift/drift-report.js';
import { CLI_FLAGS, CliError, PROXY_FLAGS, parseCli } from './config/parse-cli.js';

// The only module that touches the process: argv, env, stdout, exit codes and signals.
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

function help(): string {
  // One column for every flag name, as wide as the longest (the description never starts inside a name).
  const width = Math.max(...[...CLI_FLAGS, ...PROXY_FLAGS].map(([flag]) => flag.length + 2), 'version, -v'.length + 2);
  const row = ([flag, env, fallback, text]: readonly [string, string, string, string]) => `  ${`--${flag}`.padEnd(width)}  ${text}\n  ${''.padEnd(width)}  env ${env}, default ${fallback}`;
  const own = (flag: string, text: string) => `  ${flag.padEnd(width)}  ${text}`;
  return (
    `whop-mock ${version}: a stateful, versioned, spec-validated mock of the Whop Users and Members API\n\n` +
    `Usage: whop-mock [options]\n       whop-mock proxy --upstream <url> [options] [proxy options]\n\nOptions:\n${CLI_FLAGS.map(row).join('\n')}\n` +
    `${own('--help, -h', 'Show this help.')}\n${own('--version, -v', 'Show the version.')}\n\n` +
    `Proxy options (whop-mock proxy: forward to the real API, validate both ways, report drift, record):\n${PROXY_FLAGS.map(row).join('\n')}\n`
  );
}

/** The versions and the Api-Version-Date values that select each, as the start banner shows them. */
function versionLines(server: { versions: string[]; versionDates: Record<string, string>; versionDateMode: string }): string {
  const dates = server.versions.map((v) => `  ${v}  <- Api-Version-Date ${Object.keys(server.versionDates).filter((date) => server.versionDates[date] === v).join(', ')}`);
  const other = server.versionDateMode === 'exact' ? 'any other value -> 400' : 'any other date -> the newest version on or before it (--version-dates nearest)';
  return `API versions (no Api-Version-Date header -> ${server.versions[0]}; ${other}):\n${dates.join('\n')}\n`;
}

let formatDrift: (report: DriftReportJson) => string = () => '';

async function main(): Promise<void> {
  const command = parseCli(process.argv.slice(2), process.env, {
    specs: `${packageRoot}specs`,
    fixtures: `${packageRoot}fixtures`,
  });
  if (command.kind === 'help') return void process.stdout.write(help());
  if (command.kind === 'version') return void process.stdout.write(`${version}\n`);
  const { options } = command;
  const maxConnections = fitOpenFiles(options.maxConnections);
  // Signals are handled from the start: a stop during start-up is a clean exit, not a 143.
  let server: { close(): Promise<{ cut: number }>; drift(): DriftReportJson | null } | undefined;
  let stopping = false;
  const grace = options.shutdownGraceMs / 1000;
  const stop = (signal: string) => {
    if (stopping) {
      // A second Ctrl-C means now.
      process.stderr.write(`whop-mock: ${signal} again: stopping now, cutting what is in flight\n`);
      process.exit(1);
    }
    stopping = true;
    if (!server) process.exit(0);
    process.stdout.write(`${signal}: finishing in-flight requests (delays end now; up to ${grace} s) and stopping\n`);
    // close() cuts what is left when the grace period ends; this only guards against a close that hangs.
    setTimeout(() => process.exit(1), options.shutdownGraceMs + 2000).unref();
    void server.close().then(({ cut }) => {
      // whop-mock proxy: what it saw of the upstream (also --drift-report, GET /__mock/drift).
      const drift = server?.drift();
      if (drift) process.stdout.write(formatDrift(drift));
      if (cut > 0) process.stderr.write(`whop-mock: cut ${cut} request(s) still being answered when the ${grace} s grace period ended (--shutdown-grace-seconds)\n`);
      process.exit(cut > 0 ? 1 : 0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // SIGHUP reloads the specs and fixtures (the server logs the outcome; a failed reload keeps
  // serving the previous world). During start-up it is ignored rather than fatal.
  let reload: (() => Promise<unknown>) | undefined;
  process.on('SIGHUP', () => void reload?.().catch(() => undefined));
  // Loaded only to serve: --help and --version stay instant.
  const { createMockServer } = await import('./server/create-mock-server.js');
  ({ formatDrift } = await import('./drift/format-drift.js'));
  const { sessionIdleSeconds, controlOrigins, watch, ...rest } = options;
  // Someone at a terminal edits fixtures and expects to see them; a container or CI run does not.
  const watching = watch ?? process.stdout.isTTY === true;
  const started = await createMockServer({ ...rest, watch: watching, maxConnections, idleSessionMs: sessionIdleSeconds * 1000, ...(controlOrigins === undefined ? {} : { controlOrigins }) });
  server = started;
  reload = () => started.reload('SIGHUP');
  const summary = started.operations.map((op) => `  ${op.version}  ${op.method.padEnd(6)} ${op.path}  (${op.operationId}${op.stateful ? '' : ', Prism'})`);
  const proxying = started.mode === 'proxy' ? `Proxy mode: forwarding to ${started.upstream}; the drift report is at ${started.url}/__mock/drift\n` : '';
  const workspace = `Inspector: ${started.url}/__mock/   OpenAPI: ${started.versions.map((v) => `${started.url}/__mock/openapi/${v}`).join(', ')}\n${watching ? 'Watching the specs and fixtures folders: a change reloads them.\n' : ''}`;
  process.stdout.write(`whop-mock ${version} listening on ${started.url}\n${proxying}${versionLines(started)}Operations:\n${summary.join('\n')}\n${workspace}`);
}

/**
 * The connection cap, lowered to fit the process's open-file limit (with room for the files the
 * mock itself opens): past that limit the kernel refuses new connections before the cap can
 * make room by closing a waiting one.
 */
function fitOpenFiles(maxConnections: number): number {
  let soft: number | undefined;
  try {
    const line = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    soft = line ? Number(line[1]) : undefined;
  } catch {
    return maxConnections; // not Linux: nothing to read
  }
  const room = soft === undefined ? maxConnections : soft - 64;
  if (room >= maxConnections || room < 1) return maxConnections;
  process.stderr.write(`whop-mock: --max-connections ${maxConnections} lowered to ${room}: the open-file limit is ${soft} (ulimit -n)\n`);
  return room;
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`whop-mock: ${error instanceof CliError ? `${message} (see --help)` : message}\n`);
  process.exit(error instanceof CliError ? 2 : 1);
});

#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import type { DriftReportJson } from './proxy/drift/drift-report.js';
import { formatDrift } from './proxy/drift/format-drift.js';
import { helpText } from './config/describe-settings.js';
import { CliError, parseCli } from './config/parse-cli.js';
import { packageRoot } from './config/mock-server-options.js';

// The only module that touches the process: argv, env, stdout, exit codes and signals.
const { version } = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as { version: string };

/** The versions and the Api-Version-Date values that select each, as the start banner shows them. */
function versionLines(server: { versions: string[]; versionDates: Record<string, string>; versionDateMode: string }): string {
  const dates = server.versions.map((v) => `  ${v}  <- Api-Version-Date ${Object.keys(server.versionDates).filter((date) => server.versionDates[date] === v).join(', ')}`);
  const other = server.versionDateMode === 'exact' ? 'any other value -> 400' : 'any other date -> the newest version on or before it (--version-dates nearest)';
  return `API versions (no Api-Version-Date header -> ${server.versions[0]}; ${other}):\n${dates.join('\n')}\n`;
}

async function main(): Promise<void> {
  const command = parseCli(process.argv.slice(2), process.env, {
    specs: `${packageRoot}specs`,
    fixtures: `${packageRoot}fixtures`,
  });
  if (command.kind === 'help') return void process.stdout.write(helpText(version));
  if (command.kind === 'version') return void process.stdout.write(`${version}\n`);
  const { options } = command;
  const maxConnections = fitOpenFiles(options.maxConnections);
  // Signals are handled from the start: a stop during start-up is a clean exit, not a 143.
  let server: { close(): Promise<{ cut: number; coverageShortfall: string | null }>; drift(): DriftReportJson | null } | undefined;
  let stopping = false;
  const grace = options.shutdownGraceMs / 1000;
  // `failed`: the stop is for a crash, so the exit code is 1 whatever is cut.
  const stop = (signal: string, failed = false) => {
    if (stopping) {
      // A second Ctrl-C means now.
      process.stderr.write(`whop-mock: ${signal} again: stopping now, cutting what is in flight\n`);
      process.exit(1);
    }
    stopping = true;
    if (!server) process.exit(failed ? 1 : 0);
    process.stdout.write(`${signal}: finishing in-flight requests (delays end now; up to ${grace} s) and stopping\n`);
    // close() cuts what is left when the grace period ends; this only guards against a close that hangs.
    setTimeout(() => process.exit(1), options.shutdownGraceMs + 2000).unref();
    void server.close().then(({ cut, coverageShortfall }) => {
      // whop-mock proxy: what it saw of the upstream (also --drift-report, GET /__mock/drift).
      const drift = server?.drift();
      if (drift) process.stdout.write(formatDrift(drift));
      if (cut > 0) process.stderr.write(`whop-mock: cut ${cut} request(s) still being answered when the ${grace} s grace period ended (--shutdown-grace-seconds)\n`);
      // --coverage-fail-under: too little of the contract was exercised (the one-line reason).
      if (coverageShortfall !== null) process.stderr.write(`whop-mock: ${coverageShortfall}\n`);
      process.exit(cut > 0 || failed || coverageShortfall !== null ? 1 : 0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // The last resort: each request's failures are answered where they happen, so what reaches the
  // process is a bug. An unhandled rejection is a promise nobody waited for (its code has finished,
  // nothing is half-done): logged, and the server keeps serving. An uncaught exception unwound
  // through code in an unknown state (a stream half-updated, a queue never advanced): logged, and
  // the server stops as on SIGTERM, exit 1, for a supervisor to restart it.
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`whop-mock: unhandled rejection (a bug; still serving): ${describeError(reason)}\n`);
  });
  process.on('uncaughtException', (error) => {
    process.stderr.write(`whop-mock: uncaught exception (a bug; stopping): ${describeError(error)}\n`);
    stop('uncaught exception', true);
  });
  // SIGHUP reloads the specs and fixtures (the server logs the outcome; a failed reload keeps
  // serving the previous world). During start-up it is ignored rather than fatal.
  let reload: (() => Promise<unknown>) | undefined;
  process.on('SIGHUP', () => void reload?.().catch(() => undefined));
  // Loaded only to serve: --help and --version stay instant.
  const { createMockServer } = await import('./server/create-mock-server.js');
  const { watch, ...rest } = options;
  // Someone at a terminal edits fixtures and expects to see them; a container or CI run does not.
  const watching = watch ?? process.stdout.isTTY === true;
  const started = await createMockServer({ ...rest, watch: watching, maxConnections });
  server = started;
  reload = () => started.reload('SIGHUP');
  const summary = started.operations.map((op) => `  ${op.version}  ${op.method.padEnd(6)} ${op.path}  (${op.operationId}${op.answeredBy === 'handler' ? '' : op.answeredBy === 'spec' ? ', from the spec' : ', Prism'})`);
  const proxying = started.mode === 'proxy' ? `Proxy mode: forwarding to ${started.upstream}; the drift report is at ${started.url}/__mock/drift\n` : '';
  const workspace = `Inspector: ${started.url}/__mock/   OpenAPI: ${started.versions.map((v) => `${started.url}/__mock/openapi/${v}`).join(', ')}\n${watching ? 'Watching the specs and fixtures folders: a change reloads them.\n' : ''}`;
  process.stdout.write(`whop-mock ${version} listening on ${started.url}\n${proxying}${versionLines(started)}Operations:\n${summary.join('\n')}\n${workspace}`);
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

/** The connection cap, lowered to fit the open-file limit: past it the kernel refuses before the cap makes room. */
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

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'vitest';

// The CLI as users run it: the package's bin, `node dist/bin/whop-mock.js` (the bundle
// scripts/build-cli.mjs makes), in a child process (`npm test` builds dist/ first).
export const CLI = fileURLToPath(new URL('../../dist/bin/whop-mock.js', import.meta.url));
export const LISTENING = /^whop-mock (\S+) listening on (http:\/\/127\.0\.0\.1:(\d+))$/;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Cli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  exited: Promise<Exit>;
}

/** Each spawned process is SIGKILLed when its test finishes, whatever happened in the test. */
export type Cleanup = TestContext['onTestFinished'];

/** An environment without the variables the CLI reads, so the machine running the tests can't leak in. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key !== 'PORT' && key !== 'HOST' && !key.startsWith('WHOP_MOCK_') && !key.startsWith('NODE_OPTIONS')) env[key] = value;
  }
  return { ...env, ...extra };
}

/** `nodeArgs` go to node before the CLI (a test's `--import` of a module that misbehaves on cue). */
export function spawnCli(cleanup: Cleanup, args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []): Cli {
  const child = spawn(process.execPath, [...nodeArgs, CLI, ...args], { env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  cleanup(() => void child.kill('SIGKILL'));
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<Exit>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Runs the CLI to completion (bounded: SIGKILL after `ms`). */
export async function runCli(cleanup: Cleanup, args: string[], env: Record<string, string> = {}, ms = 15_000): Promise<Exit & { stdout: string; stderr: string }> {
  const cli = spawnCli(cleanup, args, env);
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), ms);
  const exit = await cli.exited;
  clearTimeout(timer);
  return { ...exit, stdout: cli.stdout(), stderr: cli.stderr() };
}

/** Starts a server and resolves with its URL once the first stdout line says where it listens. */
export async function startCli(cleanup: Cleanup, args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Cli & { url: string; port: number; firstLine: string }> {
  const cli = spawnCli(cleanup, args, env, nodeArgs);
  const firstLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no first line within 15 s; stderr: ${cli.stderr()}`)), 15_000);
    const onData = (): void => {
      const newline = cli.stdout().indexOf('\n');
      if (newline === -1) return;
      clearTimeout(timer);
      cli.child.stdout.off('data', onData);
      resolve(cli.stdout().slice(0, newline));
    };
    cli.child.stdout.on('data', onData);
    void cli.exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`exited ${JSON.stringify(exit)} before listening; stderr: ${cli.stderr()}`));
    });
  });
  const match = LISTENING.exec(firstLine);
  if (!match) throw new Error(`unexpected first line: ${firstLine}`);
  return { ...cli, firstLine, url: match[2]!, port: Number(match[3]) };
}

/** Sends a signal and waits (bounded) for the exit; `ms` is how long the process took to go. */
export async function stopWith(cli: Cli, signal: NodeJS.Signals, limitMs = 10_000): Promise<Exit & { ms: number }> {
  const started = performance.now();
  cli.child.kill(signal);
  const exit = await Promise.race([
    cli.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running ${limitMs} ms after ${signal}`)), limitMs)),
  ]);
  return { ...exit, ms: Math.round(performance.now() - started) };
}


// Starts `node dist/bin/whop-mock.js` on a free loopback port and reads its resident memory from /proc.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Starts the CLI; resolves with its URL, pid, stderr and a stop() that sends SIGTERM and waits. */
export async function startServer(cli, args, nodeOptions = '') {
  const env = { ...process.env, NODE_OPTIONS: nodeOptions };
  const child = spawn(process.execPath, [cli, '--port', '0', '--host', '127.0.0.1', '--log-level', 'error', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in 60 s; stderr: ${stderr}`)), 60_000);
    const poll = setInterval(() => {
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (!match) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve(match[1]);
    }, 20);
    void exited.then((exit) => reject(new Error(`server exited ${JSON.stringify(exit)}: ${stderr}`)));
  });
  return {
    url,
    pid: child.pid,
    stderr: () => stderr,
    exited,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
}

/** Resident set size of a process in MiB (Linux). */
export function rssMiB(pid) {
  const line = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) / 1024 : Number.NaN;
}

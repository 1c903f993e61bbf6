// Progress goes to stderr, stamped with the seconds since the bench started, so stdout carries
// only the markdown report.

import { performance } from 'node:perf_hooks';

export function log(message) {
  const stamp = `[${(performance.now() / 1000).toFixed(1).padStart(6)} s]`;
  process.stderr.write(`${message.replace(/^(\n*)/, `$1${stamp} `)}\n`);
}

export function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(1);
}

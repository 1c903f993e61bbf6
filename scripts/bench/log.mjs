// Progress goes to stderr so stdout carries only the markdown tables.

export function log(message) {
  process.stderr.write(`${message}\n`);
}

export function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(1);
}

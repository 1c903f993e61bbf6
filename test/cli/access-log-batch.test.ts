import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Through a pipe the reader does not drain, a batched write finishes later: every line must still
// come out whole, once and in order (a very long line too), and flush() writes out the rest.
const LOGGER = fileURLToPath(new URL('../../dist/logging/logger.js', import.meta.url));
const SINK = fileURLToPath(new URL('../../dist/server/stdout-sink.js', import.meta.url));
const LINES = 6000;

const script = `
import { createLogger } from ${JSON.stringify(LOGGER)};
import { stdoutSink } from ${JSON.stringify(SINK)};
const logger = createLogger('info', stdoutSink(), 'json');
let i = 0;
const burst = () => {
  for (let n = 0; n < 600 && i < ${LINES}; n += 1, i += 1) {
    logger.request({ method: 'GET', path: '/users/user_' + i + (i % 7 === 0 ? '/żółw' : '') + (i === 3001 ? 'x'.repeat(100000) : ''), status: 200, version: '2026-06-09', operation: 'retrieveUser', durationMs: i / 1000 });
  }
  if (i < ${LINES}) setImmediate(burst);
  else logger.flush();
};
burst();
`;

describe('the batched access log through a slow pipe', () => {
  it('writes every line whole and in order', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    // Read nothing for a while, so the pipe fills and stdout holds the batches itself.
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 300);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(errors).toBe('');
    expect(code).toBe(0);
    const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(LINES);
    lines.forEach((line, i) => {
      expect(JSON.parse(line)).toMatchObject({ msg: 'request', path: `/users/user_${i}${i % 7 === 0 ? '/żółw' : ''}${i === 3001 ? 'x'.repeat(100000) : ''}`, duration_ms: i / 1000 });
    });
  });
});

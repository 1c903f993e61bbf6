// Runnable shell blocks: a fence whose info string is `sh runnable`. For each file that has any,
// a fresh whop-mock (the built CLI, on a free loopback port) is started; the file's blocks run in
// order against it, each with `bash -e -o pipefail` from the repository root, with
// `localhost:4010` / `127.0.0.1:4010` in the block pointed at that server's port (and its URL in
// $WHOP_MOCK_URL). A block passes when it exits 0. The server stops after the file's last block.
import { cleanEnv, run, start } from '../support/processes.mjs';

const RUNNABLE = /^sh\s+runnable(\s|$)/;
const LISTENING = /listening on (http:\/\/127\.0\.0\.1:(\d+))/;
const BLOCK_MS = 60_000;

/** The blocks of a scan that are runnable. */
export function runnableBlocks(blocks) {
  return blocks.filter((block) => RUNNABLE.test(block.info));
}

/** The block's text with the default address pointed at `port`. */
export function pointedAt(body, port) {
  return body.replace(/\b(localhost|127\.0\.0\.1):4010\b/g, `$1:${port}`);
}

/**
 * Runs `blocks` (of `file`) against one fresh server; resolves with [{file, line, ok, ms, code, output, script}].
 * `cli` is the whop-mock CLI to start (dist/bin/whop-mock.js); `cwd` where the blocks run.
 */
export async function runBlocks(file, blocks, { cli, cwd }) {
  const server = start(process.execPath, [cli, '--port', '0', '--log-level', 'silent'], { cwd });
  try {
    const [, url, port] = await server.waitFor(LISTENING);
    const results = [];
    for (const block of blocks) {
      const script = pointedAt(block.body, port);
      const began = Date.now();
      const ran = await run('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd, env: cleanEnv({ WHOP_MOCK_URL: url }), timeoutMs: BLOCK_MS });
      const problem = ran.timedOut ? `timed out after ${BLOCK_MS / 1000} s` : ran.code === 0 ? null : `exit ${ran.code}`;
      results.push({ file, line: block.line, ok: problem === null, problem, ms: Date.now() - began, output: ran.output, script });
    }
    return results;
  } finally {
    await server.stop();
  }
}

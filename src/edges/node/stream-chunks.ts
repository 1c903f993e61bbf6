import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** How much one turn of the event loop sends before letting other requests run. */
const SLICE_CHARS = 64 * 1024;
const SLICE_MS = 8;

/**
 * Writes a long answer (GET /__mock/state over 100,000 users is about 90 MB) a slice per turn of
 * the event loop. A slow reader is waited for (drain), so memory stays at one slice; one that
 * reads nothing for `stallMs` is cut off. Resolves when sent or when the connection is gone.
 */
export async function streamChunks(res: ServerResponse, chunks: Iterable<string>, stallMs: number): Promise<void> {
  const iterator = chunks[Symbol.iterator]();
  for (;;) {
    const started = performance.now();
    let slice = '';
    let next = iterator.next();
    for (let count = 1; next.done !== true; next = iterator.next(), count += 1) {
      slice += next.value;
      // Checking the clock every record would cost more than the records; every 64 is enough.
      if (slice.length >= SLICE_CHARS || (count % 64 === 0 && performance.now() - started > SLICE_MS)) break;
    }
    if (res.destroyed) return;
    if (next.done === true) return void res.end(slice);
    if (!res.write(slice) && !(await drained(res, stallMs))) return void res.destroy();
    // Always a turn of the event loop, even after 'drain': when the client reads as fast as we
    // write, the socket drains within the same tick, and without this the whole export would
    // run as one chain of callbacks that no other request could get between.
    await nextTurn();
  }
}

/** True once the socket drained; false when the client read nothing for `ms` or went away. */
function drained(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => finish(true);
    const onClose = () => finish(false);
    const timer = setTimeout(() => finish(false), ms);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

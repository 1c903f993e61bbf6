/** Lines held at most before they are written, whatever the time. */
export const LOG_BATCH_LINES = 512;
/** How long a line may wait to be written (a person at a terminal does not notice 20 ms). */
export const LOG_BATCH_MS = 20;
/** The buffer a batch is encoded into, reused from write to write; a bigger batch goes out as text. */
const BATCH_BUFFER_BYTES = 256 * 1024;

export interface StdoutBatch {
  write(line: string): void;
  flush(): void;
  /** Flushes and forgets the exit hook. */
  close(): void;
}

/**
 * Log lines to stdout, batched: held for at most LOG_BATCH_MS (or until LOG_BATCH_LINES pile
 * up), then written with one call, so a busy server pays one write for hundreds of lines. The
 * timer does not keep the process alive, and a process that exits flushes first.
 *
 * A batch is encoded into a buffer kept for the next one: handed a string, a stdout that is a
 * file (or /dev/null) makes a new Buffer of it on every write, and those allocations cost
 * several times the write itself. A buffer is reused only once stdout is done with it (its
 * write callback), so a pipe that writes later never sees its bytes overwritten.
 */
export function stdoutBatch(): StdoutBatch {
  let pending = '';
  let lines = 0;
  let timer: NodeJS.Timeout | undefined;
  const spare: Buffer[] = [];
  const out = (text: string) => {
    const bytes = Buffer.byteLength(text);
    if (bytes > BATCH_BUFFER_BYTES) return void process.stdout.write(text);
    const buffer = spare.pop() ?? Buffer.allocUnsafeSlow(BATCH_BUFFER_BYTES);
    buffer.write(text, 0, bytes, 'utf8');
    process.stdout.write(buffer.subarray(0, bytes), () => spare.push(buffer));
  };
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (lines === 0) return;
    const text = pending;
    pending = '';
    lines = 0;
    out(text);
  };
  process.on('exit', flush);
  return {
    write(line) {
      pending += `${line}\n`;
      lines += 1;
      if (lines >= LOG_BATCH_LINES) flush();
      else if (timer === undefined) timer = setTimeout(flush, LOG_BATCH_MS).unref();
    },
    flush,
    close() {
      flush();
      process.off('exit', flush);
    },
  };
}

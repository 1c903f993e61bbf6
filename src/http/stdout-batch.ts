/** Lines held at most before they are written, whatever the time. */
export const LOG_BATCH_LINES = 512;
/** How long a line may wait to be written (a person at a terminal does not notice 20 ms). */
export const LOG_BATCH_MS = 20;
/** The buffer a batch is encoded into, reused from batch to batch; a longer line is written on its own. */
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
 * Each line is encoded into a buffer as it comes (while its text is still in the cache), and
 * the buffer is what gets written: holding the lines as one long string made the write flatten
 * and encode 100 KB of scattered pieces, and a string written to a file (or /dev/null) becomes a
 * fresh Buffer each time; both cost more than the lines themselves. A written buffer is reused
 * only after stdout's write callback, so a pipe that writes later never sees its bytes replaced.
 */
export function stdoutBatch(): StdoutBatch {
  let buffer: Buffer | undefined;
  let used = 0;
  let lines = 0;
  let timer: NodeJS.Timeout | undefined;
  const spare: Buffer[] = [];
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (buffer === undefined || lines === 0) return;
    const written = buffer;
    process.stdout.write(written.subarray(0, used), () => spare.push(written));
    buffer = undefined;
    used = 0;
    lines = 0;
  };
  process.on('exit', flush);
  return {
    write(line) {
      // At most 3 bytes per UTF-16 unit, and the newline.
      const most = line.length * 3 + 1;
      if (buffer !== undefined && used + most > buffer.length) flush();
      if (most > BATCH_BUFFER_BYTES) {
        process.stdout.write(`${line}\n`);
        return;
      }
      buffer ??= spare.pop() ?? Buffer.allocUnsafeSlow(BATCH_BUFFER_BYTES);
      used += buffer.write(line, used, 'utf8');
      buffer[used++] = 0x0a;
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

/** Lines held at most before they are written even within one turn of the event loop. */
export const LOG_BATCH_LINES = 512;

export interface StdoutBatch {
  write(line: string): void;
  flush(): void;
  /** Flushes and forgets the exit hook. */
  close(): void;
}

/**
 * Log lines to stdout, batched: held until the current turn of the event loop ends (or
 * LOG_BATCH_LINES pile up), then written with one call. A process that exits flushes first.
 */
export function stdoutBatch(): StdoutBatch {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    process.stdout.write(text);
  };
  process.on('exit', flush);
  return {
    write(line) {
      pending.push(`${line}\n`);
      if (pending.length >= LOG_BATCH_LINES) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
    close() {
      flush();
      process.off('exit', flush);
    },
  };
}

/** Lines held at most before they are written, whatever the time. */
export const LOG_BATCH_LINES = 512;
/** How long a line may wait to be written (a person at a terminal does not notice 20 ms). */
export const LOG_BATCH_MS = 20;

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
 */
export function stdoutBatch(): StdoutBatch {
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    process.stdout.write(text);
  };
  process.on('exit', flush);
  return {
    write(line) {
      pending.push(line);
      if (pending.length >= LOG_BATCH_LINES) flush();
      else if (timer === undefined) timer = setTimeout(flush, LOG_BATCH_MS).unref();
    },
    flush,
    close() {
      flush();
      process.off('exit', flush);
    },
  };
}

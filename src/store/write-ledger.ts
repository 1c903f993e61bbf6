/** One record a session wrote: its kind, key and JSON text; `json` null when it was deleted. */
export interface RecordWrite {
  readonly kind: string;
  readonly key: string;
  readonly json: string | null;
}

/**
 * What one session's records hold beyond the shared base, in bytes (the JSON of every record the
 * session put), under its budget; and, while a store kept elsewhere is capturing, the writes one
 * request made, so that exactly those can be committed. Shared by the session's collections.
 */
export class WriteLedger {
  /** Bytes of the session's own records (replacements and additions; deletions cost nothing). */
  bytes = 0;
  /** The writes since `capture()`; undefined when nothing is capturing (the memory store). */
  #log: RecordWrite[] | undefined;

  constructor(readonly limit: number = Number.POSITIVE_INFINITY) {}

  record(write: RecordWrite): void {
    this.#log?.push(write);
  }

  /** Starts collecting writes; `collected()` hands them over and stops. */
  capture(): void {
    this.#log = [];
  }

  collected(): RecordWrite[] {
    const log = this.#log ?? [];
    this.#log = undefined;
    return log;
  }
}

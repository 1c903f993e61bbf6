/** One record a session wrote: its kind, key and JSON text; `json` null when it was deleted. */
export interface RecordWrite {
  readonly kind: string;
  readonly key: string;
  readonly json: string | null;
}

/**
 * The bytes a session's own records hold, under its budget; and, while a store kept elsewhere is
 * capturing, the writes one request made, so exactly those are committed.
 */
export class WriteLedger {
  /** Bytes of the session's own records (replacements and additions; deletions cost nothing). */
  bytes = 0;
  /** The writes since `capture()`; undefined when nothing is capturing (the memory store). */
  #log: RecordWrite[] | undefined;

  /** `beside`: what the session holds outside its records (its fault rules) against the same budget. */
  constructor(
    readonly limit: number = Number.POSITIVE_INFINITY,
    readonly beside: { readonly bytes: number } = { bytes: 0 },
  ) {}

  /** Changes so far (puts, removes, and records a store applied): whether the session changed since a moment. */
  writes = 0;

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

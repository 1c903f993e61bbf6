import { errors } from '../kernel/catalogue.js';

/** The window wrong admin tokens are counted in, per client. */
export const FAILURE_WINDOW_MS = 60_000;
/** Clients whose failures are remembered at once; past it the oldest window is forgotten (bounded memory). */
export const MAX_REMEMBERED_CLIENTS = 10_000;

interface Window {
  count: number;
  readonly since: number;
}

/**
 * Slows down guessing the admin token: a peer address past `limit` wrong tokens (a missing one is
 * no guess) in a minute gets 429 with Retry-After until the minute ends, before any token is
 * compared (so it says nothing about a guess). Oldest windows are forgotten past
 * MAX_REMEMBERED_CLIENTS. One per server; `limit` 0 turns it off.
 */
export class AdminFailures {
  readonly #clients = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws the 429 while this client is over its limit. */
  check(address: string | undefined): void {
    if (this.limit === 0 || this.#clients.size === 0) return;
    const window = this.#current(address, this.now());
    if (window !== undefined && window.count >= this.limit) {
      throw errors.controlAdminThrottled(this.limit, Math.max(1, Math.ceil((window.since + FAILURE_WINDOW_MS - this.now()) / 1000)));
    }
  }

  /** Counts one wrong admin token from this client. */
  fail(address: string | undefined): void {
    if (this.limit === 0) return;
    const now = this.now();
    let window = this.#current(address, now);
    if (window === undefined) {
      window = { count: 0, since: now };
      this.#clients.set(address ?? 'unknown', window);
      // One client added, so at most one (the oldest: a Map keeps insertion order) to forget.
      if (this.#clients.size > MAX_REMEMBERED_CLIENTS) this.#clients.delete(this.#clients.keys().next().value as string);
    }
    window.count += 1;
  }

  /** The client's window if it is still running; an ended one is forgotten. */
  #current(address: string | undefined, now: number): Window | undefined {
    const key = address ?? 'unknown';
    const window = this.#clients.get(key);
    if (window === undefined || now - window.since < FAILURE_WINDOW_MS) return window;
    this.#clients.delete(key);
    return undefined;
  }
}

import type { ServedWorld } from './served-world.js';

/** What a successful reload did. */
export interface ReloadResult {
  /** false: the specs and fixtures read the same as the world being served, which stays (sessions untouched). */
  readonly changed: boolean;
  readonly duration_ms: number;
}

/** The last reload, as GET /__mock/health and the inspector show it. */
export interface ReloadStatus {
  /** Reloads attempted since start (watch, POST /__mock/reload, SIGHUP, server.reload()). */
  readonly count: number;
  /** The last attempt; null before the first. */
  readonly last: {
    readonly at: string;
    readonly ok: boolean;
    readonly changed: boolean;
    readonly duration_ms: number;
    readonly trigger: string;
  } | null;
  /**
   * The one-line error of the last reload when it failed (the previous world is still served);
   * null once a later reload succeeds.
   */
  readonly error: string | null;
}

export interface WorldReloaderOptions {
  /** Reads the inputs again and builds a world, checking everything start-up checks (rejects if anything is wrong). */
  readonly build: (previous: ServedWorld) => Promise<ServedWorld>;
  /**
   * Makes the sessions follow a changed world, at the moment of the swap. May refuse (throw or
   * reject): the previous world is then kept.
   */
  readonly adopt: (next: ServedWorld, previous: ServedWorld) => void | Promise<void>;
  /** When nothing changed: checks the served world is still the right one (Redis: the one the store holds); may refuse. */
  readonly verify?: (current: ServedWorld) => void | Promise<void>;
  readonly onFailure: (message: string, trigger: string) => void;
  readonly onSuccess: (result: ReloadResult, trigger: string) => void;
}

/**
 * Holds the world a server serves and replaces it on reload. One reload runs at a time; asking
 * while one runs queues exactly one more (later asks share it), so a burst of file events costs
 * at most two builds. A failed reload changes nothing and is remembered until one succeeds.
 */
export class WorldReloader {
  #current: ServedWorld;
  #running: Promise<ReloadResult> | undefined;
  #queued: Promise<ReloadResult> | undefined;
  #count = 0;
  #last: ReloadStatus['last'] = null;
  #error: string | null = null;
  readonly #options: WorldReloaderOptions;

  constructor(initial: ServedWorld, options: WorldReloaderOptions) {
    this.#current = initial;
    this.#options = options;
  }

  /** The world a request starting now is served from. */
  get current(): ServedWorld {
    return this.#current;
  }

  status(): ReloadStatus {
    return { count: this.#count, last: this.#last, error: this.#error };
  }

  /** Rejects with the one-line error when the new specs or fixtures are wrong; the previous world stays. */
  reload(trigger: string): Promise<ReloadResult> {
    if (this.#running === undefined) return this.#start(trigger);
    this.#queued ??= this.#running.then(
      () => this.#start(trigger),
      () => this.#start(trigger),
    );
    return this.#queued;
  }

  #start(trigger: string): Promise<ReloadResult> {
    this.#queued = undefined;
    const running = this.#attempt(trigger).finally(() => {
      if (this.#running === running) this.#running = undefined;
    });
    this.#running = running;
    return running;
  }

  async #attempt(trigger: string): Promise<ReloadResult> {
    const started = performance.now();
    const at = new Date().toISOString();
    this.#count += 1;
    const previous = this.#current;
    try {
      const next = await this.#options.build(previous);
      const changed = next.world !== previous.world || next.spec !== previous.spec;
      if (changed) {
        await this.#options.adopt(next, previous);
        this.#current = next;
      } else await this.#options.verify?.(previous);
      const result = { changed, duration_ms: round(performance.now() - started) };
      this.#last = { at, ok: true, changed, duration_ms: result.duration_ms, trigger };
      this.#error = null;
      this.#options.onSuccess(result, trigger);
      return result;
    } catch (error) {
      const message = oneLine(error);
      this.#last = { at, ok: false, changed: false, duration_ms: round(performance.now() - started), trigger };
      this.#error = message;
      this.#options.onFailure(message, trigger);
      throw new Error(message);
    }
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, ' ');
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

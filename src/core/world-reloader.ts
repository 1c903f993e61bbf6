import type { ReloadResult, ReloadStatus } from '../control/control-plane.js';
import type { ServedWorld } from './served-world.js';

export interface WorldReloaderOptions {
  /** Reads the inputs again and builds a world, checking everything start-up checks (rejects if anything is wrong). */
  readonly build: (previous: ServedWorld) => Promise<ServedWorld>;
  /** Makes the sessions follow a changed world, at the swap; may refuse (the previous world is then kept). */
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
    const start = (): Promise<ReloadResult> => {
      this.#queued = undefined;
      const running: Promise<ReloadResult> = (this.#running = this.#attempt(trigger).finally(() => {
        if (this.#running === running) this.#running = undefined;
      }));
      return running;
    };
    if (this.#running === undefined) return start();
    return (this.#queued ??= this.#running.then(start, start));
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
      const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
      this.#last = { at, ok: false, changed: false, duration_ms: round(performance.now() - started), trigger };
      this.#error = message;
      this.#options.onFailure(message, trigger);
      throw new Error(message);
    }
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

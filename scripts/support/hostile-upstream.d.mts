// Types of scripts/support/hostile-upstream.mjs, for the proxy's tests.
import type { Server } from 'node:http';

export interface HostileUpstream {
  readonly url: string;
  readonly server: Server;
  /** Every request's URL, in order (with `keepRequests`; empty otherwise). */
  readonly requests: string[];
  readonly counts: { requests: number; slow: number; slowClosedEarly: number; slowOpen: number; slowOpenMax: number; hanging: number };
  /** Requests to user_hang still open (their connection not yet closed by the proxy). */
  hanging(): number;
  /** Compressed bytes of each bomb. */
  readonly bombSizes: Readonly<Record<string, number>>;
  close(): void;
}
export declare function deepJson(depth: number): string;
export declare function startHostileUpstream(options?: { user?: object; bombMiB?: number; gzipMiB?: number; slowMs?: number; keepRequests?: boolean }): Promise<HostileUpstream>;

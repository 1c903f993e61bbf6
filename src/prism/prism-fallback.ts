import { createRequire } from 'node:module';
import type { IHttpOperation } from '@stoplight/types';
import type { Operation } from '../openapi/compile-operations.js';
import type { SpecDocument } from '../openapi/load-specs.js';
import type { SourceCall } from '../pipeline/answer-source.js';

type PrismModule = typeof import('@stoplight/prism-http');

/** The package to add for Prism: an optional peer dependency of whop-mock (package.json). */
export const PRISM_PACKAGE = '@stoplight/prism-http';

/** Prism could not be loaded because it (or a package it needs) is not installed. */
export class PrismNotInstalled extends Error {}

/**
 * Whether Prism resolves from this package (the user's project, the Docker image and our dev tree
 * have it; a plain `npm i whop-mock` does not). Resolving reads a few package.json files, loads nothing.
 */
export function prismInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve(PRISM_PACKAGE);
    return true;
  } catch {
    return false;
  }
}
type PrismInstance = ReturnType<PrismModule['createInstance']>;

/** Prism only makes the answer up: our own pipeline checks security and validates both ways. */
const CONFIG: Parameters<PrismModule['createInstance']>[0] = {
  checkSecurity: false, validateRequest: false, validateResponse: false, errors: false,
  isProxy: false, upstreamProxy: undefined, mock: { dynamic: false },
};

/**
 * Answers operations neither a handler nor the spec's examples and schemas answer (another media
 * type than JSON, a schema json-schema-faker cannot fill) with Prism, loaded on first use (never with
 * the bundled specs). Our pipeline still authenticates and validates the request and Prism's answer.
 */
export class PrismFallback {
  private prism: Promise<{ module: PrismModule; instance: PrismInstance }> | undefined;
  private readonly operations = new Map<string, Promise<IHttpOperation[]>>();

  constructor(private readonly sources: readonly SpecDocument[]) {}

  /** Loads Prism ahead of the first request that needs it (called after listen, not awaited). */
  warm(): void {
    void this.load().catch(() => undefined);
  }

  async respond({ operation, request, input }: SourceCall): Promise<{ status: number; body: unknown }> {
    const { instance } = await this.load();
    const candidates = await this.operationsOf(operation);
    // The route table forgives a trailing slash (`/users/`); Prism's router does not.
    const path = request.path.length > 1 ? request.path.replace(/\/+$/, '') : request.path;
    const run = instance.request(
      {
        method: request.method.toLowerCase() as IHttpOperation['method'] as never,
        url: { path, query: input.query as Record<string, string> },
        headers: input.headers,
        body: input.body,
      },
      candidates.filter((op) => op.method === operation.method.toLowerCase() && op.path === operation.path),
      CONFIG,
    );
    const result = await run();
    if (result._tag === 'Left') throw result.left;
    return { status: result.right.output.statusCode, body: result.right.output.body };
  }

  private load() {
    this.prism ??= import('@stoplight/prism-http').then(
      (module) => ({
        module,
        instance: module.createInstance(CONFIG, { logger: silentLogger() as never }),
      }),
      (error: unknown) => {
        // Tried again on the next request: the package may be installed while the server runs.
        this.prism = undefined;
        this.operations.clear();
        throw notInstalled(error) ? new PrismNotInstalled(`${PRISM_PACKAGE} is not installed`, { cause: error }) : error;
      },
    );
    return this.prism;
  }

  private operationsOf(operation: Operation): Promise<IHttpOperation[]> {
    let found = this.operations.get(operation.file);
    if (!found) {
      const source = this.sources.find((s) => s.file === operation.file);
      found = this.load().then(({ module }) => module.getHttpOperationsFromSpec(structuredClone(source?.document ?? {})));
      this.operations.set(operation.file, found);
    }
    return found;
  }
}

function notInstalled(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/** Prism logs through a pino-like logger; the mock has its own access log, so Prism's is silent. */
function silentLogger(): unknown {
  const logger: Record<string, unknown> = {};
  for (const level of ['trace', 'debug', 'info', 'success', 'warn', 'error', 'fatal', 'silent']) logger[level] = () => undefined;
  logger.child = () => logger;
  return logger;
}

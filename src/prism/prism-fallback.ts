import { createRequire } from 'node:module';
import type { IHttpOperation } from '@stoplight/types';
import { errors } from '../kernel/catalogue.js';
import type { Operation } from '../openapi/compile-operations.js';
import type { SpecDocument } from '../openapi/load-specs.js';
import type { Answerer, SourceCall } from '../pipeline/answer-source.js';

type PrismModule = typeof import('@stoplight/prism-http');

/**
 * Whether Prism, an optional peer dependency (package.json), resolves from this package (the user's
 * project, the Docker image and our dev tree have it; a plain `npm i whop-mock` does not). Resolving
 * reads a few package.json files, loads nothing.
 */
export function prismInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@stoplight/prism-http');
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
 * The mock's last answerer: operations neither a handler nor the spec's examples and schemas answer
 * (another media type than JSON, a schema json-schema-faker cannot fill) answered by Prism, loaded on
 * first use (never with the bundled specs). Our pipeline still authenticates and validates the
 * request and Prism's answer.
 */
export class PrismFallback implements Answerer {
  private prism: Promise<{ module: PrismModule; instance: PrismInstance }> | undefined;
  private readonly operations = new Map<string, Promise<IHttpOperation[]>>();

  constructor(private readonly sources: readonly SpecDocument[]) {}

  /** Prism answers only what no handler does; a forced 2xx there comes from the spec. */
  handles(): boolean {
    return false;
  }

  /** Loads Prism ahead of the first request that needs it (called after listen, not awaited). */
  warm(): void {
    void this.load().catch(() => undefined);
  }

  async answer({ operation, request, input }: SourceCall): Promise<{ status: number; body: unknown }> {
    const { instance } = await this.load().catch((error: unknown) => {
      // An optional peer dependency: without it, this request gets the envelope, the server goes on.
      throw notInstalled(error) ? errors.prismMissing(prismLabel(operation)) : error;
    });
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
        throw error;
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

/** An operation as the message of a missing Prism names it. */
export function prismLabel(operation: Operation): string {
  return `${operation.method} ${operation.path} (${operation.operationId})`;
}

/** Prism (or a package it needs) is not installed. */
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

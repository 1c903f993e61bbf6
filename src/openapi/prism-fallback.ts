import type { IHttpOperation } from '@stoplight/types';
import type { Operation } from './compile-operations.js';
import type { SpecDocument } from './load-specs.js';

export interface FallbackRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
}

export interface FallbackChoice {
  code?: number;
  exampleKey?: string;
  dynamic?: boolean;
}

export interface FallbackResponse {
  status: number;
  body: unknown;
}

type PrismModule = typeof import('@stoplight/prism-http');
type PrismInstance = ReturnType<PrismModule['createInstance']>;

/**
 * Answers operations no stateful handler serves, with @stoplight/prism-http (spec examples, or
 * data generated from the schema). Prism is loaded on first use only: when every operation has a
 * handler it is never loaded, and start-up stays fast. Our own pipeline still authenticates and
 * validates the request, and validates what Prism returns.
 */
export class PrismFallback {
  private prism: Promise<{ module: PrismModule; instance: PrismInstance }> | undefined;
  private readonly operations = new Map<string, Promise<IHttpOperation[]>>();

  constructor(private readonly sources: readonly SpecDocument[]) {}

  /** Loads Prism ahead of the first request that needs it (called after listen, not awaited). */
  warm(): void {
    void this.load().catch(() => undefined);
  }

  async respond(operation: Operation, request: FallbackRequest, choice: FallbackChoice): Promise<FallbackResponse> {
    const { instance } = await this.load();
    const candidates = await this.operationsOf(operation);
    const match = candidates.filter((op) => op.method === operation.method.toLowerCase() && op.path === operation.path);
    const run = instance.request(
      {
        method: request.method.toLowerCase() as IHttpOperation['method'] as never,
        url: { path: request.path, query: request.query },
        headers: request.headers,
        body: request.body,
      },
      match,
      {
        checkSecurity: false,
        validateRequest: false,
        validateResponse: false,
        errors: false,
        isProxy: false,
        upstreamProxy: undefined,
        mock: { dynamic: choice.dynamic ?? false, code: choice.code, exampleKey: choice.exampleKey },
      },
    );
    const result = await run();
    if (result._tag === 'Left') throw result.left;
    return { status: result.right.output.statusCode, body: result.right.output.body };
  }

  private load() {
    this.prism ??= import('@stoplight/prism-http').then((module) => ({
      module,
      instance: module.createInstance(
        { checkSecurity: false, validateRequest: false, validateResponse: false, errors: false, isProxy: false, upstreamProxy: undefined, mock: { dynamic: false } },
        { logger: silentLogger() as never },
      ),
    }));
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

/** Prism logs through a pino-like logger; the mock has its own access log, so Prism's is silent. */
function silentLogger(): unknown {
  const logger: Record<string, unknown> = {};
  for (const level of ['trace', 'debug', 'info', 'success', 'warn', 'error', 'fatal', 'silent']) logger[level] = () => undefined;
  logger.child = () => logger;
  return logger;
}

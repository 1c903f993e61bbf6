import type { HandlerMap } from '../domain/handler.js';
import { ApiError } from '../kernel/api-error.js';
import { errors } from '../kernel/catalogue.js';
import type { Answerer } from './answer-source.js';

/** The operation's stateful handler, else the fallback (plugged in by src/prism/mock-world-mode.ts). */
export function handlerAnswerer(handlers: HandlerMap, fallback?: Answerer): Answerer {
  return {
    handles: (operation) => operation.operationId in handlers || fallback?.handles(operation) === true,
    answer: async (call) => {
      const handler = handlers[call.operation.operationId];
      if (handler === undefined) {
        if (fallback) return fallback.answer(call);
        throw errors.internal(`No handler answers ${call.operation.operationId}.`);
      }
      // The domain's door: a handler reads the domain's names whatever version the caller speaks,
      // and an error it names a parameter in goes back out under the version's name.
      const { operation, input, principal, state } = call;
      const names = operation.domainNames;
      const body = input.body as Record<string, unknown> | undefined;
      try {
        return handler({ operationId: operation.operationId, path: input.path, query: renamed(input.query, names), body: body && renamed(body, names), principal, state });
      } catch (error) {
        const versionName = error instanceof ApiError && error.param !== null ? Object.keys(names).find((name) => names[name] === error.param) : undefined;
        throw versionName === undefined ? error : (error as ApiError).renamed(versionName);
      }
    },
  };
}

function renamed(fields: Record<string, unknown>, names: Readonly<Record<string, string>>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const name in names) {
    if (!(name in fields)) continue;
    copy ??= { ...fields };
    copy[names[name] as string] = copy[name];
    delete copy[name];
  }
  return copy ?? fields;
}

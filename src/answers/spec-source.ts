import { createHash } from 'node:crypto';
import { declaredResponse, successStatus } from '../simulation/declared-response.js';
import { checkResponse } from '../validation/check-response.js';
import type { SpecValidators } from '../validation/spec-validators.js';
import type { SourceCall, SourceResult, SpecChoice } from './answer-source.js';
import type { BodyGenerator } from './generate-body.js';

/**
 * Answers from the operation's own responses in the served version, without Prism: the named
 * example (`Prefer: example=`), data generated from the schema (`dynamic=true`), or for a bare
 * forced status the status's first example (generated data when it has none). The status is the
 * forced one, else the lowest declared 2xx. Whether the code and example exist was checked
 * before (check-preferences); the answer is validated after, like every other.
 */
export function specSource<S>(validators: SpecValidators, generator: BodyGenerator): (call: SourceCall<S>, choice: SpecChoice) => Promise<SourceResult> {
  return async (call, choice) => {
    const { operation } = call;
    const status = choice.code ?? successStatus(operation) ?? 200;
    const declared = declaredResponse(operation, status);
    const examples = declared?.examples ?? {};
    const named = choice.exampleKey ?? Object.keys(examples)[0];
    const example = named !== undefined && named in examples ? { body: structuredClone(examples[named]) } : undefined;
    if (declared?.schema === undefined) return { status, body: example?.body };
    if (choice.dynamic === true || example === undefined) {
      const compiled = validators.for(operation);
      const body = await generator.generate(declared.schema, requestSeed(call, status), (candidate) => checkResponse(compiled, status, candidate) === null);
      // No valid body in a few tries: the spec's example, which the spec promises is valid.
      if (body !== undefined || example === undefined) return { status, body };
    }
    return { status, body: example?.body };
  };
}

/**
 * The same request (version, method, path, query, body, status) gets the same generated body, so
 * a test that records a dynamic answer sees it again on a rerun.
 */
function requestSeed<S>({ request, operation }: SourceCall<S>, status: number): number {
  const hash = createHash('sha256');
  hash.update(`${operation.version}\n${request.method}\n${request.path}\n${request.search}\n${status}\n`);
  if (request.rawBody) hash.update(request.rawBody);
  return hash.digest().readUInt32BE(0);
}

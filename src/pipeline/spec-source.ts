import { createHash } from 'node:crypto';
import { declaredResponse, successStatus } from '../openapi/declared-response.js';
import { checkResponse } from '../validation/check-response.js';
import type { SpecValidators } from '../validation/spec-validators.js';
import type { SourceCall, SpecSource } from './answer-source.js';
import type { BodyGenerator } from './generate-body.js';

/**
 * Answers from the operation's responses without Prism: the named example, generated data
 * (`dynamic=true`), or the status's first example (generated when none). The status is the forced
 * one, else the lowest declared 2xx; check-preferences checked both exist.
 */
export function specSource(validators: SpecValidators, generator: BodyGenerator): SpecSource {
  return async (call, choice, otherwise) => {
    const { operation } = call;
    const status = choice.code ?? successStatus(operation) ?? 200;
    const declared = declaredResponse(operation, status);
    const examples = declared?.examples ?? {};
    const named = choice.exampleKey ?? Object.keys(examples)[0];
    const example = named !== undefined && named in examples ? { body: structuredClone(examples[named]) } : undefined;
    if (declared?.schema !== undefined && (choice.dynamic === true || example === undefined)) {
      const compiled = validators.for(operation);
      const generating = generator.generate(declared.schema, requestSeed(call, status), (candidate) => checkResponse(compiled, status, candidate) === null);
      // A schema json-schema-faker cannot read at all is one more thing `otherwise` may answer.
      const body = await (otherwise === undefined ? generating : generating.catch(() => undefined));
      if (body !== undefined) return { status, body };
      // No valid body in a few tries: the spec's example, which the spec promises is valid.
      if (example === undefined) return otherwise === undefined ? { status, body } : otherwise();
    }
    return { status, body: example?.body };
  };
}

/** The same request (version, method, path, query, body, status) gets the same generated body on a rerun. */
function requestSeed({ request, operation }: SourceCall, status: number): number {
  const hash = createHash('sha256');
  hash.update(`${operation.version}\n${request.method}\n${request.path}\n${request.search}\n${status}\n`);
  if (request.rawBody) hash.update(request.rawBody);
  return hash.digest().readUInt32BE(0);
}

import type { Operation } from '../openapi/compile-operations.js';
import { declaredResponse, successStatus } from '../openapi/declared-response.js';
import type { Answerer, SpecSource } from './answer-source.js';

/** Whether the spec alone can answer: no success body, or a JSON one (text or XML bodies need Prism). */
export function specAnswers(operation: Operation): boolean {
  const declared = declaredResponse(operation, successStatus(operation) ?? 200);
  return declared === undefined || declared.mediaTypes.length === 0 || declared.mediaTypes.includes('application/json');
}

/** Operations without a handler: the example, else generated data, else the engine (Prism, maybe absent). */
export function specAnswerer(source: SpecSource, engine: Answerer): Answerer {
  return {
    handles: () => false,
    answer: (call) => (specAnswers(call.operation) ? source(call, {}, () => engine.answer(call)) : engine.answer(call)),
  };
}

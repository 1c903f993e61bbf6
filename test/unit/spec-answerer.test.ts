import { describe, expect, it } from 'vitest';
import type { Operation, ResponseSpec } from '../../src/openapi/compile-operations.js';
import type { Answerer, SourceCall, SourceResult, SpecSource } from '../../src/pipeline/answer-source.js';
import { specAnswerer, specAnswers } from '../../src/pipeline/spec-answerer.js';

function op(responses: Array<Partial<ResponseSpec> & { status: string }>): Operation {
  const full = responses.map((r) => ({ schema: undefined, examples: {}, mediaTypes: [], ...r }));
  return { operationId: 'op', method: 'GET', path: '/x', version: 'v', file: 'f', documentId: 'd', parameters: [], body: null, responses: full, scopes: null, fieldScopes: {}, domainNames: {} };
}

describe('specAnswers: which operations the spec answers without Prism', () => {
  it.each([
    ['a JSON success body', [{ status: '200', mediaTypes: ['application/json'] }], true],
    ['JSON beside another media type', [{ status: '200', mediaTypes: ['text/csv', 'application/json'] }], true],
    ['no body (204)', [{ status: '204' }, { status: '404', mediaTypes: ['text/plain'] }], true],
    ['no success response at all (the answer is then a reported violation, not Prism)', [{ status: '404', mediaTypes: ['application/json'] }], true],
    ['only a text body', [{ status: '200', mediaTypes: ['text/csv'] }], false],
    ['the lowest 2xx decides: 201 text, 202 JSON', [{ status: '202', mediaTypes: ['application/json'] }, { status: '201', mediaTypes: ['application/xml'] }], false],
    ['only a default response, in XML', [{ status: 'default', mediaTypes: ['application/xml'] }], false],
  ])('%s -> %s', (_name, responses, answers) => {
    expect(specAnswers(op(responses))).toBe(answers);
  });
});

describe('specAnswerer: the spec first, the engine only when the spec cannot answer', () => {
  const engine: Answerer = { handles: () => false, answer: async () => ({ status: 200, body: 'from the engine' }) };
  const callOf = (operation: Operation) => ({ operation }) as unknown as SourceCall;

  it('answers from the spec when it can, and hands the engine over for a body it cannot make', async () => {
    const asked: Array<Parameters<SpecSource>[1]> = [];
    const source: SpecSource = async (_call, choice, otherwise) => {
      asked.push(choice);
      return otherwise === undefined ? { status: 0, body: 'no way out' } : { status: 200, body: { ok: true } };
    };
    const answered = await specAnswerer(source, engine).answer(callOf(op([{ status: '200', mediaTypes: ['application/json'] }])));
    expect([answered, asked]).toEqual([{ status: 200, body: { ok: true } }, [{}]]);
  });

  it('the spec source calls the engine when it has neither example nor generated body', async () => {
    const source: SpecSource = (_call, _choice, otherwise) => (otherwise as () => Promise<SourceResult>)();
    expect(await specAnswerer(source, engine).answer(callOf(op([{ status: '200', mediaTypes: ['application/json'] }])))).toEqual({ status: 200, body: 'from the engine' });
  });

  it('goes straight to the engine for a body in another media type, never asking the spec', async () => {
    let asked = 0;
    const source: SpecSource = async () => ({ status: 200, body: (asked += 1) });
    expect(await specAnswerer(source, engine).answer(callOf(op([{ status: '200', mediaTypes: ['text/csv'] }])))).toEqual({ status: 200, body: 'from the engine' });
    expect(asked).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { SourceCall, SourceResult } from '../../src/answers/answer-source.js';
import { errors } from '../../src/errors/catalogue.js';
import { answerStep } from '../../src/http/answer-step.js';
import type { Pipeline } from '../../src/http/pipeline.js';

const call = {} as SourceCall<unknown>;

function pipelineWith(normal: () => Promise<SourceResult>, spec: () => Promise<SourceResult> = normal): Pipeline<unknown> {
  return { sources: { normal, spec, warm: () => undefined } } as unknown as Pipeline<unknown>;
}

describe('answerStep', () => {
  it('hands on the source promise itself, so an answer takes no extra turns', async () => {
    const answered = Promise.resolve({ status: 200, body: { id: 'user_1' } });
    const pipeline = pipelineWith(() => answered, () => Promise.resolve({ status: 201, body: null }));
    expect(answerStep(pipeline, call, { kind: 'normal' })).toBe(answered);
    await expect(answerStep(pipeline, call, { kind: 'spec', choice: { status: 201 } } as never)).resolves.toEqual({ status: 201, body: null });
  });

  it('answers a fault body with a copy of it, and a forced error as a rejection', async () => {
    const pipeline = pipelineWith(() => Promise.reject(new Error('not called')));
    const body = { error: { message: 'boom' } };
    const result = await answerStep(pipeline, call, { kind: 'body', status: 500, body });
    expect(result).toEqual({ status: 500, body });
    expect(result.body).not.toBe(body);
    const error = errors.simulated(404);
    await expect(answerStep(pipeline, call, { kind: 'error', error })).rejects.toBe(error);
  });

  it('turns a source that throws at once, or a body that cannot be copied, into a rejection, never a throw', async () => {
    const thrown = new Error('handler bug');
    const pipeline = pipelineWith(() => {
      throw thrown;
    });
    const answer = answerStep(pipeline, call, { kind: 'normal' });
    expect(answer).toBeInstanceOf(Promise);
    await expect(answer).rejects.toBe(thrown);
    const uncopyable = answerStep(pipeline, call, { kind: 'body', status: 500, body: { f: () => 1 } });
    expect(uncopyable).toBeInstanceOf(Promise);
    await expect(uncopyable).rejects.toThrow();
  });
});

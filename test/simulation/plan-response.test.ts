import { describe, expect, it } from 'vitest';
import type { FaultStep, TakenFault } from '../../src/state/fault-list.js';
import { MAX_DELAY_MS } from '../../src/pipeline/parse-prefer.js';
import { planResponse } from '../../src/pipeline/plan-response.js';

const fault = (action: FaultStep, step: number | null = null): TakenFault => ({ id: 'flt_1', step, action });

describe('planResponse', () => {
  it('without preferences or faults answers as usual', () => {
    expect(planResponse({}, undefined, true)).toEqual({ delayMs: 0, faultId: null, faultStep: null, answer: { kind: 'normal' } });
    expect(planResponse({}, undefined, false)).toEqual({ delayMs: 0, faultId: null, faultStep: null, answer: { kind: 'normal' } });
  });

  it('a forced 2xx runs the handler of a stateful operation, and asks Prism for the code otherwise', () => {
    expect(planResponse({ code: 200 }, undefined, true).answer).toEqual({ kind: 'normal' });
    expect(planResponse({ code: 200 }, undefined, false).answer).toEqual({ kind: 'spec', choice: { code: 200 } });
  });

  it('example= and dynamic= answer from the spec, with the code when given', () => {
    expect(planResponse({ example: 'selfView' }, undefined, true).answer).toEqual({ kind: 'spec', choice: { exampleKey: 'selfView' } });
    expect(planResponse({ code: 404, example: 'notFound' }, undefined, true).answer).toEqual({ kind: 'spec', choice: { code: 404, exampleKey: 'notFound' } });
    expect(planResponse({ dynamic: true }, undefined, true).answer).toEqual({ kind: 'spec', choice: { dynamic: true } });
  });

  it('a forced error status answers the Whop envelope for it', () => {
    const plan = planResponse({ code: 404 }, undefined, true);
    if (plan.answer.kind !== 'error') throw new Error(`expected an error answer, got ${plan.answer.kind}`);
    expect(plan.answer.error).toMatchObject({ status: 404, type: 'not_found', code: 'resource_not_found' });
  });

  it('a 429 envelope carries Retry-After', () => {
    const plan = planResponse({}, fault({ status: 429 }), true);
    if (plan.answer.kind !== 'error') throw new Error('expected an error answer');
    expect(plan.answer.error.headers).toEqual({ 'retry-after': '1' });
  });

  it('a fault outranks Prefer, and their delays add up to the cap', () => {
    const plan = planResponse({ code: 404, delayMs: 300 }, fault({ status: 500, delay_ms: 200 }), true);
    expect(plan.delayMs).toBe(500);
    expect(plan.faultId).toBe('flt_1');
    expect(plan.answer).toMatchObject({ kind: 'error', error: { status: 500 } });
    expect(planResponse({ delayMs: MAX_DELAY_MS }, fault({ delay_ms: MAX_DELAY_MS }), true).delayMs).toBe(MAX_DELAY_MS);
  });

  it('a fault body is answered as given; drop drops; a delay-only fault answers as usual', () => {
    expect(planResponse({}, fault({ status: 503, body: { down: true } }), true).answer).toEqual({ kind: 'body', status: 503, body: { down: true } });
    expect(planResponse({ code: 404 }, fault({ drop: true }), true).answer).toEqual({ kind: 'drop' });
    expect(planResponse({}, fault({ delay_ms: 50 }), true)).toEqual({ delayMs: 50, faultId: 'flt_1', faultStep: null, answer: { kind: 'normal' } });
  });

  it("a sequence's pass step lets the request's own answer (Prefer included) through, naming the rule and step", () => {
    expect(planResponse({}, fault({ pass: true }, 2), true)).toEqual({ delayMs: 0, faultId: 'flt_1', faultStep: 2, answer: { kind: 'normal' } });
    expect(planResponse({ code: 404 }, fault({ pass: true, delay_ms: 20 }, 1), true)).toMatchObject({ delayMs: 20, faultStep: 1, answer: { kind: 'error', error: { status: 404 } } });
    expect(planResponse({}, fault({ status: 500 }, 0), true)).toMatchObject({ faultStep: 0, answer: { kind: 'error', error: { status: 500 } } });
  });
});

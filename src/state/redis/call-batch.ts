/**
 * Items one store call carries at most; more go out as further calls at once. Small on purpose:
 * the replica answers the first call's requests while Redis runs the next, so the two cores
 * overlap, where one call per wave left the replica idle until Redis had run all of it.
 */
export const BATCH_ITEMS = 12;

/**
 * Items added in one turn of the event loop go out together, in calls of at most BATCH_ITEMS. The
 * turn, not the tick: every connection that had data in one poll shares the calls sent at the
 * check phase (setImmediate). Each `add` settles from its own item's result, or its call's error,
 * once the call that carried it is answered: nobody is answered before their item is stored.
 */
export class CallBatch<I, O> {
  #queued: Queued<I, O>[] = [];

  constructor(private readonly send: (items: I[]) => Promise<O[]>) {}

  /**
   * Settles with what `answer` makes of the item's result or of its call's error (rejects with
   * what it throws): one promise and microtask turn per item instead of two with a `then`.
   */
  add<R>(item: I, answer: Answer<O, R>): Promise<R> {
    return new Promise<unknown>((resolve, reject) => {
      if (this.#queued.push({ item, resolve, reject, answer }) === 1) setImmediate(() => this.#flush());
    }) as Promise<R>;
  }

  #flush(): void {
    const queued = this.#queued;
    this.#queued = [];
    for (let from = 0; from < queued.length; from += BATCH_ITEMS) {
      const calls = queued.slice(from, from + BATCH_ITEMS);
      let sent: Promise<O[]>;
      try {
        sent = this.send(calls.map((call) => call.item));
      } catch (error) {
        sent = Promise.reject(error);
      }
      sent.then(
        (results) => {
          for (let i = 0; i < calls.length; i += 1) {
            if (i < results.length) settle(calls[i] as Queued<I, O>, true, results[i]);
            else settle(calls[i] as Queued<I, O>, false, new Error(`the store answered ${results.length} of ${calls.length} items`));
          }
        },
        (error: unknown) => {
          for (const call of calls) settle(call, false, error);
        },
      );
    }
  }
}

/** What a caller makes of its item's result, or of its call's error; what it throws rejects. */
export interface Answer<O, R> {
  ok(result: O): R;
  failed(error: unknown): R;
}

interface Queued<I, O> {
  readonly item: I;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly answer: Answer<O, unknown>;
}

function settle<I, O>(call: Queued<I, O>, ok: boolean, value: unknown): void {
  try {
    call.resolve(ok ? call.answer.ok(value as O) : call.answer.failed(value));
  } catch (error) {
    call.reject(error);
  }
}

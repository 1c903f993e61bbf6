/**
 * Items one store call carries at most; more go out as further calls at the same time. Small on
 * purpose: Redis runs the calls one after the other, and the replica answers the requests of the
 * first call while Redis runs the next: the two cores overlap, where one call per wave left the
 * replica idle until Redis had run all of it.
 */
export const BATCH_ITEMS = 12;

/**
 * Items added in one turn of the event loop go out together, in calls of at most BATCH_ITEMS: a
 * few script runs in Redis instead of one per request. The turn, not the tick: the requests of
 * every connection that had data in one poll of the event loop (each handled as its own task)
 * share the calls sent when the loop reaches its check phase (setImmediate). Each `add` resolves
 * with its own item's result once the call that carried it is answered, or rejects with that
 * call's error: nobody is answered before their item is stored.
 */
export class CallBatch<I, O> {
  #queued: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];

  constructor(private readonly send: (items: I[]) => Promise<O[]>) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      if (this.#queued.push({ item, resolve, reject }) === 1) setImmediate(() => this.#flush());
    });
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
        (results) => calls.forEach((call, i) => (i < results.length ? call.resolve(results[i] as O) : call.reject(new Error(`the store answered ${results.length} of ${calls.length} items`)))),
        (error: unknown) => calls.forEach((call) => call.reject(error)),
      );
    }
  }
}

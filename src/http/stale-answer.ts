/**
 * A store kept elsewhere (Redis) may let a request be answered from the replica's copy of its
 * session before it has checked that copy is current, and check afterwards, with the request's
 * journal entry (or its commit). When the copy turned out not current (another replica wrote,
 * or added a fault rule, meanwhile), the journal or the commit throws this instead of keeping
 * the answer: nothing of it was kept or sent, and the request path runs the request again on the
 * session `reopen` opens in the store first, whose answer needs no such check.
 *
 * When the check itself failed (the store timed out or went away), the answer is neither
 * confirmed nor refuted, and the check may have run (its entry kept): the request must not run
 * again. `unconfirmed` says so: its `reopen` rejects with the store's error, which the request
 * path answers as it answers a session that cannot be opened (503 `mock_store_unavailable`),
 * without running the request.
 */
export class StaleAnswer extends Error {
  constructor(readonly reopen: () => Promise<unknown>) {
    super('the answer came from a copy of the session that is no longer current');
  }

  /** An answer its store could not confirm: answered with `error`, never run again. */
  static unconfirmed(error: unknown): StaleAnswer {
    return new StaleAnswer(() => Promise.reject(error));
  }
}

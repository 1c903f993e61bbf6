/**
 * A value now, or later. The memory store answers at once (so its request path takes no extra
 * turn of the event loop); a store kept elsewhere answers later. Callers check with `isPromise`
 * and await only then.
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return value instanceof Promise;
}

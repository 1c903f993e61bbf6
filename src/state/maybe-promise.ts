/** A value now (the memory store: no extra turn of the event loop) or later; callers await only a promise. */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return value instanceof Promise;
}

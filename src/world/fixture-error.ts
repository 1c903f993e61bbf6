/** Where in the fixtures a problem is: the record (by position and id) and the field. */
export interface FixtureLocation {
  readonly index: number;
  readonly id: string | undefined;
  /** JSON Pointer into the record; "" is the record itself. */
  readonly pointer: string;
}

/**
 * A fixture that cannot be loaded. Found at start and stops start-up, with a message naming
 * the file, the record and the field, e.g.
 * `fixtures/users.json: record 3 (user_abc): /verification/individual/status must be one of ...`.
 */
export class FixtureError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly location?: FixtureLocation,
  ) {
    const record = location === undefined ? '' : `record ${location.index}${location.id === undefined ? '' : ` (${location.id})`}: `;
    super(`${file}: ${record}${detail}`);
    this.name = 'FixtureError';
  }
}

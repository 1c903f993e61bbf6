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
  readonly file: string;
  readonly location: FixtureLocation | undefined;
  readonly detail: string;

  constructor(file: string, detail: string, location?: FixtureLocation) {
    super(`${file}: ${location === undefined ? '' : `${describeRecord(location)}: `}${detail}`);
    this.name = 'FixtureError';
    this.file = file;
    this.detail = detail;
    this.location = location;
  }
}

function describeRecord({ index, id }: FixtureLocation): string {
  return id === undefined ? `record ${index}` : `record ${index} (${id})`;
}

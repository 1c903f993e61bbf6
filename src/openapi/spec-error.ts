/** A problem with a document in specs/: found at start, stops start-up, names the file. */
export class SpecError extends Error {
  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'SpecError';
  }
}

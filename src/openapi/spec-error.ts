/** A problem with a document in specs/: found at start, stops start-up, names the file. */
export class SpecError extends Error {
  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'SpecError';
  }
}

/** What to do about a `$ref` into another file: the mock reads one self-contained document per file. */
export const BUNDLE_HINT = 'external $refs must be bundled into the document first, e.g. `npx @redocly/cli bundle in.yaml -o out.yaml`';

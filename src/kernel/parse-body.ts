import { errors } from './catalogue.js';
import { jsonProblem } from './json-problem.js';

/** A parsed JSON body and its text (what the journal keeps, so it is not serialized again). */
export interface ParsedBody {
  readonly value: unknown;
  readonly text: string;
}

/** Decodes strictly: a byte sequence that is not UTF-8 is refused, not replaced with U+FFFD. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A request body as JSON (undefined when empty); anything else is a 400, nesting checked before parsing. */
export function parseBody(raw: Buffer | undefined, contentType: string | undefined, maxDepth: number): ParsedBody | undefined {
  if (!raw || raw.length === 0) return undefined;
  const type = (contentType ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !type.endsWith('+json')) throw errors.unsupportedMediaType(type);
  let text: string;
  try {
    text = UTF8.decode(raw);
  } catch {
    throw errors.invalidJson('it is not valid UTF-8');
  }
  const problem = jsonProblem(text, maxDepth);
  if (problem?.kind === 'too-deep') throw errors.jsonTooDeep(maxDepth);
  if (problem?.kind === 'lone-surrogate') throw errors.invalidJson(`${problem.unit} at position ${problem.at} is half of a surrogate pair, not a character`);
  try {
    return { value: JSON.parse(text) as unknown, text };
  } catch (error) {
    throw errors.invalidJson((error as Error).message);
  }
}

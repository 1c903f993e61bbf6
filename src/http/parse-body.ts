import { errors } from '../errors/catalogue.js';

/**
 * Reads a request body as JSON. An empty body is "no body" (undefined). A body that is not JSON,
 * or is sent with a non-JSON content type, is a 400 in the Whop envelope.
 */
export function parseBody(raw: Buffer | undefined, contentType: string | undefined): unknown {
  if (!raw || raw.length === 0) return undefined;
  const type = (contentType ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !type.endsWith('+json')) throw errors.unsupportedMediaType(type);
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw errors.invalidJson((error as Error).message);
  }
}

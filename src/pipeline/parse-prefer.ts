import { errors } from '../kernel/catalogue.js';
import type { Operation } from '../openapi/compile-operations.js';
import { declaredResponse, successStatus } from '../openapi/declared-response.js';

/** What a request asked for with `Prefer` (Prism's names, so Prism users feel at home). */
export interface Preferences {
  readonly code?: number;
  readonly example?: string;
  /** Data generated from the response schema. */
  readonly dynamic?: boolean;
  readonly delayMs?: number;
}

/** Longest delay one request (or one fault rule) may ask for by default (--max-delay-ms): keeps a typo from hanging a suite. */
export const MAX_DELAY_MS = 10_000;

/** No Prefer header (most requests): one shared, frozen answer rather than an object each. */
const NO_PREFERENCES: Preferences = Object.freeze({});

/**
 * `Prefer: code=404, example=notFound; dynamic=true, delay=250`: commas or semicolons, as Prism
 * accepts; values may be quoted, unknown preferences ignored (RFC 7240); a bad value is a 400.
 */
export function parsePrefer(header: string | undefined, maxDelayMs: number = MAX_DELAY_MS): Preferences {
  if (header === undefined) return NO_PREFERENCES;
  const found: { code?: number; example?: string; dynamic?: boolean; delayMs?: number } = {};
  for (const part of header.split(/[,;]/)) {
    const at = part.indexOf('=');
    const key = (at === -1 ? part : part.slice(0, at)).trim().toLowerCase();
    const value = at === -1 ? '' : unquote(part.slice(at + 1).trim());
    if (key === 'code') {
      if (!/^[1-5]\d\d$/.test(value)) throw errors.preferInvalid(`code must be an HTTP status from 100 to 599, got "${value}"`);
      found.code = Number(value);
    } else if (key === 'example') {
      if (value === '') throw errors.preferInvalid('example needs a name, e.g. example=notFound');
      found.example = value;
    } else if (key === 'dynamic') {
      if (value !== 'true' && value !== 'false') throw errors.preferInvalid(`dynamic must be true or false, got "${value}"`);
      found.dynamic = value === 'true';
    } else if (key === 'delay') {
      if (!/^\d+$/.test(value) || Number(value) > maxDelayMs) throw errors.preferInvalid(`delay must be whole milliseconds from 0 to ${maxDelayMs}, got "${value}"`);
      found.delayMs = Number(value);
    }
  }
  return found;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** A forced status must be declared (else it comes back as a violation); a named example must exist. */
export function checkPreferences(operation: Operation, preferences: Preferences): Preferences {
  const { code, example } = preferences;
  if (code !== undefined && declaredResponse(operation, code) === undefined) {
    throw errors.preferCodeUndeclared(code, operation.operationId, operation.responses.map((r) => r.status));
  }
  if (example !== undefined) {
    const status = code ?? successStatus(operation);
    const response = status === undefined ? undefined : declaredResponse(operation, status);
    const names = Object.keys(response?.examples ?? {});
    if (!names.includes(example)) throw errors.preferExampleUnknown(example, response?.status ?? 'success', names);
  }
  return preferences;
}

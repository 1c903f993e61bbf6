import { LIMITS } from '../config/limits.js';
import { errors } from '../errors/catalogue.js';

/** What a request asked for with `Prefer` (Prism's names, so Prism users feel at home). */
export interface Preferences {
  /** Force this response status. */
  readonly code?: number;
  /** Answer with the spec example of this name. */
  readonly example?: string;
  /** Answer with data generated from the response schema. */
  readonly dynamic?: boolean;
  /** Wait this long before answering. */
  readonly delayMs?: number;
}

/** Longest delay one request (or one fault rule) may ask for by default: keeps a typo from hanging a suite. */
export const MAX_DELAY_MS = LIMITS.maxDelayMs;

/** No Prefer header (most requests): one shared, frozen answer rather than an object each. */
const NO_PREFERENCES: Preferences = Object.freeze({});

/**
 * Reads `Prefer: code=404, example=notFound; dynamic=true, delay=250`. Preferences are separated
 * by commas or semicolons, as Prism accepts them; values may be quoted (RFC 7240). Preferences
 * this mock does not know (`return=minimal`, `respond-async`) are ignored, as RFC 7240 asks; a
 * known one with a bad value is a 400, never a guess.
 */
export function parsePrefer(header: string | undefined, maxDelayMs: number = MAX_DELAY_MS): Preferences {
  if (header === undefined) return NO_PREFERENCES;
  const found: { code?: number; example?: string; dynamic?: boolean; delayMs?: number } = {};
  for (const part of header.split(/[,;]/)) {
    const at = part.indexOf('=');
    const key = (at === -1 ? part : part.slice(0, at)).trim().toLowerCase();
    const value = at === -1 ? '' : unquote(part.slice(at + 1).trim());
    if (key === 'code') found.code = status(value);
    else if (key === 'example') found.example = example(value);
    else if (key === 'dynamic') found.dynamic = flag(value);
    else if (key === 'delay') found.delayMs = delay(value, maxDelayMs);
  }
  return found;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function status(value: string): number {
  if (!/^[1-5]\d\d$/.test(value)) throw errors.preferInvalid(`code must be an HTTP status from 100 to 599, got "${value}"`);
  return Number(value);
}

function example(value: string): string {
  if (value === '') throw errors.preferInvalid('example needs a name, e.g. example=notFound');
  return value;
}

function flag(value: string): boolean {
  if (value !== 'true' && value !== 'false') throw errors.preferInvalid(`dynamic must be true or false, got "${value}"`);
  return value === 'true';
}

function delay(value: string, max: number): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms > max) {
    throw errors.preferInvalid(`delay must be whole milliseconds from 0 to ${max}, got "${value}"`);
  }
  return ms;
}

import { createRequire } from 'node:module';
import { isObject, type JsonObject } from '../kernel/json-pointer.js';
import { SpecError } from './spec-error.js';

// yaml is loaded on first parse only: a start that finds a compiled form of the specs never parses them.
const require = createRequire(import.meta.url);

/** One document file of a specs folder, read but not parsed. */
export interface SpecFile {
  /** The file name inside the folder (unique there; what compiled forms refer to). */
  readonly name: string;
  /** The path as messages show it: relative to the working directory when inside it. */
  readonly file: string;
  readonly text: string;
}

/** One OpenAPI document as read from disk, with the API version it belongs to. */
export interface SpecDocument {
  file: string;
  /** The file name inside the specs folder. */
  name: string;
  version: string;
  /** The Api-Version-Date values that select this version: `info.x-api-version-dates` plus its own date. */
  versionDates: string[];
  document: JsonObject;
}

const DATE = /^(\d{4}-\d{2}-\d{2})/;

/** A document's version is `info.x-api-version`, else the date its file name starts with. */
export function parseSpecFiles(files: readonly SpecFile[]): SpecDocument[] {
  return files.map(({ name, file, text }) => {
    const { parse } = require('yaml') as typeof import('yaml');
    let document: unknown;
    try {
      document = parse(text, { prettyErrors: true });
    } catch (error) {
      throw new SpecError(file, `not valid YAML/JSON: ${(error as Error).message.split('\n')[0]}`);
    }
    if (!isObject(document) || typeof document.openapi !== 'string') {
      throw new SpecError(file, 'not an OpenAPI document (no "openapi" field)');
    }
    if (!document.openapi.startsWith('3.1')) {
      throw new SpecError(file, `OpenAPI ${document.openapi} is not supported; use 3.1 (JSON Schema 2020-12)`);
    }
    const info = isObject(document.info) ? document.info : {};
    const declared = typeof info['x-api-version'] === 'string' ? info['x-api-version'] : undefined;
    const version = declared ?? DATE.exec(name)?.[1];
    if (!version || !isCalendarDate(version)) {
      throw new SpecError(file, 'cannot tell its API version: set info.x-api-version to a YYYY-MM-DD date or start the file name with one');
    }
    return { file, name, version, versionDates: versionDatesOf(info['x-api-version-dates'], version, file), document };
  });
}

/** `info.x-api-version-dates`: calendar dates, none before the version they select. */
function versionDatesOf(raw: unknown, version: string, file: string): string[] {
  if (raw === undefined) return [version];
  if (!Array.isArray(raw) || raw.some((date) => typeof date !== 'string' || !isCalendarDate(date))) {
    throw new SpecError(file, 'info.x-api-version-dates must be a list of YYYY-MM-DD dates (the Api-Version-Date values that select this version)');
  }
  const early = (raw as string[]).find((date) => date < version);
  if (early !== undefined) throw new SpecError(file, `info.x-api-version-dates: ${early} is before the version it would select (${version})`);
  return [...new Set([version, ...(raw as string[])])].sort();
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Every recognized Api-Version-Date -> its version, sorted by date; two versions cannot claim one date. */
export function versionDates(documents: readonly SpecDocument[]): Map<string, string> {
  const claimed = new Map<string, SpecDocument>();
  for (const source of documents) {
    for (const date of source.versionDates) {
      const other = claimed.get(date);
      if (other !== undefined && other.version !== source.version) {
        throw new SpecError(source.file, `Api-Version-Date ${date} selects version ${source.version} here and ${other.version} in ${other.file}`);
      }
      claimed.set(date, source);
    }
  }
  return new Map([...claimed].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, source]) => [date, source.version]));
}

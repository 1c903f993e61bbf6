import fc, { type Arbitrary } from 'fast-check';

type Schema = Record<string, unknown>;

/** Values of the Whop domain a field may take, so valid requests hit real records, not only 404s. */
export interface Domain {
  /** Field name (body, query or path) -> good values for it. */
  readonly byName: Readonly<Record<string, readonly string[]>>;
}

/**
 * An arbitrary of values valid for a JSON Schema (the subset the Whop specs use: type or type
 * lists, enum, const, pattern, min/maxLength, formats, integer ranges, arrays, objects with
 * required and additionalProperties, oneOf/anyOf). `$ref`s are resolved through `resolve`.
 * A field named in the domain draws mostly from its good values.
 */
export function arbitraryFor(schema: unknown, resolve: (ref: string) => unknown, domain: Domain, name = ''): Arbitrary<unknown> {
  const s = deref(schema, resolve);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const choices = (s.oneOf ?? s.anyOf) as unknown[] | undefined;
  if (Array.isArray(choices)) return fc.oneof(...choices.map((choice) => arbitraryFor(choice, resolve, domain, name)));
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : ['string'];
  return fc.oneof(...types.map((type) => typed(type, s, resolve, domain, name)));
}

function typed(type: string, s: Schema, resolve: (ref: string) => unknown, domain: Domain, name: string): Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: num(s.minimum, -1000), max: num(s.maximum, 1000) });
    case 'number':
      return fc.double({ min: num(s.minimum, -1000), max: num(s.maximum, 1000), noNaN: true });
    case 'array': {
      const items = arbitraryFor(s.items ?? {}, resolve, domain, name);
      return fc.array(items, { minLength: num(s.minItems, 0), maxLength: Math.min(num(s.maxItems, 4), 4) });
    }
    case 'object':
      return objectOf(s, resolve, domain);
    default:
      return stringFor(s, domain, name);
  }
}

function objectOf(s: Schema, resolve: (ref: string) => unknown, domain: Domain): Arbitrary<unknown> {
  const properties = (s.properties ?? {}) as Record<string, unknown>;
  const required = new Set((s.required ?? []) as string[]);
  const model: Record<string, Arbitrary<unknown>> = {};
  for (const [key, value] of Object.entries(properties)) model[key] = arbitraryFor(value, resolve, domain, key);
  const keys = Object.keys(model);
  const min = num(s.minProperties, 0);
  return fc.record(model, { requiredKeys: keys.filter((key) => required.has(key)) }).filter((value) => Object.keys(value as object).length >= min);
}

function stringFor(s: Schema, domain: Domain, name: string): Arbitrary<string> {
  const good = domain.byName[name];
  const min = num(s.minLength, 0);
  const max = Math.min(num(s.maxLength, 60), 60);
  let shaped: Arbitrary<string>;
  if (s.format === 'date-time') shaped = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  else if (s.format === 'date') shaped = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  else if (s.format === 'uri') shaped = fc.webUrl();
  else if (typeof s.pattern === 'string') shaped = fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= min && v.length <= max);
  else shaped = fc.string({ minLength: min, maxLength: Math.max(min, max), unit: 'grapheme' });
  return good === undefined || good.length === 0 ? shaped : fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: shaped });
}

function deref(schema: unknown, resolve: (ref: string) => unknown): Schema {
  let current = (schema ?? {}) as Schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 20; hops += 1) current = resolve(current.$ref) as Schema;
  return current;
}

const num = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback);

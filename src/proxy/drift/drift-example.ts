import { escapeSegment } from '../../kernel/json-pointer.js';
import { redactBody, redactedValue } from '../../state/journal/redact-body.js';
import { isSecretName } from '../../kernel/secret-name.js';

/** Where the example points: an extra property's own value, not the whole object that holds it. */
export function examplePointer(violation: { pointer: string; rule: string }): string {
  const extra = /^additionalProperties: property "(.+)" is not allowed/.exec(violation.rule)?.[1];
  return extra === undefined ? violation.pointer : `${violation.pointer}/${escapeSegment(extra)}`;
}

/**
 * A violating value as the report shows it: redacted, at most 200 characters of JSON; under a
 * secret name (`/password`, `/data/0/user/api_key`) the name, never the value.
 */
export function example(value: unknown, pointer: string): unknown {
  const secret = pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')).find((name) => isSecretName(name));
  if (secret !== undefined) return value === undefined ? '(absent)' : redactedValue(secret, value);
  const redacted = redactBody(value);
  const text = JSON.stringify(redacted);
  if (text === undefined) return '(absent)';
  return text.length <= 200 ? redacted : `${text.slice(0, 200)}…`;
}

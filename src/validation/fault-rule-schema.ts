/** Most steps in one sequence. */
export const MAX_SEQUENCE_STEPS = 100;

/** What a rule, or one step of its sequence, does to the request it matches. */
const EFFECTS = {
  status: { type: 'integer', minimum: 200, maximum: 599 },
  body: {},
  delay_ms: { type: 'integer', minimum: 0 },
  drop: { const: true },
} as const;

/**
 * What a posted fault rule may hold (src/control/fault-rule-checker.ts checks the rest). It is one
 * schema for every mock, whatever its `maxDelayMs` (that bound is checked in code), so it is
 * compiled with the spec's validators and ships precompiled with them: adding a fault rule never
 * compiles a schema, which a page under a strict Content-Security-Policy could not do.
 */
export const FAULT_RULE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    operationId: { type: 'string', minLength: 1 },
    method: { type: 'string', pattern: '^[A-Za-z]+$' },
    path: { type: 'string', pattern: '^/' },
    query: { type: 'object', minProperties: 1 },
    header: { type: 'object', minProperties: 1, propertyNames: { pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$" }, additionalProperties: { type: 'string' } },
    request_body: { type: 'object', minProperties: 1 },
    token: { type: 'string', minLength: 1 },
    token_kind: { enum: ['user_oauth_token', 'account_api_key', 'app_api_key'] },
    account_id: { type: 'string', minLength: 1 },
    ...EFFECTS,
    times: { type: 'integer', minimum: 1 },
    sequence: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_SEQUENCE_STEPS,
      items: { type: 'object', additionalProperties: false, properties: { ...EFFECTS, pass: { const: true } } },
    },
  },
} as const;

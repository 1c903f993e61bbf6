import type { CompiledSpec } from '../../../src/openapi/compile-operations.js';
import { RouteTable } from '../../../src/openapi/route-table.js';
import { errorEnvelopeValidator } from '../../../src/bundle/error-envelope-validator.js';
import { recordValidators } from '../../../src/bundle/compiled-records.js';
import type { Fixtures } from '../../../src/world/records.js';
import { AjvValidators } from '../../../src/validation/ajv-validators.js';
import { checkResponse } from '../../../src/validation/check-response.js';
import { SpecValidators } from '../../../src/validation/spec-validators.js';

export interface Reply {
  readonly status: number;
  readonly version: string | null;
  readonly text: string;
}

/**
 * The fuzz's judge, independent of the server's own response check (the fuzzed server runs with
 * response validation off): every answer is JSON that validates against the schema its
 * operation declares for its status in the version that served it (or the error envelope when
 * no operation matched), and nothing is a 5xx unless the request forced one.
 */
export function responseOracle(spec: CompiledSpec): (method: string, path: string, forced: boolean, reply: Reply) => string | null {
  // Compiled here by Ajv, not the server's precompiled or cached validators: an independent judge.
  const validators = new SpecValidators(spec, new AjvValidators(spec.schemaDocuments, spec.formats));
  const envelope = errorEnvelopeValidator(spec, validators);
  const routes = new Map(spec.versions.map((version) => [version, new RouteTable(spec.operations.get(version) ?? [])]));
  return (method, path, forced, reply) => {
    if (reply.status >= 500 && !forced) return `answered ${reply.status} without being asked to: ${reply.text.slice(0, 300)}`;
    let body: unknown;
    try {
      body = JSON.parse(reply.text);
    } catch {
      return `answered ${reply.status} with a body that is not JSON: ${JSON.stringify(reply.text.slice(0, 200))}`;
    }
    const route = reply.version === null ? undefined : routes.get(reply.version)?.match(method, path.replace(/^\/api\/v1(?=\/|$)/, '') || '/');
    // An error about the mock itself (README: a session over --session-bytes is a 413
    // `mock_session_full`) is the generic envelope, not a contract answer of the operation.
    if (route?.kind === 'match' && !isMockLevel(reply.status, body)) {
      const violation = checkResponse(validators.for(route.operation), reply.status, body);
      return violation === null ? null : `${route.operation.operationId}@${reply.version} ${reply.status} breaks its schema at ${violation.pointer || '/'}: ${violation.rule}`;
    }
    if (envelope !== null && !envelope(body)) return `${reply.status} is not the Whop error envelope: ${reply.text.slice(0, 200)}`;
    return null;
  };
}

const MOCK_LEVEL = new Map([[413, ['mock_session_full']], [503, ['mock_store_unavailable', 'mock_store_busy', 'mock_store_mismatch']]]);

function isMockLevel(status: number, body: unknown): boolean {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' && (MOCK_LEVEL.get(status) ?? []).includes(code);
}

/** The store holds only valid records, and usernames are unique (case-insensitively). */
export function storeOracle(): (state: Fixtures) => string | null {
  const validators = recordValidators();
  return (state) => {
    const seen = new Map<string, string>();
    for (const user of state.users.values()) {
      const problem = validators.users(user);
      if (problem !== undefined) return `user ${user.id} is invalid at ${problem[0]?.pointer}: ${problem[0]?.message}`;
      const key = user.username.toLowerCase();
      const holder = seen.get(key);
      if (holder !== undefined) return `users ${holder} and ${user.id} share the username "${user.username}"`;
      seen.set(key, user.id);
    }
    for (const member of state.members.values()) {
      const problem = validators.members(member);
      if (problem !== undefined) return `member ${member.id} is invalid at ${problem[0]?.pointer}: ${problem[0]?.message}`;
    }
    return null;
  };
}

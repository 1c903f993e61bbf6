import { FixtureError } from '../store/fixture-error.js';
import { BALANCE_SCOPE } from '../handlers/users/user-view.js';
import type { CompiledSpec } from '../openapi/compile-operations.js';
import type { TokenRecord } from '../store/records.js';

/**
 * Fail at start: a fixture token holding a scope no operation of any version asks for is almost
 * certainly a typo (`user:profle:read`), which would otherwise show up later as a puzzling 403.
 */
export function checkTokenScopes(spec: CompiledSpec, tokens: readonly TokenRecord[], fixturesDir: string): void {
  const known = knownScopes(spec);
  tokens.forEach((token, index) => {
    token.scopes.forEach((scope, at) => {
      if (!known.has(scope)) {
        throw new FixtureError(`${fixturesDir}/tokens.json`, `/scopes/${at} "${scope}" is not a scope any operation in the specs uses (known: ${[...known].sort().join(', ')})`, { index, id: token.token, pointer: `/scopes/${at}` });
      }
    });
  });
}

export function knownScopes(spec: CompiledSpec): Set<string> {
  const known = new Set<string>([BALANCE_SCOPE]);
  for (const operations of spec.operations.values()) {
    for (const operation of operations) {
      for (const scope of operation.scopes ?? []) known.add(scope);
      for (const scope of Object.values(operation.fieldScopes)) known.add(scope);
    }
  }
  return known;
}

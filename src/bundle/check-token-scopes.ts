import { FixtureError } from '../world/fixture-error.js';
import { BALANCE_SCOPE } from '../domain/users/user-view.js';
import type { CompiledSpec } from '../openapi/compile-operations.js';
import type { TokenRecord } from '../world/records.js';

/** Fail at start: a token scope no operation asks for is a typo (`user:profle:read`), not a later 403. */
export function checkTokenScopes(spec: CompiledSpec, tokens: readonly TokenRecord[], fixturesDir: string): void {
  const known = knownScopes(spec);
  tokens.forEach((token, index) => {
    const at = token.scopes.findIndex((scope) => !known.has(scope));
    if (at !== -1) {
      throw new FixtureError(`${fixturesDir}/tokens.json`, `/scopes/${at} "${token.scopes[at]}" is not a scope any operation in the specs uses (known: ${[...known].sort().join(', ')})`, { index, id: token.token, pointer: `/scopes/${at}` });
    }
  });
}

export function knownScopes(spec: CompiledSpec): Set<string> {
  const known = new Set<string>([BALANCE_SCOPE]);
  for (const operation of [...spec.operations.values()].flat()) {
    for (const scope of operation.scopes ?? []) known.add(scope);
    for (const scope of Object.values(operation.fieldScopes)) known.add(scope);
  }
  return known;
}

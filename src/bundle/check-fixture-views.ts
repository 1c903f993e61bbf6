import { FixtureError } from '../world/fixture-error.js';
import { userView } from '../domain/users/user-view.js';
import type { CompiledSpec } from '../openapi/compile-operations.js';
import type { World } from '../world/world.js';
import { checkResponse, projectResponse } from '../validation/check-response.js';
import type { SpecValidators } from '../validation/spec-validators.js';

/** Fail at start: every fixture user, as each version would serve it (the fullest view), must validate. */
export function checkFixtureViews(spec: CompiledSpec, validators: SpecValidators, world: World, fixtureUserIds: readonly string[], fixturesDir: string): void {
  const state = world.createState();
  for (const version of spec.versions) {
    const operation = spec.operations.get(version)?.find((op) => op.operationId === 'retrieveUser');
    if (!operation) continue;
    const compiled = validators.for(operation);
    fixtureUserIds.forEach((id, index) => {
      const user = state.users.get(id);
      if (!user) return;
      const body = userView(state, user, { withBalances: true });
      projectResponse(compiled, 200, body);
      const violation = checkResponse(compiled, 200, body);
      if (violation) {
        throw new FixtureError(`${fixturesDir}/users.json`, `as served by API version ${version} (${operation.operationId}), ${violation.pointer || '/'} breaks ${violation.rule}`, { index, id, pointer: violation.pointer });
      }
    });
  }
}

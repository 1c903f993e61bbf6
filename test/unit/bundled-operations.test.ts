import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/bundle/spec-files.js';
import { bundledOperations } from '../../src/control/bundled-operations.js';
import { nearestName } from '../../src/control/nearest-name.js';
import { compileOperations } from '../../src/openapi/compile-operations.js';
import { operationNamesSource } from '../../src/openapi/operation-names-source.js';

// In-process fault rules are typed from the bundled specs (src/control/typed-fault-rule.ts): the
// literal types come from a generated file, which must say what specs/ says.
describe('the operation names generated from specs/', () => {
  it('src/control/bundled-operations.ts is what `npm run gen:operations` makes from specs/ (run it after editing a spec)', () => {
    expect(readFileSync('src/control/bundled-operations.ts', 'utf8')).toBe(operationNamesSource(compileOperations(loadSpecs('specs'))));
  });

  it('lists every operation with the statuses it declares', () => {
    expect(Object.keys(bundledOperations)).toEqual(['checkUserAccess', 'listMembers', 'listUsers', 'retrieveMember', 'retrieveUser', 'updateCurrentUser', 'updateUser']);
    expect(bundledOperations.updateUser).toContain(422);
    expect(bundledOperations.retrieveUser).not.toContain(422);
  });
});

describe('nearestName', () => {
  const known = Object.keys(bundledOperations);
  it.each([
    ['retrieveUsr', 'retrieveUser'],
    ['RetrieveUser', 'retrieveUser'],
    ['listMember', 'listMembers'],
    ['updateCurentUser', 'updateCurrentUser'],
  ])('%s -> %s', (typo, expected) => {
    expect(nearestName(typo, known)).toBe(expected);
  });

  it('suggests nothing for a name close to none', () => {
    expect(nearestName('createPayment', known)).toBeUndefined();
  });
});

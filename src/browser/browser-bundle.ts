import type { Bundle } from '../bundle/bundle.js';
import { checkFixtureViews } from '../bundle/check-fixture-views.js';
import { checkTokenScopes } from '../bundle/check-token-scopes.js';
import { reviveSpec } from '../openapi/spec-artifact.js';
import { SpecValidators } from '../validation/spec-validators.js';
import { exportedValidators, madeValidators } from '../validation/validator-source.js';
import { deepFreeze } from '../world/collection-base.js';
import { fixtureKindNames, fixtureKinds } from '../world/fixture-kinds.js';
import { parseFixtures } from '../world/load-fixtures.js';
import { recordValidatorsFrom, type KindValidates } from '../world/record-validators.js';
import type { Fixtures, FixtureKind, KindRecords } from '../world/records.js';
import { World } from '../world/world.js';
import type { BrowserInputs } from './bundled-inputs.js';

/** A starting world given as values: one array of records per kind (a kind left out is empty). */
export type FixtureValues = { readonly [K in FixtureKind]?: readonly KindRecords[K][] };

/** How messages name fixtures given as values (the bundled ones are the package's fixtures/ files). */
const GIVEN = 'fixtures (given to createMock)';

/**
 * The bundle a browser mock serves, from what the build compiled and the fixtures as values, with
 * the checks of a Node start (a bad record rejects naming kind, record and field). No generated users.
 */
export function browserBundle(inputs: BrowserInputs, given?: FixtureValues): Bundle {
  const files = inputs.specFiles.map(({ name, file }) => ({ name, file, text: '' }));
  const spec = reviveSpec(inputs.spec, files);
  if (spec === undefined) throw new Error('whop-mock/browser: the compiled specs name a document the build did not list');
  // The build's validator modules are imported, never evaluated from text: a page without 'unsafe-eval' runs them. One missing stops start-up (no compiler here).
  const { request, response } = inputs.validators;
  const validators = new SpecValidators(spec, madeValidators({ request: exportedValidators(request.module, request.exports), response: exportedValidators(response.module, response.exports) }));
  const records = recordValidatorsFrom(kindValidates(inputs.records));
  const values: FixtureValues = given ?? inputs.fixtures;
  const dir = given === undefined ? 'fixtures' : GIVEN;
  const texts = Object.fromEntries(fixtureKindNames.map((kind) => [kind, values[kind] === undefined ? undefined : JSON.stringify(values[kind])])) as { [K in FixtureKind]: string | undefined };
  const fixtures: Fixtures = parseFixtures({ texts, fileOf: (kind) => `${dir}/${fixtureKinds[kind].file}` }, records);
  const world = new World(fixtures);
  checkFixtureViews(spec, validators, world, fixtures.users.map((user) => user.id), dir);
  checkTokenScopes(spec, fixtures.tokens, dir);
  return {
    spec: deepFreeze(spec),
    validators,
    records,
    world,
    worldKey: 'browser',
    fingerprint: given === undefined ? inputs.fingerprint : `${inputs.fingerprint}:given`,
    from: { specs: 'precompiled', records: 'precompiled', world: 'built' },
  };
}

function kindValidates(module: Readonly<Record<string, unknown>>): KindValidates {
  for (const kind of fixtureKindNames) if (typeof module[kind] !== 'function') throw new Error(`precompiled record validators: no ${kind}`);
  return module as unknown as KindValidates;
}

import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/bundle/spec-files.js';
import { valueAt } from '../../src/kernel/json-pointer.js';
import { compileOperations, type CompiledSpec, type Operation } from '../../src/openapi/compile-operations.js';
import { parseSpecFiles } from '../../src/openapi/load-specs.js';
import { servedDocument } from '../../src/openapi/served-document.js';
import { AjvValidators } from '../../src/validation/ajv-validators.js';
import { ViolationExplainer } from '../../src/validation/explain-violation.js';
import type { LateValidators } from '../../src/validation/validator-source.js';

// Every error of a failing body, each placed at the schema keyword it broke in the document the
// mock serves for the version: through $refs, items, anyOf branches, components/responses, an
// inline schema, and a component renamed where a version inherits an operation.
const late = (spec: CompiledSpec): LateValidators => (options) => new AjvValidators(spec.schemaDocuments, spec.formats, options);
const op = (spec: CompiledSpec, version: string, id: string) => spec.operations.get(version)?.find((o) => o.operationId === id) as Operation;
const placed = (spec: CompiledSpec, version: string, pointer: string | null) => valueAt(servedDocument(spec, version, 'http://x'), (pointer ?? '#').slice(1));

describe('ViolationExplainer with the bundled specs', () => {
  const spec = compileOperations(loadSpecs('specs'));
  const explainer = new ViolationExplainer(spec, late(spec));

  it('places errors inside referenced schemas, list items and a $ref behind anyOf', () => {
    const body = { data: [{ id: 5, username: 'a', name: 'n', bio: null, created_at: '2020-01-01T00:00:00Z', profile_picture: { url: 7 } }], page_info: {} };
    const { errors, count } = explainer.explain(op(spec, '2025-01-01', 'listUsers'), 200, body, '2025-01-01');
    const byPointer = Object.fromEntries(errors.map((e) => [`${e.pointer} ${e.rule.split(':')[0]}`, e.schema_pointer]));
    expect(byPointer['/data/0/id type']).toBe('#/components/schemas/User/properties/id/type');
    expect(byPointer['/page_info required']).toBe('#/components/schemas/PageInfo/required');
    expect(byPointer['/data/0/profile_picture/url type']).toMatch(/^#\/components\/schemas\/ProfilePicture\/properties\/url\/type$/);
    expect(count).toBe(errors.length);
    for (const error of errors) expect([error.pointer, placed(spec, '2025-01-01', error.schema_pointer)]).not.toEqual([error.pointer, undefined]);
  });

  it('an error status answered through components/responses, and an undeclared status', () => {
    const { errors } = explainer.explain(op(spec, '2026-06-09', 'retrieveUser'), 404, { error: { type: 'not_found' } }, '2026-06-09');
    expect(errors.length).toBeGreaterThan(1);
    for (const error of errors) expect(placed(spec, '2026-06-09', error.schema_pointer)).toBeDefined();
    expect(explainer.explain(op(spec, '2026-06-09', 'retrieveUser'), 418, {}, '2026-06-09').errors).toEqual([
      { pointer: '', rule: 'status 418 is not declared for this operation', schema_pointer: '#/paths/~1users~1{id}/get/responses' },
    ]);
  });

  it('caps the list at 50 errors and counts them all', () => {
    const body = { data: Array.from({ length: 60 }, () => ({ id: 1 })), page_info: {} };
    const { errors, count } = explainer.explain(op(spec, '2025-01-01', 'listUsers'), 200, body, '2025-01-01');
    expect(errors).toHaveLength(50);
    expect(count).toBeGreaterThan(60);
  });
});

describe('ViolationExplainer with an inline schema and an inherited operation', () => {
  const doc = (version: string, thing: string, paths: string) => `openapi: 3.1.0
info: { title: t, version: '1', x-api-version: '${version}' }
paths:
${paths}
components:
  schemas:
    Thing: ${thing}
`;
  const v1 = doc('2025-01-01', '{ type: object, required: [size], properties: { size: { type: integer } } }', `  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [count]
                properties:
                  count: { type: integer }
                  thing: { $ref: '#/components/schemas/Thing' }`);
  const v2 = doc('2026-01-01', '{ type: string }', `  /other:
    get:
      operationId: other
      responses:
        '200': { description: ok }`);
  const spec = compileOperations(parseSpecFiles([{ name: '2025-01-01.yaml', file: 'a', text: v1 }, { name: '2026-01-01.yaml', file: 'b', text: v2 }]));
  const explainer = new ViolationExplainer(spec, late(spec));

  it('an inline response schema is placed under its operation; a component the newer version renames, under its new name', () => {
    const { errors } = explainer.explain(op(spec, '2026-01-01', 'listThings'), 200, { count: 'x', thing: { size: 'big' } }, '2026-01-01');
    expect(errors.map((e) => [e.pointer, e.schema_pointer])).toEqual([
      ['/count', '#/paths/~1things/get/responses/200/content/application~1json/schema/properties/count/type'],
      ['/thing/size', '#/components/schemas/Thing_2025-01-01/properties/size/type'],
    ]);
    for (const error of errors) expect(placed(spec, '2026-01-01', error.schema_pointer)).toBe('integer');
    // In its own version the component keeps its name.
    expect(explainer.explain(op(spec, '2025-01-01', 'listThings'), 200, { count: 1, thing: { size: 'big' } }, '2025-01-01').errors[0]?.schema_pointer).toBe('#/components/schemas/Thing/properties/size/type');
  });
});

// Writes src/control/bundled-operations.ts from specs/: the operationIds and the statuses each
// declares, as literal types for in-process fault rules. test/unit/bundled-operations.test.ts
// fails when the file no longer matches the specs (run `npm run gen:operations` after editing them).
import { writeFileSync } from 'node:fs';
import { loadSpecs } from '../dist/bundle/spec-files.js';
import { compileOperations } from '../dist/openapi/compile-operations.js';
import { operationNamesSource } from '../dist/openapi/operation-names-source.js';

const specs = new URL('../specs/', import.meta.url).pathname;
writeFileSync(new URL('../src/control/bundled-operations.ts', import.meta.url), operationNamesSource(compileOperations(loadSpecs(specs))));
console.log('wrote src/control/bundled-operations.ts');

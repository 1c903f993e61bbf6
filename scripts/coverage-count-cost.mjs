// What counting coverage adds to one request, alone: CoverageCounter.count (src/pipeline/
// count-coverage.ts) into the memory store's tally, for the outcomes of a GET by id, a PATCH with
// two body fields and a 404, as the pipeline hands them over. CPU time (process.cpuUsage) over
// 1,000,000 calls after 200,000 to warm up, five times; prints the median and range in ns.
// Usage: node scripts/coverage-count-cost.mjs   (after npm run build; taskset -c 1 in front)
import { loadSpecs } from '../dist/bundle/spec-files.js';
import { compileOperations } from '../dist/openapi/compile-operations.js';
import { CoverageCounter } from '../dist/pipeline/count-coverage.js';
import { MemoryCoverage } from '../dist/state/memory-coverage.js';

const spec = compileOperations(loadSpecs(new URL('../specs', import.meta.url).pathname));
const LATEST = '2026-06-09';
const operation = (id) => spec.operations.get(LATEST).find((op) => op.operationId === id);
const mode = { tokenKind: () => () => undefined };
const session = { name: 'default' };
const headers = { authorization: 'Bearer tok_user_alex_full', 'api-version-date': LATEST };
const user = { kind: 'user_oauth_token' };
const CASES = {
  'GET /users/{id} 200': [{ method: 'GET', path: '/users/user_maya7Kd2', search: '', headers }, { operation: operation('retrieveUser'), version: LATEST, status: 200, query: Object.create(null), principal: user, forced: false }, { status: 200, dropped: false, body: {} }],
  'PATCH /users/me 200, 2 body fields': [{ method: 'PATCH', path: '/users/me', search: '', headers }, { operation: operation('updateCurrentUser'), version: LATEST, status: 200, query: Object.create(null), principal: user, forced: false, bodyFields: ['name', 'bio'] }, { status: 200, dropped: false, body: {} }],
  'GET /users/{id} 404': [{ method: 'GET', path: '/users/nobody', search: '', headers }, { operation: operation('retrieveUser'), version: LATEST, status: 404, query: Object.create(null), principal: user, forced: false }, { status: 404, dropped: false, body: { error: { type: 'not_found', message: 'x', code: 'resource_not_found', param: 'id' } } }],
};
const CALLS = 1_000_000;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const [name, [request, outcome, response]] of Object.entries(CASES)) {
  const counter = new CoverageCounter(new MemoryCoverage(1000), spec.schemaDocuments, spec.versions, new Map());
  for (let i = 0; i < 200_000; i += 1) counter.count(request, session, outcome, response, mode);
  const runs = [];
  for (let run = 0; run < 5; run += 1) {
    const started = process.cpuUsage();
    for (let i = 0; i < CALLS; i += 1) counter.count(request, session, outcome, response, mode);
    const used = process.cpuUsage(started);
    runs.push(((used.user + used.system) * 1000) / CALLS);
  }
  console.log(`- ${name}: ${median(runs).toFixed(0)} ns CPU per count (${Math.min(...runs).toFixed(0)}–${Math.max(...runs).toFixed(0)})`);
}

#!/usr/bin/env node
// Lints every specs/*.yaml with Redocly's `recommended` ruleset (npm run lint:specs).
// Prints each problem as file:line:col, then a summary; exits 1 on any error (warnings are
// printed but do not fail the run, as in `redocly lint`).
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConfig, getLineColLocation, getTotals, lint } from '@redocly/openapi-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const specsDir = join(root, 'specs');

const config = await createConfig({
  extends: ['recommended'],
  rules: {
    // Whop publishes no license for its API description, and inventing one would misstate it.
    'info-license': 'off',
    'info-license-strict': 'off',
    // Stricter than recommended: an example that breaks its own schema is the seeds' mistake we
    // must not copy, and Prism serves these examples. `allowAdditionalProperties: true` only
    // drops Redocly's implicit unevaluatedProperties:false, which also lands on if/then
    // subschemas and rejects valid examples; every object schema here already states
    // additionalProperties: false itself.
    'no-invalid-media-type-examples': { severity: 'error', allowAdditionalProperties: true },
    'no-invalid-parameter-examples': 'error',
    'no-invalid-schema-examples': 'error',
  },
});

const files = readdirSync(specsDir)
  .filter((name) => /\.ya?ml$/i.test(name))
  .sort()
  .map((name) => join(specsDir, name));

if (files.length === 0) {
  console.error(`lint-specs: no *.yaml files in ${relative(process.cwd(), specsDir) || specsDir}`);
  process.exit(1);
}

let errors = 0;
let warnings = 0;
for (const file of files) {
  let problems;
  try {
    problems = await lint({ ref: file, config });
  } catch (error) {
    // Redocly throws on YAML it cannot parse; report it like any other error.
    errors += 1;
    const at = error.line ? `:${error.line}:${error.col}` : '';
    const reason = error.originalError?.reason ?? error.message.split('\n')[0];
    console.log(`${relative(root, file)}${at} error [yaml] ${reason}`);
    console.log(`FAIL  ${relative(root, file)}: not parseable`);
    continue;
  }
  const totals = getTotals(problems);
  errors += totals.errors;
  warnings += totals.warnings;
  for (const problem of problems) console.log(describe(problem));
  const state = totals.errors > 0 ? 'FAIL' : 'ok';
  console.log(`${state}  ${relative(root, file)}: ${totals.errors} error(s), ${totals.warnings} warning(s)`);
}

console.log(`lint-specs: ${files.length} file(s), ${errors} error(s), ${warnings} warning(s)`);
process.exit(errors > 0 ? 1 : 0);

/** `specs/x.yaml:12:5 error [rule-id] message` for the first location of a problem. */
function describe(problem) {
  const location = problem.location[0];
  let where = '(unknown location)';
  if (location) {
    const { source, start } = getLineColLocation(location);
    const path = relative(root, fileURLToPath(new URL(source.absoluteRef, 'file://')));
    where = start ? `${path}:${start.line}:${start.col}` : path;
  }
  return `${where} ${problem.severity} [${problem.ruleId}] ${problem.message}`;
}

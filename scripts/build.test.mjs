// Checks of the build's freshness logic (npm run build:check, part of npm test).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { inputsFingerprint } from './build-inputs.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

test('the fingerprint changes when an input file is edited, touched, added or removed, and only then', () => {
  const root = mkdtempSync(join(tmpdir(), 'whop-mock-build-'));
  mkdirSync(join(root, 'src', 'a'), { recursive: true });
  writeFileSync(join(root, 'src', 'a', 'x.ts'), 'export const x = 1;\n');
  writeFileSync(join(root, 'tsconfig.json'), '{}');
  const inputs = ['src', 'tsconfig.json', 'missing.json'];
  const first = inputsFingerprint(root, inputs);
  assert.equal(inputsFingerprint(root, inputs), first, 'nothing changed');
  writeFileSync(join(root, 'outside.txt'), 'not an input');
  assert.equal(inputsFingerprint(root, inputs), first, 'a file that is not an input');
  writeFileSync(join(root, 'src', 'a', 'x.ts'), 'export const x = 2;\n');
  const edited = inputsFingerprint(root, inputs);
  assert.notEqual(edited, first, 'an edit');
  utimesSync(join(root, 'src', 'a', 'x.ts'), new Date(2001, 1, 1), new Date(2001, 1, 1));
  const touched = inputsFingerprint(root, inputs);
  assert.notEqual(touched, edited, 'a new modification time');
  writeFileSync(join(root, 'src', 'a', 'y.ts'), '');
  const added = inputsFingerprint(root, inputs);
  assert.notEqual(added, touched, 'a new file');
  rmSync(join(root, 'src', 'a', 'y.ts'));
  assert.equal(inputsFingerprint(root, inputs), touched, 'back as it was');
  rmSync(root, { recursive: true, force: true });
});

test('an up-to-date checkout starts without building (npm test built it just before)', () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, '', 'nothing built, nothing printed');
});

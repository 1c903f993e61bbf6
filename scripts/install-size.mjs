// What `npm i whop-mock` costs a user: packs this repository (prepack builds dist/), installs the
// tarball into an empty folder with `npm i --omit=dev` (its dependencies from the npm registry, or
// npm's cache), and prints the date, the number of packages, the size of node_modules and the faker
// copies in it. With --docker, also builds and runs the Docker image through the shared
// container-smoke.sh (needs root) and prints the image's size. With --max-mb N, exits 1 when
// node_modules is larger than N MB (the CI's bound; docs/install.md).
// Usage: node scripts/install-size.mjs [--docker] [--max-mb 30] [--json]
// Sizes are disk use (the blocks `du -s` counts, so many small files do not flatter the figure), in
// MB of 2^20 bytes, as `du -sh` shows them; the file contents' own total is printed beside.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { docker: { type: 'boolean', default: false }, 'max-mb': { type: 'string' }, json: { type: 'boolean', default: false } } });
const maxMb = values['max-mb'] === undefined ? undefined : Number(values['max-mb']);
if (maxMb !== undefined && !(maxMb > 0)) throw new Error(`--max-mb wants a positive number of MB, got "${values['max-mb']}"`);

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'whop-mock-install-size-'));
const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

try {
  const figures = { date: new Date().toISOString().slice(0, 10), ...measureInstall() };
  if (values.docker) figures.docker_image_mb = dockerImageMb();
  if (values.json) console.log(JSON.stringify(figures));
  else print(figures);
  if (maxMb !== undefined && figures.node_modules_mb > maxMb) {
    console.error(`FAIL: node_modules of \`npm i whop-mock\` is ${figures.node_modules_mb} MB, over the ${maxMb} MB bound (docs/install.md)`);
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

function measureInstall() {
  const tgz = run('npm', ['pack', '--pack-destination', work, '--silent'], root).trim().split('\n').pop();
  const app = join(work, 'app');
  run('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), '{ "name": "install-size-probe", "version": "1.0.0", "private": true }\n');
  run('npm', ['i', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error', join(work, tgz)], app);
  const modules = join(app, 'node_modules');
  // npm's own record of what it installed: one entry per package folder (whop-mock included).
  const installed = JSON.parse(readFileSync(join(modules, '.package-lock.json'), 'utf8')).packages;
  const fakers = Object.entries(installed)
    .filter(([path]) => /(^|\/)node_modules\/(@faker-js\/faker|faker)$/.test(path))
    .map(([path, entry]) => `${path.replace(/^node_modules\//, '')}@${entry.version}`);
  const tarball = lstatSync(join(work, tgz)).size;
  return {
    packages: Object.keys(installed).filter((path) => path !== '').length,
    node_modules_mb: mb(diskUse(modules)),
    node_modules_content_mb: mb(contentBytes(modules)),
    faker_copies: fakers.length,
    fakers,
    prism_installed: existsSync(join(modules, '@stoplight/prism-http')),
    tarball_kb: Math.round(tarball / 1024),
  };
}

/** Builds and runs the image with the shared smoke script; its engine is up while SMOKE_CMD runs, so the size is read then. */
function dockerImageMb() {
  const smoke = [join(root, '../shared/tools/container-smoke.sh'), join(root, '../../shared/tools/container-smoke.sh')].find((path) => existsSync(path));
  if (smoke === undefined) throw new Error('--docker needs ../shared/tools/container-smoke.sh beside the checkout');
  const smokeWork = resolve(process.env.WORK ?? '/tmp/container-smoke');
  const sizeFile = join(work, 'image-size');
  const inspect = `/usr/bin/docker -H unix://${smokeWork}/docker.sock image inspect -f '{{.Size}}' localhost/app:smoke > ${sizeFile}`;
  execFileSync('bash', [smoke, '.'], {
    cwd: root,
    // Its output (the build, then PASS or FAIL) goes to stderr: stdout carries the figures.
    stdio: ['ignore', 2, 2],
    env: { ...process.env, WORK: smokeWork, HEALTH_PATH: '/__mock/health', SMOKE_CMD: `${inspect} && bash scripts/container-smoke-requests.sh >/dev/null` },
  });
  return mb(Number(readFileSync(sizeFile, 'utf8').trim()));
}

function print(f) {
  console.log(`install size of whop-mock (npm pack, then npm i --omit=dev <tarball> in an empty folder), ${f.date}:`);
  console.log(`  packages:      ${f.packages} (whop-mock included)`);
  console.log(`  node_modules:  ${f.node_modules_mb} MB on disk (${f.node_modules_content_mb} MB of file contents)`);
  console.log(`  faker copies:  ${f.faker_copies} (${f.fakers.join(', ') || 'none'})`);
  console.log(`  Prism:         ${f.prism_installed ? 'installed' : 'not installed (optional peer: npm i -D @stoplight/prism-http)'}`);
  console.log(`  tarball:       ${f.tarball_kb} KiB`);
  if (f.docker_image_mb !== undefined) console.log(`  Docker image:  ${f.docker_image_mb} MB (docker image inspect, after container-smoke.sh)`);
}

function diskUse(path) {
  const stat = lstatSync(path);
  let bytes = stat.blocks * 512;
  if (stat.isDirectory()) for (const name of readdirSync(path)) bytes += diskUse(join(path, name));
  return bytes;
}

function contentBytes(path) {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.isFile() ? stat.size : 0;
  let bytes = 0;
  for (const name of readdirSync(path)) bytes += contentBytes(join(path, name));
  return bytes;
}

function mb(bytes) {
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}

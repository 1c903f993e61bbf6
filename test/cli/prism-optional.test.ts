import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { cleanEnv } from '../support/cli-process.js';
import { eventually } from '../support/raw-http.js';

// Prism (@stoplight/prism-http) is an optional peer dependency: `npm i whop-mock` does not bring
// it. Here the package is installed as a user gets it (the packed tarball, `npm i --omit=dev`, in
// an empty folder outside this checkout, so nothing resolves Prism), and run with a custom spec
// that has one operation only Prism can answer. `npm test` builds dist/ first; npm takes the
// dependencies from its cache (filled by `npm ci`) or the registry.
const ROOT = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'whop-mock-no-prism-'));
const app = join(work, 'app');
const specs = join(work, 'specs');
const INSTALL = 'npm i -D @stoplight/prism-http';

const EXTRA = `openapi: 3.1.0
info: { title: Extra, version: '1' }
security: []
paths:
  /reports/{id}:
    get:
      operationId: retrieveReport
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: a CSV report, content: { text/csv: { schema: { type: string }, example: 'id,total' } } }
  /plans/{id}:
    get:
      operationId: retrievePlan
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object, required: [id], properties: { id: { type: string } } } } } }
  /limits:
    get:
      operationId: retrieveLimits
      responses:
        '200':
          description: a schema no body satisfies, and no example
          content: { application/json: { schema: { type: object, required: [n], properties: { n: { type: integer, minimum: 5, maximum: 1 } } } } }
`;

beforeAll(() => {
  mkdirSync(join(work, 'pack'));
  mkdirSync(app);
  // dist/ is already built (npm test's pretest): pack it as it is, without prepack's rebuild.
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', join(work, 'pack')], { cwd: ROOT, stdio: 'ignore', timeout: 60_000 });
  const tarball = join(work, 'pack', readdirSync(join(work, 'pack'))[0] as string);
  writeFileSync(join(app, 'package.json'), '{ "name": "no-prism", "version": "1.0.0", "private": true, "type": "module" }\n');
  execFileSync('npm', ['i', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: app, stdio: 'ignore', timeout: 180_000 });
  cpSync(join(app, 'node_modules/whop-mock/specs'), specs, { recursive: true });
  writeFileSync(join(specs, '2025-01-01.extra.yaml'), EXTRA);
}, 240_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('without Prism installed (the packed tarball in an empty folder)', () => {
  it('is really not there: nothing in the installed tree resolves it', () => {
    expect(existsSync(join(app, 'node_modules/.bin/whop-mock'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/@stoplight/prism-http'))).toBe(false);
    const resolved = execFileSync(process.execPath, ['-e', "try { require.resolve('@stoplight/prism-http'); console.log('found') } catch { console.log('missing') }"], { cwd: join(app, 'node_modules/whop-mock/dist'), encoding: 'utf8' });
    expect(resolved.trim()).toBe('missing');
  });

  it('the CLI says at start, in one line, which operation needs it and what to add; serves the rest; that operation answers the envelope; the process goes on', async (context) => {
    const cli = startInstalledCli(context, ['--port', '0', '--specs', specs, '--log-format', 'json']);
    const url = await cli.listening;
    // The log is written in batches: the start-up warnings may follow the listening lines.
    const lines = () => cli.stdout().split('\n').filter((line) => line.includes('@stoplight/prism-http'));
    expect(await eventually(() => lines().length > 0, 5_000, 50)).toBe(true);
    const warning = lines();
    expect(warning).toHaveLength(1);
    expect(JSON.parse(warning[0] as string)).toMatchObject({ level: 'warn', msg: expect.stringContaining(`GET /reports/{id} (retrieveReport): only the Prism engine can answer`) });
    expect(warning[0]).toContain(INSTALL);
    expect(warning[0]).not.toContain('retrievePlan');
    expect(cli.stdout()).toContain('(retrieveReport, Prism)');
    expect(cli.stdout()).toContain('(retrievePlan, from the spec)');

    const report = await get(`${url}/reports/r_1`);
    expect(report.status).toBe(500);
    expect(report.body).toEqual({
      error: { type: 'mock_prism_missing', code: 'prism_not_installed', param: null, message: `GET /reports/{id} (retrieveReport): only the Prism engine can answer (no stateful handler, spec example or data generated from a JSON schema does), and it is not installed; add it with: ${INSTALL}` },
    });
    // Known only at request time: no body generated from this schema is valid, and there is no example.
    const limits = await get(`${url}/limits`);
    expect([limits.status, (limits.body as { error: { code: string; message: string } }).error.code]).toEqual([500, 'prism_not_installed']);
    expect((limits.body as { error: { message: string } }).error.message).toContain(`GET /limits (retrieveLimits)`);
    // Everything else is served as usual: generated data for a schema, the bundled handlers.
    const plan = await get(`${url}/plans/plan_1`);
    expect([plan.status, typeof (plan.body as { id: unknown }).id]).toEqual([200, 'string']);
    const me = await get(`${url}/users/me`, 'tok_user_alex_full');
    expect([me.status, (me.body as { username: string }).username]).toEqual([200, 'alex']);
    expect((await get(`${url}/reports/r_2`)).status).toBe(500);
    expect(cli.exitCode()).toBeNull();
  });

  it('createMockServer() from the installed package lists it in server.warnings', () => {
    const script = `
      import { createMockServer } from 'whop-mock';
      const server = await createMockServer({ port: 0, specs: ${JSON.stringify(specs)}, logLevel: 'silent' });
      const reply = await fetch(server.url + '/reports/r_1');
      console.log(JSON.stringify({ warnings: server.warnings, status: reply.status, body: await reply.json() }));
      await server.close();`;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, env: cleanEnv(), encoding: 'utf8', timeout: 30_000 })) as { warnings: string[]; status: number; body: { error: { type: string } } };
    expect(out.warnings.filter((w) => w.includes(INSTALL))).toEqual([expect.stringContaining('GET /reports/{id} (retrieveReport)')]);
    expect([out.status, out.body.error.type]).toEqual([500, 'mock_prism_missing']);
  });
});

function startInstalledCli(context: TestContext, args: string[]) {
  const child = spawn(process.execPath, [join(app, 'node_modules/.bin/whop-mock'), ...args], { cwd: app, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  context.onTestFinished(() => void child.kill('SIGKILL'));
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not listening within 15 s; stdout: ${out}; stderr: ${err}`)), 15_000);
    child.stdout.on('data', () => {
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url !== undefined && out.includes('Operations:') && out.includes('Inspector:')) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.on('close', (code) => reject(new Error(`exited ${code} before listening; stderr: ${err}`)));
  });
  return { listening, stdout: () => out, exitCode: () => child.exitCode };
}

async function get(url: string, token?: string): Promise<{ status: number; body: unknown }> {
  const reply = await fetch(url, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
  return { status: reply.status, body: await reply.json() };
}

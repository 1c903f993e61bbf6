import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startCli, stopWith } from '../support/cli-process.js';
import { rawConnect } from '../support/raw-http.js';

// SIGTERM on real processes (node dist/bin/whop-mock.js). Each stop is given a bound well under the
// 5 s grace period: a stop that waits for anything it should not wait for fails here.
const QUIET = ['--port', '0', '--log-level', 'silent'];

describe('stopping on SIGTERM', () => {
  it('closes idle, silent and half-sent connections at once, and exits 0', async ({ onTestFinished }) => {
    const cli = await startCli(onTestFinished, QUIET);
    const idle = await rawConnect(cli.url);
    idle.write('GET /users/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tok_user_alex_full\r\n\r\n');
    const silent = await rawConnect(cli.url);
    const halfHeaders = await rawConnect(cli.url);
    halfHeaders.write('GET /users/me HTTP/1.1\r\nHost: x\r\n');
    const halfBody = await rawConnect(cli.url);
    halfBody.write('PATCH /users/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tok_user_alex_full\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{"name":');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(idle.received()).toContain('"username":"alex"');
    const exit = await stopWith(cli, 'SIGTERM', 3000);
    expect(exit, `stopped in ${exit.ms} ms`).toMatchObject({ code: 0, signal: null });
    await Promise.all([idle.closed, silent.closed, halfHeaders.closed, halfBody.closed]);
  });

  it('answers requests waiting out a fault delay at once (with the fault\'s answer), and exits 0', async ({ onTestFinished }) => {
    const cli = await startCli(onTestFinished, QUIET);
    const fault = await fetch(`${cli.url}/__mock/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operationId: 'retrieveUser', status: 404, delay_ms: 10_000 }) });
    expect(fault.status).toBe(201);
    const waiting = Array.from({ length: 3 }, () => fetch(`${cli.url}/users/user_alex123`, { headers: { authorization: 'Bearer tok_user_alex_full', prefer: 'delay=5000' } }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopping = stopWith(cli, 'SIGTERM', 3000);
    const replies = await Promise.all(waiting);
    expect(replies.map((reply) => reply.status)).toEqual([404, 404, 404]);
    expect(((await replies[0]?.json()) as { error: { code: string } }).error.code).toBe('resource_not_found');
    const exit = await stopping;
    expect(exit, `stopped in ${exit.ms} ms`).toMatchObject({ code: 0, signal: null });
  });

  it('cuts what is still being answered when the grace period ends, says so, and exits 1', async ({ onTestFinished }) => {
    const cli = await startCli(onTestFinished, [...QUIET, '--generate-users', '20000', '--shutdown-grace-seconds', '1']);
    // A client that asks for the whole state and reads none of it: the export waits on it.
    const stalled = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const req = request(`${cli.url}/__mock/state`, (res) => {
        res.pause();
        resolve(res);
      });
      req.on('error', reject);
      req.end();
    });
    stalled.on('error', () => undefined);
    expect(stalled.statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exit = await stopWith(cli, 'SIGTERM', 4000);
    expect(exit, `stopped in ${exit.ms} ms`).toMatchObject({ code: 1, signal: null });
    expect(cli.stderr()).toMatch(/^whop-mock: cut 1 request\(s\) still being answered when the 1 s grace period ended/m);
    stalled.destroy();
  });
});

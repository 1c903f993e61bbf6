// The servers measured and the cells (scenario x connections) each one runs. whop-mock runs
// through its CLI (dist/bin/whop-mock.js and its flags), never by importing its modules, so the bench
// keeps working whatever the source layout.

import { BASE_BIN, CONNECTIONS, HOST, PRISM_BIN, PRISM_SPEC, SCALE_USERS, SWEEP, WHOP_BIN } from './config.mjs';
import { EXPRESS_APP, NODE_HTTP_APP } from './constant-apps.mjs';
import { REDIS_SERVERS } from './redis.mjs';

const sweep = (id) => SWEEP.map((connections) => [id, connections]);
const at = (ids) => ids.map((id) => [id, CONNECTIONS]);
const whop = (port, ...flags) => [WHOP_BIN, '--port', String(port), ...flags];
const prism = (port, ...flags) => [PRISM_BIN, 'mock', '-p', String(port), '-h', HOST, ...flags, PRISM_SPEC];

export const SERVERS = [
  {
    id: 'whop',
    name: 'whop-mock',
    kind: 'whop',
    args: (port) => whop(port, '--log-level', 'silent'),
    cells: [...sweep('get'), ...at(['get-original', 'list', 'members', 'patch', 'search', 'churn', 'new-session'])],
  },
  {
    // The default configuration, access log included (to /dev/null, its cheapest sink).
    id: 'whop-log',
    name: 'whop-mock, access log (default --log-level info)',
    kind: 'whop',
    args: (port) => whop(port),
    cells: at(['get']),
  },
  {
    id: 'whop-no-validation',
    name: 'whop-mock, --validate-responses off',
    kind: 'whop',
    args: (port) => whop(port, '--log-level', 'silent', '--validate-responses', 'off'),
    cells: at(['get', 'list', 'members']),
  },
  // BENCH_BASE_CLI: the same cells as whop's GET and PATCH, on another build, in the same rounds.
  ...(BASE_BIN === undefined
    ? []
    : [{ id: 'whop-base', name: 'whop-mock, BENCH_BASE_CLI build', kind: 'whop', args: (port) => [BASE_BIN, '--port', String(port), '--log-level', 'silent'], cells: [...sweep('get'), ...at(['patch'])] }]),
  {
    id: 'prism',
    name: 'Prism, -v silent',
    kind: 'prism',
    args: (port) => prism(port, '-v', 'silent'),
    cells: [...sweep('get'), ...at(['list', 'members', 'patch'])],
  },
  {
    id: 'prism-log',
    name: 'Prism, default logging',
    kind: 'prism',
    args: (port) => prism(port),
    cells: at(['get']),
  },
  {
    id: 'express',
    name: 'Express 5 constant',
    kind: 'reference',
    args: () => ['-e', EXPRESS_APP],
    env: (port) => ({ PORT: String(port) }),
    cells: sweep('get'),
  },
  {
    id: 'node-http',
    name: 'node:http constant',
    kind: 'reference',
    args: () => ['-e', NODE_HTTP_APP],
    env: (port) => ({ PORT: String(port) }),
    cells: sweep('get'),
  },
  // The same mock with its sessions in Redis (a redis-server the bench starts: redis.mjs).
  ...REDIS_SERVERS,
  // How cost grows with the world: the same requests against generated users.
  ...SCALE_USERS.map((users) => ({
    id: `whop-${users}`,
    name: `whop-mock, ${users.toLocaleString('en-US')} users`,
    kind: 'whop',
    users,
    startTimeoutMs: 180_000,
    args: (port) => whop(port, '--log-level', 'silent', '--generate-users', String(users)),
    cells: at(['get', 'search', 'new-session']),
  })),
];

/** Spawn-to-first-answer and idle RSS: each server as a user starts it (default flags). */
export const SPAWN_SERVERS = [
  { id: 'whop', name: 'whop-mock', kind: 'whop', args: (port) => whop(port) },
  { id: 'prism', name: 'Prism', kind: 'prism', args: (port) => prism(port) },
  SERVERS.find((s) => s.id === 'express'),
  SERVERS.find((s) => s.id === 'node-http'),
];

// The servers measured, in order: whop-mock, its peer Prism, and two constant references.

import { ALL, HOST, PRISM_BIN, PRISM_SPEC, SCALE_USERS, SECONDS, WHOP_BIN } from './config.mjs';
import { HEADLINE, SCENARIOS } from './scenarios.mjs';

// The references answer every request with a constant JSON body the size of whop-mock's latest
// GET /users/{id}, so the bytes on the wire match the headline scenario.
const CONSTANT_BODY = {
  id: 'user_alex123',
  username: 'alex',
  name: 'Alex Rivera',
  bio: 'Building communities on Whop.',
  created_at: '2022-03-14T09:30:00Z',
  profile_picture: { url: 'https://cdn.whop.com/avatar.png' },
  total_usd: null,
  balances: [],
  verification: { individual: { status: 'approved' }, business: null },
};

// The ceiling the issue names: a plain Express 5 app returning a constant.
const EXPRESS_APP = `
const express = require('express');
const body = ${JSON.stringify(CONSTANT_BODY)};
const app = express();
app.use((req, res) => { res.json(body); });
app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('express listening on ' + process.env.PORT));
`;

// The floor under Express: node:http alone, same constant, same headers as whop-mock sends.
const NODE_HTTP_APP = `
const body = ${JSON.stringify(JSON.stringify(CONSTANT_BODY))};
require('node:http').createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('node:http listening on ' + process.env.PORT));
`;

// whop-mock's stdout is a pipe the bench drains: with --log-level info that is one JSON line per
// request through a real pipe, as in CI where a runner captures it.
export const SERVERS = [
  {
    name: 'whop-mock',
    kind: 'whop',
    args: (port) => [WHOP_BIN, '--port', String(port), '--log-level', 'silent'],
    scenarios: SCENARIOS.map((s) => s.id),
  },
  {
    name: 'whop-mock, access log on',
    kind: 'whop',
    args: (port) => [WHOP_BIN, '--port', String(port), '--log-level', 'info'],
    scenarios: ALL ? SCENARIOS.map((s) => s.id) : HEADLINE,
  },
  {
    name: 'Prism, default logging',
    kind: 'prism',
    args: (port) => [PRISM_BIN, 'mock', '-p', String(port), '-h', HOST, PRISM_SPEC],
    scenarios: ALL ? SCENARIOS.map((s) => s.id) : HEADLINE,
  },
  {
    name: 'Prism, -v silent',
    kind: 'prism',
    args: (port) => [PRISM_BIN, 'mock', '-p', String(port), '-h', HOST, '-v', 'silent', PRISM_SPEC],
    // Prism serves one document whatever Api-Version-Date says, so "no version header" only
    // repeats its GET; it runs with BENCH_ALL=1.
    scenarios: ALL ? SCENARIOS.map((s) => s.id) : ['get', 'list', 'patch'],
  },
  {
    name: 'Express 5 constant',
    kind: 'express',
    args: () => ['-e', EXPRESS_APP],
    env: (port) => ({ PORT: String(port) }),
    scenarios: ALL ? SCENARIOS.map((s) => s.id) : HEADLINE,
  },
  {
    name: 'node:http constant',
    kind: 'express',
    args: () => ['-e', NODE_HTTP_APP],
    env: (port) => ({ PORT: String(port) }),
    scenarios: ALL ? SCENARIOS.map((s) => s.id) : HEADLINE,
  },
  {
    // Scale: the list handler walks and sorts every user per request (see docs/performance.md).
    name: `whop-mock, --generate-users ${SCALE_USERS}`,
    kind: 'whop',
    startRuns: 1,
    // Each request takes milliseconds here: fewer connections and a shorter run keep queueing
    // from turning into client timeouts; the figure that matters is CPU per request.
    connections: 10,
    seconds: Math.min(SECONDS, 5),
    args: (port) => [WHOP_BIN, '--port', String(port), '--log-level', 'silent', '--generate-users', String(SCALE_USERS)],
    scenarios: ALL ? SCENARIOS.map((s) => s.id) : ['list'],
  },
];

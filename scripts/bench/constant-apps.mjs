// The two references: plain Express 5 and plain node:http answering every request with a
// constant JSON body the size of whop-mock's latest GET /users/{id}, so the bytes on the wire
// match the headline scenario. They are the ceiling (Express) and the floor (node:http) of what
// a Node HTTP server costs per request on this machine.

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

export const EXPRESS_APP = `
const express = require('express');
const body = ${JSON.stringify(CONSTANT_BODY)};
const app = express();
app.use((req, res) => { res.json(body); });
app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('express listening on ' + process.env.PORT));
process.on('SIGTERM', () => process.exit(0));
`;

export const NODE_HTTP_APP = `
const body = ${JSON.stringify(JSON.stringify(CONSTANT_BODY))};
require('node:http').createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('node:http listening on ' + process.env.PORT));
process.on('SIGTERM', () => process.exit(0));
`;

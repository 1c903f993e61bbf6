// An upstream that misbehaves on purpose, by the user id asked for (GET .../users/<id>), on
// 127.0.0.1, port 0: the proxy's tests (test/proxy) and the soak (scripts/soak/hostile-proxy.mjs)
// run against it. user_snowman and user_crlf add an undeclared property named `☃` or `x\r\ny`;
// user_oddheader sends a header whose value is raw UTF-8 bytes (`X-Odd: ☃ é`); user_gzipbomb,
// user_deflatebomb and user_brbomb a body that inflates far past the proxy's limit; user_gzip a
// valid user, gzipped; user_deep 6,000-deep JSON; user_600 and user_999 those statuses; user_101 a
// bare 101 and then nothing; user_hints a 103 Early Hints before its 200; user_slow the user after
// `slowMs`; user_hang nothing, ever. Anything else: the user.
import { createServer } from 'node:http';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';

const MiB = 1024 * 1024;
const USER = { id: 'user_soak', username: 'soak', name: 'Soak', bio: null, created_at: '2024-01-01T00:00:00Z', profile_picture: null, total_usd: null, balances: [], verification: { individual: null, business: null } };

/** JSON objects nested `depth` deep, about 6 bytes a level. */
export function deepJson(depth) {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/**
 * Bombs of zeros: deflate and br inflate to `bombMiB` (br in a few hundred bytes); gzip to about
 * `gzipMiB`, as members of at most 16 MiB one after the other (gunzip reads concatenated members
 * as one body), so 1,000 MiB take about 1 MB without ever being built whole.
 */
function buildBombs(bombMiB, gzipMiB) {
  const memberMiB = Math.min(16, gzipMiB);
  const member = gzipSync(Buffer.alloc(memberMiB * MiB), { level: 9 });
  const zeros = Buffer.alloc(bombMiB * MiB);
  return {
    user_gzipbomb: ['gzip', Buffer.concat(Array.from({ length: Math.max(1, Math.floor(gzipMiB / memberMiB)) }, () => member))],
    user_deflatebomb: ['deflate', deflateSync(zeros, { level: 9 })],
    user_brbomb: ['br', brotliCompressSync(zeros, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_LGWIN]: 24 } })],
  };
}

/** Starts it. `keepRequests`: keep every request's URL in `requests` (tests; a soak only counts). */
export async function startHostileUpstream({ user = USER, bombMiB = 32, gzipMiB = bombMiB, slowMs = 5000, keepRequests = false } = {}) {
  const bombs = buildBombs(bombMiB, gzipMiB);
  const deep = deepJson(6000);
  const requests = [];
  const counts = { requests: 0, slow: 0, slowClosedEarly: 0, slowOpen: 0, slowOpenMax: 0, hanging: 0 };
  const server = createServer((req, res) => {
    counts.requests += 1;
    if (keepRequests) requests.push(req.url ?? '');
    const id = /\/users\/([^/?]+)/.exec(req.url ?? '')?.[1] ?? '';
    const json = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const bomb = bombs[id];
    if (bomb) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': bomb[0] });
      return void res.end(bomb[1]);
    }
    switch (id) {
      case 'user_snowman':
        return json(200, { ...user, '☃': 1 });
      case 'user_crlf':
        return json(200, { ...user, 'x\r\ny': 1 });
      case 'user_oddheader': {
        // Node's own server refuses to send such a value; a raw answer does not.
        const body = JSON.stringify(user);
        return void req.socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-odd: `), Buffer.from('☃ é'), Buffer.from(`\r\nconnection: close\r\n\r\n${body}`)]));
      }
      case 'user_gzip':
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        return void res.end(gzipSync(JSON.stringify(user)));
      case 'user_deep':
        return json(200, deep);
      case 'user_600':
        return json(600, user);
      case 'user_999':
        return json(999, user);
      case 'user_101':
        return void req.socket.write('HTTP/1.1 101 Switching Protocols\r\n\r\n');
      case 'user_hints':
        res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
        return json(200, user);
      case 'user_slow': {
        counts.slow += 1;
        counts.slowOpen += 1;
        counts.slowOpenMax = Math.max(counts.slowOpenMax, counts.slowOpen);
        const timer = setTimeout(() => json(200, user), slowMs);
        res.on('close', () => {
          counts.slowOpen -= 1;
          if (!res.writableFinished) counts.slowClosedEarly += 1;
          clearTimeout(timer);
        });
        return;
      }
      case 'user_hang':
        counts.hanging += 1;
        return void res.on('close', () => (counts.hanging -= 1));
      default:
        return json(200, user);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/api/v1`,
    server,
    requests,
    counts,
    hanging: () => counts.hanging,
    bombSizes: Object.fromEntries(Object.entries(bombs).map(([id, [, bytes]]) => [id, bytes.length])),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

// An upstream that misbehaves on purpose, on 127.0.0.1 (port 0), for the soak's proxy: each
// answer is chosen by the user id asked for (GET /api/v1/users/<id>). What each sends, and what
// the proxy must make of it, is HOSTILE_ANSWERS.
import { createServer } from 'node:http';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';

const MiB = 1024 * 1024;
const USER = { id: 'user_soak', username: 'soak', name: 'Soak', bio: null, created_at: '2024-01-01T00:00:00Z', profile_picture: null, total_usd: null, balances: [], verification: { individual: null, business: null } };

/** Id -> what the proxy answers the client: a status, and the error code or the header it must carry. */
export const HOSTILE_ANSWERS = {
  user_fine: { status: 200 },
  user_snowman: { status: 200, violation: '%E2%98%83' },
  user_crlf: { status: 200, violation: 'x%0D%0Ay' },
  user_oddheader: { status: 200 },
  user_gzipbomb: { status: 502, code: 'upstream_too_large' },
  user_deflatebomb: { status: 502, code: 'upstream_too_large' },
  user_brbomb: { status: 502, code: 'upstream_too_large' },
  user_deep: { status: 200, violation: '--max-json-depth' },
  user_600: { status: 502, code: 'upstream_invalid_response' },
  user_999: { status: 502, code: 'upstream_invalid_response' },
  user_101: { status: 502, code: 'upstream_invalid_response' },
};

/**
 * Bombs: gzip, 1,000 MiB of zeros in about 1 MB (a 16 MiB member repeated: gunzip reads
 * concatenated members as one body); deflate, 256 MiB in 255 KiB; br, 256 MiB in a few hundred
 * bytes. Each is far past the proxy's 16 MiB limit. Built once at start (about 4 s).
 */
function buildBombs() {
  const member = gzipSync(Buffer.alloc(16 * MiB), { level: 9 });
  const zeros = Buffer.alloc(256 * MiB);
  return {
    user_gzipbomb: ['gzip', Buffer.concat(Array.from({ length: 1000 / 16 }, () => member))],
    user_deflatebomb: ['deflate', deflateSync(zeros, { level: 9 })],
    user_brbomb: ['br', brotliCompressSync(zeros, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_LGWIN]: 24 } })],
  };
}

/** Starts the upstream; `slowMs`: how long user_slow takes (its clients abort well before). */
export async function startHostileUpstream({ slowMs = 5000 } = {}) {
  const bombs = buildBombs();
  const deep = `${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}`;
  const counts = { requests: 0, slow: 0, slowClosedEarly: 0, slowOpen: 0, slowOpenMax: 0 };
  const server = createServer((req, res) => {
    counts.requests += 1;
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
        return json(200, { ...USER, '☃': 1 });
      case 'user_crlf':
        return json(200, { ...USER, 'x\r\ny': 1 });
      case 'user_oddheader': {
        const body = JSON.stringify(USER);
        return void req.socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-odd: `), Buffer.from('☃ é'), Buffer.from(`\r\nconnection: close\r\n\r\n${body}`)]));
      }
      case 'user_deep':
        return json(200, deep);
      case 'user_600':
        return json(600, USER);
      case 'user_999':
        return json(999, USER);
      case 'user_101':
        return void req.socket.write('HTTP/1.1 101 Switching Protocols\r\n\r\n');
      case 'user_slow': {
        counts.slow += 1;
        counts.slowOpen += 1;
        counts.slowOpenMax = Math.max(counts.slowOpenMax, counts.slowOpen);
        const timer = setTimeout(() => json(200, USER), slowMs);
        res.on('close', () => {
          counts.slowOpen -= 1;
          if (!res.writableFinished) counts.slowClosedEarly += 1;
          clearTimeout(timer);
        });
        return;
      }
      default:
        return json(200, USER);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    counts,
    bombSizes: Object.fromEntries(Object.entries(bombs).map(([id, [, bytes]]) => [id, bytes.length])),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

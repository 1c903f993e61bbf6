import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { VALID_USER } from './drifting-upstream.js';

/** How far each bomb inflates: well past the 1 MiB the tests give `upstreamBodyLimit`. */
export const BOMB_BYTES = 32 * 1024 * 1024;

/** JSON objects nested `depth` deep, about 6 bytes a level. */
export function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

export interface HostileUpstream {
  readonly url: string;
  readonly server: Server;
  /** Requests the upstream has received, by path. */
  readonly requests: string[];
  /** Requests to /users/user_hang still open (their connection not yet closed by the proxy). */
  hanging(): number;
  close(): void;
}

/**
 * An upstream that misbehaves on purpose, by the user id asked for (on 127.0.0.1, port 0):
 * user_snowman and user_crlf add an undeclared property named `☃` or `x\r\ny`; user_oddheader
 * sends a header whose value is UTF-8 bytes (`X-Odd: ☃`); user_gzipbomb, user_deflatebomb and
 * user_brbomb a body that inflates to BOMB_BYTES; user_gzip a valid user, gzipped; user_deep
 * 6,000-deep JSON; user_600 and user_999 those statuses; user_101 a bare 101 and then nothing;
 * user_hints a 103 Early Hints before its 200; user_hang never answers. Anything else: a valid user.
 */
export async function startHostileUpstream(): Promise<HostileUpstream> {
  const zeros = Buffer.alloc(BOMB_BYTES);
  const bombs: Record<string, [string, Buffer]> = {
    user_gzipbomb: ['gzip', gzipSync(zeros, { level: 9 })],
    user_deflatebomb: ['deflate', deflateSync(zeros, { level: 9 })],
    user_brbomb: ['br', brotliCompressSync(zeros, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })],
  };
  const requests: string[] = [];
  let hanging = 0;
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const id = /\/users\/([^/?]+)/.exec(req.url ?? '')?.[1] ?? '';
    answer(id, req, res, bombs, () => {
      hanging += 1;
      res.on('close', () => (hanging -= 1));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`,
    server,
    requests,
    hanging: () => hanging,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

function answer(id: string, req: IncomingMessage, res: ServerResponse, bombs: Record<string, [string, Buffer]>, hang: () => void): void {
  const json = (status: number, body: unknown) => {
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
      return json(200, { ...VALID_USER, '☃': 1 });
    case 'user_crlf':
      return json(200, { ...VALID_USER, 'x\r\ny': 1 });
    case 'user_oddheader': {
      // Node's own server refuses to send such a value; a raw answer does not.
      const body = JSON.stringify(VALID_USER);
      req.socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-odd: `), Buffer.from('☃ é', 'utf8'), Buffer.from(`\r\nconnection: close\r\n\r\n${body}`)]));
      return;
    }
    case 'user_gzip':
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return void res.end(gzipSync(JSON.stringify(VALID_USER)));
    case 'user_deep':
      return json(200, deepJson(6000));
    case 'user_600':
      return json(600, VALID_USER);
    case 'user_999':
      return json(999, VALID_USER);
    case 'user_101':
      return void req.socket.write('HTTP/1.1 101 Switching Protocols\r\n\r\n');
    case 'user_hints':
      res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
      return json(200, VALID_USER);
    case 'user_hang':
      return hang();
    default:
      return json(200, VALID_USER);
  }
}

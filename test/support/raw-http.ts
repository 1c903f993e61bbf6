import { connect, type Socket } from 'node:net';

/** A raw TCP connection to the mock: what a slow, pipelining or malformed client sends. */
export interface RawConnection {
  readonly socket: Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves when the server closed the connection (or it failed), with everything received. */
  readonly closed: Promise<string>;
  write(text: string | Buffer): void;
}

export function rawConnect(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    const closed = new Promise<string>((done) => socket.on('close', () => done(text)));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received: () => text, closed, write: (data) => socket.write(data) }));
    socket.once('error', reject);
  });
}

/** Resolves once `check` holds or `ms` passed (then with false): a bounded wait, not a timing assertion. */
export async function eventually(check: () => boolean, ms = 10_000, step = 20): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += step) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, step));
  }
  return check();
}

/** Splits raw HTTP/1.1 responses (with Content-Length bodies) into status and parsed JSON body. */
export function parseResponses(text: string): Array<{ status: number; headers: Record<string, string>; body: any }> {
  const responses: Array<{ status: number; headers: Record<string, string>; body: any }> = [];
  let rest = text;
  while (rest.startsWith('HTTP/1.1 ')) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd === -1) break;
    const [statusLine, ...lines] = rest.slice(0, headEnd).split('\r\n');
    const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    const length = Number(headers['content-length'] ?? 0);
    const bodyBytes = Buffer.from(rest.slice(headEnd + 4), 'utf8').subarray(0, length).toString('utf8');
    responses.push({ status: Number(statusLine?.split(' ')[1]), headers, body: bodyBytes ? JSON.parse(bodyBytes) : undefined });
    rest = rest.slice(headEnd + 4 + bodyBytes.length);
  }
  return responses;
}

import type { ServerResponse } from 'node:http';
import type { CoreResponse } from '../../kernel/core-request.js';
import { streamChunks } from './stream-chunks.js';

/**
 * Writes the core's answer: `drop` closes the socket unanswered; a long export goes in pieces (the
 * promise settles when sent). One that cannot be written (a header Node refuses, a socket gone)
 * ends that response and its socket, never the process.
 */
export function writeResponse(res: ServerResponse, response: CoreResponse, stallMs: number, onError: (error: unknown) => void): Promise<void> | undefined {
  if (response.dropped) {
    res.socket?.destroy();
    return undefined;
  }
  if (res.headersSent || res.destroyed || res.socket?.destroyed === true) return undefined;
  try {
    // One writeHead with a flat [name, value, ...] list: Node formats the head straight from it.
    // Headers set earlier (CORS from a middleware's app, `connection: close` on shutdown) are
    // merged in, and ours win.
    const head: Array<string | number | readonly string[]> = [];
    for (const name in response.headers) head.push(name, response.headers[name] as string);
    if (response.close) head.push('connection', 'close');
    res.writeHead(response.status, head as string[]);
    const body = response.body;
    if (typeof body === 'string' || Buffer.isBuffer(body)) res.end(body);
    else return streamChunks(res, body, stallMs).catch(onError);
  } catch (error) {
    onError(error);
    res.destroy();
  }
  return undefined;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../kernel/core-request.js';
import { serve, type NodeEdgeOptions } from './node/node-listener.js';

/** A connect/Express middleware: `app.use('/whop', mock.middleware())`. */
export type Middleware = (req: IncomingMessage & { body?: unknown; originalUrl?: string }, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The core mounted in an existing app (Express, connect, Vite): it reads the path below the mount
 * path (the SDK's baseURL is `<app>/whop/api/v1`). A body a parser already read (`express.json()`)
 * is taken from `req.body`; otherwise it is read here, within the body limit.
 */
export function middleware(core: Core, options: NodeEdgeOptions): Middleware {
  return (req, res, next) => {
    const url = req.url ?? '/';
    const prefix = req.originalUrl?.endsWith(url) === true ? req.originalUrl.slice(0, req.originalUrl.length - url.length) : '';
    // Read already: keep what the parser made of it, when the request had a body at all.
    const sent = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    const body = req.readableEnded ? () => Promise.resolve(sent ? bodyOf(req.body) : undefined) : undefined;
    serve(core, req, res, options, () => undefined, { prefix, body }).catch(next);
  };
}

/** A body a parser already read: its text, or the JSON of what it parsed. */
function bodyOf(parsed: unknown): Buffer | undefined {
  if (parsed === undefined || parsed === null) return undefined;
  const bytes = Buffer.isBuffer(parsed) ? parsed : Buffer.from(typeof parsed === 'string' ? parsed : JSON.stringify(parsed));
  return bytes.length > 0 ? bytes : undefined;
}

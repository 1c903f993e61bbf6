import { createHash, timingSafeEqual } from 'node:crypto';
import { errors } from '../errors/catalogue.js';

export interface ControlAccessOptions {
  /** When set, every guarded /__mock call needs `Authorization: Bearer <adminToken>`. */
  readonly adminToken?: string | undefined;
  /** Without an admin token, also answer clients that are not on this machine. */
  readonly openControl: boolean;
  /** Whether a page from this origin may use /__mock (--control-origins; loopback pages by default). */
  readonly allowsOrigin: (origin: string) => boolean;
}

/** Who is calling /__mock: the Authorization header and the peer address of the connection. */
export interface ControlCaller {
  readonly authorization: string | undefined;
  readonly remoteAddress: string | undefined;
  /** The Origin header: sent by browsers on cross-origin requests and on every POST. */
  readonly origin: string | undefined;
  readonly host: string | undefined;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * The gate in front of /__mock. A web page on an origin that is not allowed never gets in: the
 * browser would block it from reading the answer, but a simple cross-site POST (a form, a
 * no-cors fetch) would still reset the mock or add a fault, so it is refused here, before it does
 * anything. With an admin token, only that token opens it (from anywhere, loopback included).
 * Without one, only loopback clients get in, unless `openControl` says the network in front of
 * the server is trusted (staging behind a proxy); and they must name the server by a loopback
 * host, so that a page whose own host name was re-pointed at 127.0.0.1 (DNS rebinding) is not a
 * loopback client. A Whop API token never opens it: it is not the admin token. The peer address
 * is the socket's; X-Forwarded-For is ignored, because any client can send it. Throws the
 * 401/403 ApiError.
 */
export function controlAccess(options: ControlAccessOptions): (caller: ControlCaller) => void {
  const expected = options.adminToken === undefined || options.adminToken === '' ? undefined : digest(options.adminToken);
  return (caller) => {
    // A page the mock served itself (the inspector, opened at a host that is not loopback) is
    // same-origin; it is let through only when an admin token guards /__mock, since without one
    // a page whose host name was re-pointed at the mock would look the same.
    const ownPage = expected !== undefined && caller.origin !== undefined && isSameOrigin(caller.origin, caller.host);
    if (caller.origin !== undefined && !ownPage && !options.allowsOrigin(caller.origin)) throw errors.controlOriginRefused(caller.origin);
    if (expected !== undefined) {
      const token = BEARER.exec(caller.authorization ?? '')?.[1];
      if (token === undefined || !timingSafeEqual(digest(token), expected)) throw errors.controlAdminTokenRequired();
      return;
    }
    if (options.openControl) return;
    if (!isLoopback(caller.remoteAddress)) throw errors.controlLoopbackOnly();
    if (caller.host !== undefined && !isLoopbackHost(caller.host)) throw errors.controlHostRefused(caller.host);
  };
}

/** The page's origin is the server as the request named it (`http://<Host>` or `https://<Host>`). */
function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined || host === '') return false;
  const lower = origin.toLowerCase();
  const name = host.toLowerCase();
  return lower === `http://${name}` || lower === `https://${name}`;
}

/** `localhost`, `*.localhost`, 127.0.0.0/8 or `[::1]`, with or without a port. */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/:\d*$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** 127.0.0.0/8, ::1, and IPv4 loopback written as an IPv6-mapped address. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

/** Same-length values for timingSafeEqual, whatever the token lengths. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

import { createHash, timingSafeEqual } from 'node:crypto';
import { errors } from '../errors/catalogue.js';

export interface ControlAccessOptions {
  /** When set, every guarded /__mock call needs `Authorization: Bearer <adminToken>`. */
  readonly adminToken?: string | undefined;
  /** Without an admin token, also answer clients that are not on this machine. */
  readonly openControl: boolean;
}

/** Who is calling /__mock: the Authorization header and the peer address of the connection. */
export interface ControlCaller {
  readonly authorization: string | undefined;
  readonly remoteAddress: string | undefined;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * The gate in front of /__mock. With an admin token, only that token opens it (from anywhere,
 * loopback included). Without one, only loopback clients get in, unless `openControl` says the
 * network in front of the server is trusted (staging behind a proxy). A Whop API token never
 * opens it: it is not the admin token. The peer address is the socket's; X-Forwarded-For is
 * ignored, because any client can send it. Throws the 401/403 ApiError.
 */
export function controlAccess(options: ControlAccessOptions): (caller: ControlCaller) => void {
  const expected = options.adminToken === undefined || options.adminToken === '' ? undefined : digest(options.adminToken);
  return (caller) => {
    if (expected !== undefined) {
      const token = BEARER.exec(caller.authorization ?? '')?.[1];
      if (token === undefined || !timingSafeEqual(digest(token), expected)) throw errors.controlAdminTokenRequired();
      return;
    }
    if (!options.openControl && !isLoopback(caller.remoteAddress)) throw errors.controlLoopbackOnly();
  };
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

import { createHash, timingSafeEqual } from 'node:crypto';
import { errors } from '../kernel/catalogue.js';
import type { AdminFailures } from './admin-failures.js';
import { allowsHost, type ControlHosts } from './control-hosts.js';

export interface ControlAccessOptions {
  /** When set, every guarded /__mock call needs `Authorization: Bearer <adminToken>`. */
  readonly adminToken?: string | undefined;
  /** Without an admin token, also answer clients that are not on this machine. */
  readonly openControl: boolean;
  /** Whether a page from this origin may use /__mock (--control-origins; loopback pages by default). */
  readonly allowsOrigin: (origin: string) => boolean;
  /** Host names besides loopback names and IP addresses that /__mock answers at without an admin token (--control-hosts). */
  readonly controlHosts?: ControlHosts;
  /** Wrong admin tokens per client: past its limit a client is answered 429 for a while. */
  readonly failures?: AdminFailures;
}

/** Who is calling /__mock: the Authorization header and the peer address of the connection (or `in-process`). */
export interface ControlCaller {
  readonly authorization: string | undefined;
  readonly peer: string | undefined;
  /** The Origin header: sent by browsers on cross-origin requests and on every POST. */
  readonly origin: string | undefined;
  readonly host: string | undefined;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * The gate in front of /__mock, throwing the 401/403. A page on an origin not allowed is refused
 * before it does anything: a simple cross-site POST (a form, a no-cors fetch) would still reset the
 * mock. With an admin token, only it opens (from anywhere). Without one, only loopback clients
 * (unless `openControl`: a trusted network) naming the server by a loopback host, an IP or a
 * `controlHosts` name (against DNS rebinding: such a page sends its own name as Host). The peer is
 * the socket's; X-Forwarded-For is ignored, because any client can send it.
 */
export function controlAccess(options: ControlAccessOptions): (caller: ControlCaller) => void {
  const expected = options.adminToken === undefined || options.adminToken === '' ? undefined : digest(options.adminToken);
  return (caller) => {
    // The mock's own page (the inspector at a non-loopback host) is same-origin: let through only with an
    // admin token, since without one a page whose host name was re-pointed at the mock looks the same.
    const ownPage = expected !== undefined && caller.origin !== undefined && isSameOrigin(caller.origin, caller.host);
    if (caller.origin !== undefined && !ownPage && !options.allowsOrigin(caller.origin)) throw errors.controlOriginRefused(caller.origin);
    if (expected !== undefined) {
      options.failures?.check(caller.peer);
      const token = BEARER.exec(caller.authorization ?? '')?.[1];
      if (token === undefined) throw errors.controlAdminTokenRequired();
      if (!timingSafeEqual(digest(token), expected)) {
        options.failures?.fail(caller.peer);
        throw errors.controlAdminTokenRequired();
      }
      return;
    }
    // A caller in this process (the fetch edge) has no network between it and the mock.
    if (caller.peer === 'in-process') return;
    if (!options.openControl && !isLoopback(caller.peer)) throw errors.controlLoopbackOnly();
    if (caller.host !== undefined && !allowsHost(options.controlHosts ?? [], caller.host)) throw errors.controlHostRefused(caller.host);
  };
}

/** The page's origin is the server as the request named it (`http://<Host>` or `https://<Host>`). */
function isSameOrigin(origin: string, host: string | undefined): boolean {
  const name = host?.toLowerCase();
  return name !== undefined && name !== '' && [`http://${name}`, `https://${name}`].includes(origin.toLowerCase());
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

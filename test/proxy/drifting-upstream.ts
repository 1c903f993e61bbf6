import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A latest-version User, valid against the spec. */
export const VALID_USER = {
  id: 'user_drift1',
  username: 'drifter',
  name: 'Dee Rift',
  bio: null,
  created_at: '2024-01-01T00:00:00Z',
  profile_picture: null,
  total_usd: null,
  balances: [],
  verification: { individual: null, business: null },
};

const MEMBER = {
  id: 'mber_drift1',
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-01T00:00:00Z',
  joined_at: '2024-01-01T00:00:00Z',
  access_level: 'customer',
  status: 'joined',
  most_recent_action: null,
  most_recent_action_at: null,
  user: { id: 'user_drift1', email: 'dee.rift@private.example', name: 'Dee Rift', username: 'drifter' },
  phone: '+4915112345678',
  usd_total_spent: 10,
  company: { id: 'biz_drift', title: 'Drift Co', route: 'drift-co' },
};

/**
 * An upstream that answers like Whop would, except where told to drift, by the user id asked for:
 * user_missing (no `bio`), user_wrongtype (`name` a number), user_extra (a `nickname`), user_teapot
 * (an undeclared 418), user_drift2 (another valid user), user_slow (answers after 3 s), user_drop (closes the connection), user_html
 * (not JSON). GET /members answers members with a `nickname` each. Every answer carries
 * `X-Upstream: drifting` and two Set-Cookie headers.
 */
export async function startDriftingUpstream(): Promise<{ url: string; server: Server; requests: Array<{ url: string; headers: Record<string, unknown> }> }> {
  const requests: Array<{ url: string; headers: Record<string, unknown> }> = [];
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: { ...req.headers } });
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.statusCode = status;
      res.setHeader('content-type', type);
      res.setHeader('x-upstream', 'drifting');
      res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/']);
      res.setHeader('access-control-allow-origin', 'https://whop.com');
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const id = /\/users\/([^/?]+)/.exec(req.url ?? '')?.[1];
    if ((req.url ?? '').startsWith('/api/v1/members')) return send(200, { data: [{ ...MEMBER, nickname: 'dee' }, { ...MEMBER, id: 'mber_drift2', nickname: 'd2' }], page_info: { start_cursor: null, end_cursor: null, has_next_page: false, has_previous_page: false } });
    if (id === 'user_missing') {
      const { bio: _bio, ...rest } = VALID_USER;
      return send(200, rest);
    }
    if (id === 'user_wrongtype') return send(200, { ...VALID_USER, name: 42 });
    if (id === 'user_drift2') return send(200, { ...VALID_USER, id: 'user_drift2', username: 'drifter2', name: 'Dee Two' });
    if (id === 'user_extra') return send(200, { ...VALID_USER, nickname: 'dee' });
    if (id === 'user_teapot') return send(418, { error: { type: 'teapot', message: 'short and stout', code: null, param: null } });
    if (id === 'user_slow') return void setTimeout(() => send(200, VALID_USER), 3000).unref();
    if (id === 'user_drop') return void req.socket.destroy();
    if (id === 'user_html') return send(500, '<html>oops</html>', 'text/html');
    return send(200, VALID_USER);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`, server, requests };
}

// Real clients: mixed API reads and writes in churning sessions, resets, 1 MB bodies. Every
// answer is checked: a 5xx, a non-JSON body or a broken connection is an unexpected error.
import { Agent, request } from 'node:http';
import { racedKeepAliveClose } from './stats.mjs';

const TOKEN = 'Bearer tok_user_alex_full';
const KEY = 'Bearer tok_key_pixelforge_full';
const MiB = 1024 * 1024;

export function createApiLoad(url, stats, { workers = 8, sessions = 200, churnMs = 30_000 } = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets: workers + 4 });
  const started = Date.now();
  let running = true;
  const session = () => `soak-${Math.floor((Date.now() - started) / churnMs)}-${Math.floor(Math.random() * sessions)}`;
  const bigBio = 'b'.repeat(MiB - 64);
  const mixes = [
    () => ({ method: 'GET', path: '/users/me', headers: { authorization: TOKEN } }),
    () => ({ method: 'GET', path: '/api/v1/users?first=20', headers: { authorization: TOKEN, 'api-version-date': '2026-07-20' } }),
    () => ({ method: 'GET', path: '/members?first=10', headers: { authorization: KEY } }),
    () => ({ method: 'GET', path: '/users/user_maya7Kd2?account_id=biz_pixelforge', headers: { authorization: KEY, 'api-version-date': '2026-06-09' } }),
    () => ({ method: 'PATCH', path: '/users/me', headers: { authorization: TOKEN }, body: JSON.stringify({ name: `Soak ${Date.now() % 1000}` }) }),
    () => ({ method: 'GET', path: '/__mock/requests?limit=50', headers: {} }),
    () => ({ method: 'GET', path: '/users/nobody', headers: { authorization: TOKEN }, expect: 404 }),
  ];
  const send = (call, sessionName) =>
    new Promise((resolve) => {
      const headers = { ...call.headers, 'x-mock-session': sessionName };
      if (call.body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(call.body) });
      let answered = false;
      const req = request(`${url}${call.path}`, { method: call.method, headers, agent }, (res) => {
        answered = true;
        let size = 0;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          size += chunk.length;
          if (text.length < 2000) text += chunk;
        });
        res.on('end', () => {
          stats.count(res.statusCode, size);
          if (res.statusCode >= 500) stats.unexpected(`${call.method} ${call.path} answered ${res.statusCode}: ${text.slice(0, 200)}`);
          else if (!/^[[{]/.test(text)) stats.unexpected(`${call.method} ${call.path} answered a body that is not JSON: ${text.slice(0, 100)}`);
          resolve();
        });
      });
      req.on('error', (error) => {
        if (racedKeepAliveClose(req, error, answered) && !call.retried) {
          stats.retried();
          resolve(send({ ...call, retried: true }, sessionName));
          return;
        }
        stats.unexpected(`${call.method} ${call.path}: ${error.code ?? error.message}`);
        resolve();
      });
      req.end(call.body);
    });

  const worker = async () => {
    while (running) await send(mixes[Math.floor(Math.random() * mixes.length)](), session());
  };
  // 1 MB bodies, twice a second: a bio stored in a small pool of sessions (each replaces the
  // last, so the store does not grow), and one refused (unknown field) in a churning session.
  const big = async () => {
    while (running) {
      await send({ method: 'PATCH', path: '/users/me', headers: { authorization: TOKEN }, body: JSON.stringify({ bio: bigBio }) }, `soak-big-${Math.floor(Math.random() * 8)}`);
      await send({ method: 'PATCH', path: '/users/me', headers: { authorization: TOKEN }, body: JSON.stringify({ biography: bigBio }) }, session());
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  // A reset every second, in a random session of the pool.
  const resets = async () => {
    while (running) {
      await send({ method: 'POST', path: '/__mock/reset', headers: {} }, session());
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };
  const loops = [...Array.from({ length: workers }, worker), big(), resets()];
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}

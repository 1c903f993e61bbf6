// Full state exports, one after another with a pause: each must arrive whole and parse.
import { request } from 'node:http';

export function exportStateRepeatedly(url, stats, { pauseMs = 10_000 } = {}) {
  let running = true;
  const once = () =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = request(`${url}/__mock/state`, { headers: { 'x-mock-session': 'soak-export' } }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            const state = JSON.parse(text);
            stats.exported(text.length, performance.now() - started, state.users.length);
          } catch (error) {
            stats.unexpected(`GET /__mock/state answered ${res.statusCode} with ${text.length} bytes that do not parse: ${error.message}`);
          }
          resolve();
        });
      });
      req.on('error', (error) => {
        stats.unexpected(`GET /__mock/state: ${error.code ?? error.message}`);
        resolve();
      });
      req.end();
    });
  const loop = (async () => {
    while (running) {
      await once();
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

// Serves this folder's page on http://localhost:8080 (PORT to change it), loopback only.
// Any static server will do: the page needs no build step.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

const TYPES = { '/': 'text/html', '/index.html': 'text/html', '/app.js': 'text/javascript' };
const port = Number(process.env.PORT ?? 8080);

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://page').pathname;
  const type = TYPES[path];
  if (type === undefined) return res.writeHead(404).end('not found');
  const file = path === '/' ? 'index.html' : path.slice(1);
  res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(await readFile(new URL(file, import.meta.url)));
});
server.listen(port, '127.0.0.1', () => {
  console.log(`page on http://localhost:${server.address().port}/ (it calls the mock at ?mock=, by default http://localhost:4010)`);
});

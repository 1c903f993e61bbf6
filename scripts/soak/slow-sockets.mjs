// Slow clients: `count` sockets held open, each trickling a request a byte at a time (headers,
// or a body), reconnecting whenever the server closes it (a 408 at its timeout, or evicted at the
// connection cap). What they get back is expected; they only must not lock real clients out.
import { connect } from 'node:net';

export function holdSlowSockets(url, count, stats, { byteEveryMs = 2000 } = {}) {
  const { hostname, port } = new URL(url);
  let running = true;
  const open = new Set();
  const one = (i) => {
    if (!running) return;
    const socket = connect(Number(port), hostname);
    const text = i % 2 === 0 ? 'GET /users/me HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(400) : 'PATCH /users/me HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n' + '{'.repeat(3999);
    let at = 0;
    let timer;
    open.add(socket);
    socket.on('connect', () => {
      stats.slowConnected();
      timer = setInterval(() => socket.write(text[at++ % text.length]), byteEveryMs + Math.random() * 500);
    });
    socket.on('data', (chunk) => stats.slowAnswered(String(chunk).slice(9, 12)));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      open.delete(socket);
      // Reconnect a little later, so a closed socket does not spin.
      if (running) setTimeout(() => one(i), 200 + Math.random() * 800);
    });
  };
  // Open them gradually (50 per 100 ms), as a flood would ramp up.
  for (let i = 0; i < count; i += 1) setTimeout(() => one(i), Math.floor(i / 50) * 100);
  return {
    open: () => open.size,
    stop: () => {
      running = false;
      for (const socket of open) socket.destroy();
    },
  };
}

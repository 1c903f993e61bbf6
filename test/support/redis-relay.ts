import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface RedisRelay {
  readonly server: Server;
  readonly port: number;
}

/**
 * A loopback TCP relay in front of a real redis-server whose replies reach the client late: each
 * reply chunk is held back `holdMs()` milliseconds (asked once per chunk), never before the chunk
 * ahead of it, so replies keep their order. Commands go through at once. Closing the server
 * closes every connection it relayed.
 */
export async function redisRelay(redisPort: number, holdMs: () => number): Promise<RedisRelay> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: redisPort });
    sockets.add(client).add(upstream);
    let lastRelease = 0;
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      lastRelease = Math.max(Date.now() + holdMs(), lastRelease);
      setTimeout(() => void (client.writable && client.write(chunk)), lastRelease - Date.now());
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  server.on('close', () => sockets.forEach((socket) => socket.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

import type { AddressInfo } from 'node:net';
import type { MockServerOptions } from '../config/mock-server-options.js';
import { createHttpServer } from '../edges/node/create-http-server.js';
import { nodeListener } from '../edges/node/node-listener.js';
import { buildFromOptions } from './create-mock.js';
import type { MockServer } from './mock.js';

export type { MockServer } from './mock.js';

/** How long the server must have been quiet before Prism is loaded in the background. */
const PRISM_IDLE_MS = 250;

/** createMock's mock behind node:http, listening, with the limits and access log of a shared server. */
export async function createMockServer(input: MockServerOptions = {}): Promise<MockServer> {
  const { mock, built, options, logger, edge, warm } = await buildFromOptions(input);
  const http = createHttpServer(options, logger);
  // A server that fails to listen or to close still lets go of its store and upstream.
  const closeMockAndThrow = async (error: unknown): Promise<never> => {
    await mock.close();
    throw error;
  };
  await http.listen(nodeListener(built.core, http.guard, edge), options.port, options.host).catch(closeMockAndThrow);
  // Prism (only for operations without a handler) takes about a second of blocked event loop to
  // load: not before listening (start-up stays fast), and not while requests are being answered,
  // but at the first quiet moment. A request that needs it sooner loads it itself and waits.
  if (options.loadPrism === 'idle') http.whenIdle(PRISM_IDLE_MS, warm);
  const { port } = http.server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  const server = Object.defineProperties({}, Object.getOwnPropertyDescriptors(mock)) as MockServer;
  server.url = `http://${host}:${port}`;
  server.port = port;
  server.close = async () => {
    built.stopping.abort();
    const closed = await http.close().catch(closeMockAndThrow);
    return { ...closed, ...(await mock.close()) };
  };
  return server;
}

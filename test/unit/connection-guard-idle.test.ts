import { Socket } from 'node:net';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ConnectionGuard, type Serve } from '../../src/edges/node/connection-guard.js';

// idleFor is polled (Prism's background load waits for a quiet server); the guard counts
// requests instead of reading the clock for each one.
describe('ConnectionGuard.idleFor', () => {
  const guard = () => new ConnectionGuard({ maxConnections: 10, evict: () => undefined, refuse: () => undefined });
  const response = {} as ServerResponse;

  it('is idle from the start once the quiet period has passed', () => {
    const g = guard();
    expect(g.idleFor(250, 100)).toBe(false);
    expect(g.idleFor(250, 300)).toBe(true);
  });

  it('is not idle while a request runs, nor until the quiet period has passed since a poll saw one', () => {
    const g = guard();
    let done = (): void => undefined;
    const serve: Serve = (_received, finish) => (done = finish);
    const socket = new Socket();
    g.accept(socket);
    g.dispatch(socket, response, serve);
    expect(g.idleFor(250, 1000)).toBe(false);
    expect(g.idleFor(250, 2000)).toBe(false);
    done();
    // Quiet since the last poll that saw it running (2000).
    expect(g.idleFor(250, 2100)).toBe(false);
    expect(g.idleFor(250, 2250)).toBe(true);
    g.dispatch(socket, response, (_received, finish) => finish());
    expect(g.idleFor(250, 2300)).toBe(false);
    expect(g.idleFor(250, 2500)).toBe(false);
    expect(g.idleFor(250, 2550)).toBe(true);
  });
});

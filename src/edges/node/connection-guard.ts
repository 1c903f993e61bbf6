import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

interface Connection {
  /** A request of this connection is being handled: from its arrival until its answer is written. */
  running: boolean;
  /** The running request has arrived whole (its body read): it is being answered, not waited for. */
  received: boolean;
  response: ServerResponse | null;
  /** Requests pipelined behind the running one, in the order they arrived. */
  readonly queue: Array<() => void>;
  /** `socket.bytesRead` when it last had nothing half-sent (at connect, after each answer). */
  idleBytes: number;
}

/** A connection the guard closes to make room: answer 408 if `response` or `halfSent`, else just close. */
export interface Eviction {
  readonly socket: Socket;
  /** The response of a request whose body is still arriving. */
  readonly response: ServerResponse | null;
  /** Bytes of a next request arrived, but not all of its headers. */
  readonly halfSent: boolean;
}

export interface ConnectionGuardOptions {
  readonly maxConnections: number;
  readonly evict: (eviction: Eviction) => void;
  /** A connection over the cap when none can be evicted (every one is being answered). */
  readonly refuse: (socket: Socket) => void;
}

/** Called by whoever serves a request: `received` once it arrived whole, `done` once it is answered. */
export type Serve = (received: () => void, done: () => void) => void;

const noop = (): void => undefined;

/**
 * Every open connection, for three jobs. Order: pipelined requests run one after the other (Node
 * would run them at once; a GET behind a PATCH would read the old value). Cap: at `maxConnections`
 * a new connection closes the one waiting longest without a complete request (idle keep-alive,
 * trickled header or body), so idle or slow sockets cannot lock real clients out. Shutdown:
 * connections not being answered close at once; the others after their answer.
 */
export class ConnectionGuard {
  readonly #connections = new Map<Socket, Connection>();
  /** Connections with no complete request, longest-waiting first (a Set keeps insertion order). */
  readonly #waiting = new Set<Socket>();
  #stopping = false;
  #running = 0;
  /** Requests dispatched so far, and the count `idleFor` last saw (a clock read per request cost more). */
  #requests = 0;
  #requestsSeen = 0;
  #quietSince = 0;

  constructor(private readonly options: ConnectionGuardOptions) {}

  /** True when no request ran or arrived in the last `ms`, as polling calls see it (noticed by the next call). */
  idleFor(ms: number, now: number): boolean {
    if (this.#running > 0 || this.#requests !== this.#requestsSeen) {
      this.#requestsSeen = this.#requests;
      this.#quietSince = now;
      return false;
    }
    return now - this.#quietSince >= ms;
  }

  /** The server's 'connection' event. */
  accept(socket: Socket): void {
    if (this.#stopping) return void socket.destroy();
    if (this.#connections.size >= this.options.maxConnections && !this.#evictOne()) return this.options.refuse(socket);
    this.#connections.set(socket, { running: false, received: false, response: null, queue: [], idleBytes: socket.bytesRead });
    this.#waiting.add(socket);
    socket.once('close', () => {
      this.#connections.delete(socket);
      this.#waiting.delete(socket);
    });
  }

  /** Runs `serve` now, or after the requests before it on the same connection are answered. */
  dispatch(socket: Socket, response: ServerResponse, serve: Serve): void {
    this.#requests += 1;
    const connection = this.#connections.get(socket);
    if (connection === undefined) return serve(noop, noop);
    if (connection.running) connection.queue.push(() => this.#start(socket, connection, response, serve));
    else this.#start(socket, connection, response, serve);
  }

  /** True while a response is part-written on the connection: nothing else may be written to it then. */
  responding(socket: Socket): boolean {
    const response = this.#connections.get(socket)?.response;
    return response !== null && response !== undefined && response.headersSent && !response.writableEnded;
  }

  /** Shutdown begins: idle and half-sent connections close now, the others once answered. */
  stop(): void {
    this.#stopping = true;
    for (const [socket, connection] of this.#connections) if (!connection.received) socket.destroy();
  }

  /** Shutdown's grace is over: closes what is left; returns how many requests that cut. */
  cut(): number {
    let cut = 0;
    for (const [socket, connection] of this.#connections) {
      if (connection.received) cut += 1 + connection.queue.length;
      socket.destroy();
    }
    return cut;
  }

  #start(socket: Socket, connection: Connection, response: ServerResponse, serve: Serve): void {
    connection.running = true;
    connection.received = false;
    connection.response = response;
    this.#running += 1;
    if (this.#stopping) response.setHeader('connection', 'close');
    let finished = false;
    serve(
      () => {
        if (connection.received || finished) return;
        connection.received = true;
        this.#waiting.delete(socket);
      },
      () => {
        if (finished) return;
        finished = true;
        this.#running -= 1;
        this.#done(socket, connection, response);
      },
    );
  }

  #done(socket: Socket, connection: Connection, response: ServerResponse): void {
    connection.running = false;
    connection.received = false;
    connection.response = null;
    connection.idleBytes = socket.bytesRead;
    const next = connection.queue.shift();
    if (next !== undefined) return next();
    if (this.#stopping) {
      if (response.writableFinished) socket.destroy();
      else response.once('close', () => socket.destroy());
      return;
    }
    // Waiting again, from now: to the back of the line.
    this.#waiting.delete(socket);
    if (this.#connections.has(socket)) this.#waiting.add(socket);
  }

  #evictOne(): boolean {
    for (const socket of this.#waiting) {
      const connection = this.#connections.get(socket);
      this.#waiting.delete(socket);
      this.#connections.delete(socket);
      if (connection === undefined) continue;
      const response = connection.running && !connection.received ? connection.response : null;
      this.options.evict({ socket, response, halfSent: response === null && socket.bytesRead > connection.idleBytes });
      return true;
    }
    return false;
  }
}

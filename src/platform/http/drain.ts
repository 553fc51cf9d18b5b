import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * A node's way out of a load balancer's rotation. `begin()` flips /api/health/ready to 503 and has
 * every response from then on ask its client to close the connection (so keep-alive clients
 * reconnect, through the balancer, to another node); `close()` stops accepting connections and
 * lets the requests in flight (downloads included) finish, cutting what is left after the grace.
 */
export interface Drain {
  readonly draining: boolean;
  /** Requests being answered now, on every listening address. */
  readonly inFlight: number;
  begin(): void;
  /** Stops listening and waits for the requests in flight, at most `graceMs`; answers how many connections were cut. */
  close(graceMs: number): Promise<{ cut: number }>;
  /** Ends the grace now (a second Ctrl-C): the connections still open are cut. */
  cutNow(): void;
}

/** How long a connection stays open after its last answer while the node closes (unless its client closes it first). */
const LINGER_MS = 5000;

/** Installs the bookkeeping on the app (before its routes) and answers the drain that `startServer` drives. */
export function installDrain(app: FastifyInstance): Drain {
  let draining = false;
  let closing = false;
  let inFlight = 0;
  let cut = 0;
  let cutNow: () => void = () => {};
  /** Each open connection that has carried a request, and how many of its requests are unanswered. */
  const connections = new Map<Socket, number>();

  const endIfIdle = (socket: Socket) => {
    if (connections.get(socket) === 0 && !socket.destroyed) socket.end();
  };

  // A callback hook, not an async one: it runs on every request, and needs no promise.
  app.addHook('onRequest', (request, reply, done) => {
    const socket = request.raw.socket;
    if (draining) reply.header('connection', 'close');
    inFlight++;
    if (!connections.has(socket)) socket.once('close', () => connections.delete(socket));
    connections.set(socket, (connections.get(socket) ?? 0) + 1);
    // 'close' comes once the answer is out, or when the client went away before it.
    reply.raw.once('close', () => {
      inFlight--;
      const left = (connections.get(socket) ?? 1) - 1;
      if (connections.has(socket)) connections.set(socket, left);
      // A keep-alive connection whose answer went out while closing is ended a little later, not at
      // once: the kernel may still hold the end of a download for a slow client, and some clients
      // (Node's fetch) drop a body whose connection closes while they are still reading it.
      if (closing) setTimeout(() => endIfIdle(socket), LINGER_MS).unref();
    });
    done();
  });

  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    begin() {
      draining = true;
    },
    async close(graceMs) {
      draining = true;
      closing = true;
      // Stops listening on every address; new requests on connections still open get a 503 (Fastify, while closing).
      const closed = app.close();
      // HOST=localhost listens on two addresses; Fastify closes the second one on this event of the
      // first (otherwise only once the first has closed, i.e. after the requests in flight).
      app.server.emit('unref');
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => {
        cutNow = resolve;
        timer = setTimeout(resolve, graceMs);
      });
      const finished = await Promise.race([closed.then(() => true), graceOver.then(() => false)]);
      clearTimeout(timer);
      if (!finished) {
        for (const socket of connections.keys()) {
          if ((connections.get(socket) ?? 0) > 0) cut++;
          socket.destroy();
        }
        app.server.closeAllConnections();
        await closed;
      }
      return { cut };
    },
    cutNow() {
      cutNow();
    },
  };
}

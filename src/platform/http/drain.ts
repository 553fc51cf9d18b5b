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

/** Installs the bookkeeping on the app (before its routes) and answers the drain that `startServer` drives. */
export function installDrain(app: FastifyInstance): Drain {
  let draining = false;
  let closing = false;
  let inFlight = 0;
  let cut = 0;
  let cutNow: () => void = () => {};
  /** Each open connection that has carried a request, and how many of its requests are unanswered. */
  const connections = new Map<Socket, number>();

  /** A connection with nothing in flight is closed once the node is closing; a busy one when its answer is out. */
  const endIfIdle = (socket: Socket) => {
    if (closing && connections.get(socket) === 0 && !socket.destroyed) socket.end();
  };

  app.addHook('onRequest', async (request, reply) => {
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
      // After Node's own bookkeeping of the finished response, so the socket is idle when ended.
      setImmediate(() => endIfIdle(socket));
    });
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
      for (const socket of connections.keys()) endIfIdle(socket);
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

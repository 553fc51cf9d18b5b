import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';

/** An id a proxy or client may hand in: short, printable ASCII without spaces (it goes into every log line and back out as a header). */
const ACCEPTABLE = /^[\x21-\x7e]{1,128}$/;

/** The request's id: the incoming X-Request-Id when it is acceptable (a load balancer's, to follow a request across nodes), else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
}

/** Every answer names its request id, so a user's report or a proxy's log leads to the server's log lines. */
export function echoRequestId(app: FastifyInstance) {
  // A callback hook, not an async one: it runs on every request, and needs no promise.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header(REQUEST_ID_HEADER, req.id);
    done();
  });
}

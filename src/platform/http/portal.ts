import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../errors.js';
import type { ProblemSender } from './problem.js';

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/**
 * Serves the built portal, and answers unknown paths: problem+json under /api, the portal's
 * index.html for other page addresses (the portal routes them itself).
 */
export async function installPortal(app: FastifyInstance, sendProblem: ProblemSender, root = webDist) {
  const hasPortal = existsSync(path.join(root, 'index.html'));
  if (hasPortal) {
    await app.register(fastifyStatic, { root, wildcard: false, index: false, maxAge: '1h', immutable: false });
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    if (url.startsWith('/api') || !hasPortal || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendProblem(new DomainError('ROUTE_NOT_FOUND', 404, `No route ${req.method} ${url}`), req, reply);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

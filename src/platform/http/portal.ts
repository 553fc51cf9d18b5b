import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../errors.js';
import { projectRoot } from '../project-root.js';
import type { ProblemSender } from './problem.js';

export const webDist = path.join(projectRoot, 'web/dist');

/** Vite names every built file under assets/ by its content hash: a new release has new names. */
const HASHED = `assets${path.sep}`;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * index.html with a slot for the CSP nonce of each answer: a `<meta property="csp-nonce">` whose
 * nonce the portal hands to Mantine for the `<style>` elements it writes (web/src/main.tsx).
 */
function nonceTemplate(html: string): (nonce: string) => string {
  const at = html.indexOf('<head>');
  if (at < 0) return () => html;
  const head = html.slice(0, at + '<head>'.length);
  const rest = html.slice(at + '<head>'.length);
  return (nonce) => `${head}\n    <meta property="csp-nonce" nonce="${nonce}" />${rest}`;
}

/**
 * Serves the built portal, and answers unknown paths: problem+json under /api, the portal's
 * index.html for other page addresses (the portal routes them itself). index.html is never
 * cached without asking (`no-cache`), so a new release is seen at the next load; the hashed
 * files it names are cached for a year.
 */
export async function installPortal(
  app: FastifyInstance,
  sendProblem: ProblemSender,
  root = webDist,
  policyWithStyleNonce?: (nonce: string) => string,
) {
  const indexFile = path.join(root, 'index.html');
  const hasPortal = existsSync(indexFile);
  const page = hasPortal ? nonceTemplate(readFileSync(indexFile, 'utf8')) : null;
  if (hasPortal) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      cacheControl: false,
      // index.html goes through the handler below, which gives it its nonce.
      allowedPath: (pathname) => pathname !== '/index.html',
      setHeaders: (reply: FastifyReply, file: string) => {
        reply.header('cache-control', path.relative(root, file).startsWith(HASHED) ? IMMUTABLE : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    if (url.startsWith('/api') || !page || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendProblem(new DomainError('ROUTE_NOT_FOUND', 404, `No route ${req.method} ${url}`), req, reply);
    }
    const nonce = randomBytes(16).toString('base64');
    if (policyWithStyleNonce) reply.header('content-security-policy', policyWithStyleNonce(nonce));
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page(nonce));
  });
}

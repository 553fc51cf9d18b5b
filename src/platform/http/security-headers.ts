import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

type Directives = Record<string, string[]>;

/**
 * The Content-Security-Policy of every answer, measured against the portal in Chromium
 * (test/e2e/security-headers.test.ts visits every page and fails on any violation):
 * - scripts: only the portal's own bundle files ('self'); the built index.html has no inline script;
 * - styles: the portal's stylesheet ('self') and the `<style>` elements Mantine writes at run time
 *   (its CSS variables, its responsive classes, Grid/SimpleGrid/AppShell media rules, generated
 *   per component, so no hash can list them). index.html answers carry a fresh nonce for those
 *   (see `withStyleNonce`), which Mantine puts on each element (`getStyleNonce`, and get-nonce
 *   for the scroll lock under its Modal), so no 'unsafe-inline'. Style *attributes* that React sets go through the CSSOM, which CSP allows;
 * - images, fonts, API calls: 'self' only (Mantine draws its icons as inline SVG elements);
 * - frames: the operator's mail viewer frames a mail from this origin; nobody may frame us.
 */
function portalDirectives(https: boolean): Directives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'"],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'frame-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * /api/docs (swagger-ui): its scripts and stylesheets are its own files, but its bundle writes
 * `<style>` elements and style attributes without any nonce support; under the portal's policy
 * Chromium blocks both (measured: style-src-elem in swagger-ui-bundle.js, and inline style), so
 * styles need 'unsafe-inline' on this page alone; its logo and icons are data: SVGs. Scripts
 * stay 'self' only.
 */
function docsDirectives(https: boolean): Directives {
  return {
    ...portalDirectives(https),
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'frame-src': ["'none'"],
  };
}

const serialize = (d: Directives) =>
  Object.entries(d)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');

export interface SecurityPolicies {
  /** The policy of an index.html answer, whose Mantine `<style>` elements carry this nonce. */
  withStyleNonce(nonce: string): string;
  /** The policy of the API documentation page. */
  docs: string;
}

/** Answers under the API: their bodies belong to one caller (the documentation pages are the same for all). */
const isApi = (url: string) => (url.startsWith('/api/') && !url.startsWith('/api/docs')) || url.startsWith('/scim/');
const sentCredentials = (req: FastifyRequest) =>
  req.actor !== null || req.headers.authorization !== undefined || req.headers.cookie !== undefined;
const isProblem = (reply: FastifyReply) => String(reply.getHeader('content-type') ?? '').startsWith('application/problem+json');

/**
 * The headers every answer carries, worked out once: @fastify/helmet built the same set anew for
 * every request (its options parsed again each time), a measurable part of an activation's CPU.
 * The names and values are helmet 8's defaults with our choices (test/http/security-headers.test.ts
 * checks them): the CSP above, X-Frame-Options DENY, Referrer-Policy no-referrer, HSTS on https.
 */
function fixedHeaders(https: boolean, directives: Directives): Record<string, string> {
  return {
    'content-security-policy': Object.entries(directives)
      .map(([name, values]) => [name, ...values].join(' '))
      .join(';'),
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    ...(https ? { 'strict-transport-security': `max-age=${365 * 24 * 3600}; includeSubDomains` } : {}),
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  };
}

/**
 * Security headers on every answer: the CSP above, X-Frame-Options DENY with frame-ancestors
 * 'none', nosniff, Referrer-Policy no-referrer (links carry tokens in their query), HSTS only when
 * the public address is https (on http it would be ignored or, behind a proxy that adds TLS later,
 * pin a browser to a port that does not speak it). A route may set its own CSP over them (the
 * portal's nonce, the docs, the mail viewer). And `Cache-Control: no-store` on problem answers and
 * on API answers to a caller who sent credentials, whatever the route set: such an answer is
 * theirs alone and must not stay in a shared or disk cache. Anonymous API answers keep the route's
 * own policy (the public key, a signed download), or no-store when it set none.
 *
 * Both hooks are plain callbacks, not async functions: they run on every request (an activation's
 * hot path), and an async hook costs a promise and a turn of the microtask queue each.
 */
export function installSecurityHeaders(app: FastifyInstance, { https }: { https: boolean }): SecurityPolicies {
  const directives = portalDirectives(https);
  const headers = fixedHeaders(https, directives);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
  app.addHook('onSend', (req, reply, payload, done) => {
    const api = isApi(req.url);
    if (isProblem(reply) || (api && sentCredentials(req)) || (api && !reply.hasHeader('cache-control'))) {
      reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
  return {
    withStyleNonce: (nonce) => serialize({ ...directives, 'style-src': [...(directives['style-src'] ?? []), `'nonce-${nonce}'`] }),
    docs: serialize(docsDirectives(https)),
  };
}

import type { FastifyRequest } from 'fastify';
import { stdSerializers } from 'pino';

/**
 * No secret in any log line. Secrets reach a log three ways, and each is cut here, in the
 * logger's serializers and its message hook, so that no call site has to remember:
 * - URLs: mailed links and signed download links carry their secret in the query
 *   (`?token=`, `?signature=`, the SSO callback's `?code=&state=`) or in a path segment
 *   (`/auth/invitations/<token>`);
 * - failed statements: Drizzle's error says "Failed query: … params: <every parameter>", which
 *   for a user row includes the argon2 password hash; PostgreSQL's `detail` may quote the row;
 * - anything else that happens to hold a credential we can recognise by its shape.
 */
export const REDACTED = '[redacted]';

/** Query parameters whose value is a credential, whatever the route. */
const SECRET_PARAM = /^(?:token|signature|sig|code|state|password|secret|key|[a-z_]*_token|[a-z_]*_secret|session_state)$/i;
/** A random secret as a path segment: long base64url with both cases (UUIDs, slugs and hex are single-case). */
const SECRET_SEGMENT = /^(?=.*[a-z])(?=.*[A-Z])[A-Za-z0-9_-]{24,}$/;
/** URL-ish text: a path (after a space, quote, `=`, or the start) with an optional query. */
const URL_IN_TEXT = /(^|[\s"'(=:,[])((?:https?:\/\/[^\s/"']+)?\/[^\s"'<>)]*)/g;
/** An argon2 hash in PHC form: `$argon2id$v=19$m=…,t=…,p=…$<salt>$<digest>`, all of it. */
const ARGON2 = /\$argon2(?:id|i|d)\$(?:v=\d+\$)?m=\d+,t=\d+,p=\d+(?:\$[A-Za-z0-9+/.-]+){0,2}|\$argon2(?:id|i|d)\$[A-Za-z0-9+/=$.-]*/g;
/** Personal API tokens, directory (SCIM) tokens and training providers' credentials, by their prefix. */
const BEARER = /\b(?:lsc|scim|tpc)_[A-Za-z0-9_-]{16,}/g;
/** The provisioning webhooks' signing secret (Standard Webhooks: "whsec_" and standard base64, percent-encoded in a URL or not). */
const WEBHOOK_SECRET = /\bwhsec_(?:[A-Za-z0-9+/=]|%2[BbFf]|%3[Dd]){16,}/g;
/** Drizzle's failed-query message: the parameters run to the end of the line. */
const QUERY_PARAMS = /(\bparams: )[^\n]*/g;

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name);
      } catch {
        // a malformed name is compared as it is
      }
      return SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join('&');
}

/** Credentials recognisable by their shape, wherever they stand: argon2 hashes, prefixed tokens, webhook secrets. */
const redactTokens = (text: string) => text.replace(ARGON2, REDACTED).replace(BEARER, REDACTED).replace(WEBHOOK_SECRET, REDACTED);

/** A URL or path with the secret query parameters, secret-looking path segments and prefixed tokens replaced. */
export function redactUrl(raw: string): string {
  const url = redactTokens(raw);
  const q = url.indexOf('?');
  const pathPart = q < 0 ? url : url.slice(0, q);
  const path = pathPart
    .split('/')
    .map((segment) => (SECRET_SEGMENT.test(segment) ? REDACTED : segment))
    .join('/');
  return q < 0 ? path : `${path}?${redactQuery(url.slice(q + 1))}`;
}

/** Free text (a message, a stack) with every recognisable secret replaced. */
export function redactText(text: string): string {
  return redactTokens(text)
    .replace(QUERY_PARAMS, `$1${REDACTED}`)
    .replace(URL_IN_TEXT, (_all, lead: string, url: string) => `${lead}${redactUrl(url)}`);
}

type SerializedError = ReturnType<typeof stdSerializers.err>;

/** Keys whose values are never logged: statement parameters and PostgreSQL's row-quoting detail. */
const SECRET_KEYS = new Set([
  'params',
  'parameters',
  'detail',
  'password',
  'passwordHash',
  'password_hash',
  'token',
  'cookie',
  'authorization',
]);

/** The error as pino would log it, with the parameters of failed statements and every recognisable secret cut. */
export function serializeError(err: unknown): SerializedError {
  const literal = new Set<string>();
  // The exact parameter list of a failed statement (of the error or a cause), wherever it is quoted:
  // "params: …" runs to the end of its line, but a parameter may itself hold a line break. (A short
  // list, such as "1", is left to the line rule rather than cut out of every number in the text.)
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    const params = (e as { params?: unknown }).params;
    if (Array.isArray(params) && String(params).length >= 8) literal.add(String(params));
  }
  const cut = (s: string) => {
    let out = s;
    for (const l of literal) out = out.split(l).join(REDACTED);
    return redactText(out);
  };
  return scrub(stdSerializers.err(err as Error), cut, 0) as SerializedError;
}

function scrub(value: unknown, cut: (s: string) => string, depth: number): unknown {
  if (typeof value === 'string') return cut(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, cut, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.has(k) ? REDACTED : scrub(v, cut, depth + 1);
  return out;
}

/** Fastify's request line (method, url, host, address) with the URL's secrets cut. */
function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

export interface LogDestination {
  write(line: string): void;
}

/** The logger of the app: Fastify's pino with the serializers and the message hook above. */
export function loggerOptions(level: string, stream?: LogDestination) {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: { req: serializeRequest, err: serializeError, error: serializeError },
    // Whatever a call site logs by hand: header objects and credential fields by name.
    redact: {
      paths: [
        'headers.cookie',
        'headers.authorization',
        'headers["x-csrf-token"]',
        'headers["set-cookie"]',
        '*.headers.cookie',
        '*.headers.authorization',
        '*.headers["x-csrf-token"]',
        '*.headers["set-cookie"]',
        'password',
        '*.password',
      ],
      censor: REDACTED,
    },
    hooks: {
      // Messages are text too: "Route GET:/api/v1/auth/invitations/<token> not found".
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? redactText(a) : a)),
        );
      },
    },
  };
}

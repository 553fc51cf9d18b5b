import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/** Who asks: a session (its cookie and CSRF header), anything else carrying headers, or no one. */
export type Who = { headers: Record<string, string> } | null | undefined;

export interface RequestOptions {
  /** More headers (an Idempotency-Key, an Accept-Language, …), over the session's. */
  headers?: Record<string, string>;
  /** The client's address, for the per-address limits. */
  remoteAddress?: string;
}

type Payload = InjectOptions['payload'];

export interface Requests {
  get(url: string): Promise<LightMyRequestResponse>;
  head(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: Payload): Promise<LightMyRequestResponse>;
  put(url: string, payload?: Payload): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: Payload): Promise<LightMyRequestResponse>;
  delete(url: string, payload?: Payload): Promise<LightMyRequestResponse>;
}

/** A path of the API (under /api/v1) unless it names another root of the app (/api/…, /scim/…). */
const urlOf = (url: string) => (/^\/(api|scim)\//.test(url) ? url : `/api/v1${url}`);

/**
 * Requests to the app (app.inject) as someone: `as(admin).get('/users')`, `as(null).post(…)` for
 * an anonymous caller. One helper instead of a request wrapper in each test file.
 */
export function requestsAs(app: FastifyInstance, who: Who, options: RequestOptions = {}): Requests {
  const send = (method: InjectOptions['method'], url: string, payload?: Payload) =>
    app.inject({
      method,
      url: urlOf(url),
      headers: { ...who?.headers, ...options.headers },
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
      ...(payload === undefined ? {} : { payload }),
    });
  return {
    get: (url) => send('GET', url),
    head: (url) => send('HEAD', url),
    post: (url, payload) => send('POST', url, payload),
    put: (url, payload) => send('PUT', url, payload),
    patch: (url, payload) => send('PATCH', url, payload),
    delete: (url, payload) => send('DELETE', url, payload),
  };
}

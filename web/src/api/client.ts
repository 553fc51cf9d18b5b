import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

/** The named shapes of the server's OpenAPI document (generated: scripts/api-types.ts). */
export type Schemas = components['schemas'];

/** RFC 9457 problem body; `code` is the stable, translatable part. Synthesized ones (network failures) lack `type`. */
export type Problem = Pick<Schemas['Problem'], 'code' | 'status' | 'title'> & Partial<Schemas['Problem']>;

/** A failed API call, carrying the problem+json body (or a synthesized one for network failures). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }
}

/** The code of a refused API call (the contract the portal translates), or undefined for any other error. */
export const problemCode = (error: unknown): string | undefined => (error instanceof ApiError ? error.code : undefined);

/** A problem's extension member beyond the standard ones (e.g. `attemptsLeft`, `userId`, `workAccount`). */
export function problemDetail<T>(error: unknown, key: string): T | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.problem[key] as T | undefined;
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).code === 'string' &&
    typeof (value as Problem).title === 'string'
  );
}

/** Changes carry the CSRF token from the readable `lsc_csrf` cookie (double-submit); a failed network is NETWORK. */
const session: Middleware = {
  onRequest({ request }) {
    if (request.method === 'GET') return;
    const csrf = readCookie('lsc_csrf');
    if (csrf) request.headers.set('X-CSRF-Token', csrf);
  },
  onError: () => new ApiError({ code: 'NETWORK', status: 0, title: 'Network error' }),
};

/**
 * The backend on the same origin, typed by its OpenAPI document: a path, parameter or field the
 * server does not have fails `tsc -p web`. Call through `answer`, which throws refusals.
 */
export const api = createClient<paths>({ credentials: 'same-origin', headers: { Accept: 'application/json' } });
api.use(session);

/**
 * The body of a successful call (undefined for 204). A refused call throws ApiError with the
 * server's problem; an answer that is not one gets a code from its status.
 */
export async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  if (isProblem(error)) throw new ApiError({ ...error, status: error.status ?? response.status });
  const code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 404 ? 'NOT_FOUND' : 'INTERNAL';
  throw new ApiError({ code, status: response.status, title: response.statusText });
}

/** The address of a route for a plain link or navigation (the browser fetches it itself, with the session cookie). */
export function href(path: keyof paths, params: { path?: Record<string, string | number>; query?: URLSearchParams } = {}): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params.path?.[name])));
  const query = params.query?.toString();
  return query ? `${filled}?${query}` : filled;
}

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** What a route answers with when it succeeds. */
export type Answer<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? Json<R[keyof R & (200 | 201 | 202)]>
  : never;

/** A route's query parameters. */
export type Query<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { parameters: { query?: infer Q } }
  ? NonNullable<Q>
  : never;

/** The JSON body a route takes. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: infer B }
  ? Json<NonNullable<B>>
  : never;

import type { Problem } from './types';

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
  return (error.problem as unknown as Record<string, unknown>)[key] as T | undefined;
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

async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  if (isProblem(body)) return new ApiError({ ...body, status: body.status ?? response.status });
  const code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 404 ? 'NOT_FOUND' : 'INTERNAL';
  return new ApiError({ code, status: response.status, title: response.statusText });
}

/**
 * Calls the backend on the same origin. Non-GET requests carry the CSRF token from the readable
 * `lsc_csrf` cookie (double-submit). Resolves with the parsed JSON, or undefined for 204.
 */
export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie('lsc_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ code: 'NETWORK', status: 0, title: 'Network error' });
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

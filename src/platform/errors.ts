/**
 * Every failure a client can act on is a DomainError with a stable code. The code is the contract:
 * the portal translates it, scripts branch on it, and the English title is only a fallback.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what = 'resource') => new DomainError('NOT_FOUND', 404, `The ${what} was not found.`);
export const forbidden = (action: string) => new DomainError('FORBIDDEN', 403, 'Your roles do not allow this.', { action });
export const unauthenticated = () => new DomainError('UNAUTHENTICATED', 401, 'Sign in to continue.');
export const invalid = (code: string, message: string, details?: Record<string, unknown>) => new DomainError(code, 400, message, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) => new DomainError(code, 409, message, details);

/** RFC 9457 body. `code` is our extension member; `errors` lists field problems when there are any. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

export function problemType(code: string): string {
  return `https://lsc.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}

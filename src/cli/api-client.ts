/**
 * The CLI's side of the API: a personal API token as `Authorization: Bearer`, JSON in and out,
 * RFC 9457 problems turned into errors that keep their stable `code`.
 */

/** Where `lsc start` listens by default (HOST localhost: 127.0.0.1 and ::1, PORT 3000). */
export const DEFAULT_SERVER = 'http://localhost:3000';

/** A refusal from the API, or a failure to reach it; `code` is the problem's code when the server sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Credentials {
  server: string;
  token: string;
}

/** Every command that talks to a server takes it from `--server`, else LSC_SERVER, else the default. */
export const SERVER_OPTION_HELP = `the Licensing Service Center (default: LSC_SERVER, else ${DEFAULT_SERVER})`;

/** The server from `--server`, else LSC_SERVER, else where `lsc start` listens by default. */
export function resolveServer(opts: { server?: string }, env: NodeJS.ProcessEnv = process.env): string {
  // An empty variable counts as unset, as shells make it easy to export one by mistake.
  const server = (opts.server || env.LSC_SERVER || DEFAULT_SERVER).replace(/\/+$/, '');
  try {
    const u = new URL(server);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new ApiError(0, undefined, `The server address "${server}" is not an http:// or https:// URL.`);
  }
  return server;
}

/**
 * The server and token from the options, else LSC_SERVER and LSC_TOKEN. A token given on the
 * command line is visible to other users of the machine (ps), so the environment is the one the
 * messages suggest.
 */
export function resolveCredentials(opts: { server?: string; token?: string }, env: NodeJS.ProcessEnv = process.env): Credentials {
  const server = resolveServer(opts, env);
  const token = (opts.token || env.LSC_TOKEN || '').trim();
  if (!token) {
    throw new ApiError(
      0,
      undefined,
      'A personal API token is needed: create one in the portal (Profile, API tokens) and set LSC_TOKEN=lsc_… (or pass --token).',
    );
  }
  return { server, token };
}

export interface ApiClient {
  readonly server: string;
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** A request with a body of the caller's choosing (a stream for uploads); the answer is JSON. */
  send<T>(method: string, path: string, init: { headers: Record<string, string>; body: BodyInit }): Promise<T>;
}

type Fetch = typeof fetch;

async function problemOf(res: Response): Promise<{ code?: string; message: string }> {
  const text = await res.text().catch(() => '');
  try {
    const p = JSON.parse(text) as { code?: unknown; detail?: unknown; title?: unknown };
    const message = typeof p.detail === 'string' ? p.detail : typeof p.title === 'string' ? p.title : text;
    return { ...(typeof p.code === 'string' ? { code: p.code } : {}), message };
  } catch {
    return { message: text.slice(0, 200) || res.statusText };
  }
}

export function createApiClient(credentials: Credentials, fetchImpl: Fetch = fetch): ApiClient {
  const { server, token } = credentials;

  async function call<T>(method: string, path: string, init: { headers: Record<string, string>; body?: BodyInit }): Promise<T> {
    let res: Response;
    try {
      res = await fetchImpl(`${server}/api/v1${path}`, {
        method,
        headers: { accept: 'application/json', authorization: `Bearer ${token}`, ...init.headers },
        ...(init.body !== undefined ? { body: init.body, duplex: 'half' } : {}),
      } as RequestInit);
    } catch (e) {
      const cause = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
      throw new ApiError(0, undefined, `Could not reach ${server}: ${cause}`);
    }
    if (res.ok) return (await res.json()) as T;
    const problem = await problemOf(res);
    if (res.status === 401) {
      throw new ApiError(401, problem.code, `${server} did not accept the API token (${problem.message}). Create a new one in the portal.`);
    }
    throw new ApiError(res.status, problem.code, problem.message);
  }

  return {
    server,
    json: <T>(method: string, path: string, body?: unknown) =>
      call<T>(method, path, {
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    send: <T>(method: string, path: string, init: { headers: Record<string, string>; body: BodyInit }) => call<T>(method, path, init),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

/**
 * The one item of a search whose code is `code`: an exact match first, else the only
 * case-insensitive one. The searches match codes by substring, so "OFF-PP-2024" also finds
 * "OFF-PP-2024-LTSC"; picking the exact code is the caller's part.
 */
export function pickByCode<T extends { code: string }>(items: T[], code: string): T | undefined {
  const exact = items.find((i) => i.code === code);
  if (exact) return exact;
  const folded = items.filter((i) => i.code.toLowerCase() === code.toLowerCase());
  return folded.length === 1 ? folded[0] : undefined;
}

import { randomUUID } from 'node:crypto';
import { type RetryPolicy, retryDelay, type Sleep, sleep } from '../../../platform/backoff.js';
import type { MachineKind } from '../certificate.js';

/**
 * The calls a machine, a proxy tool or a KMS host makes to the service's activation API. Plain
 * fetch, no dependencies: scripts and `lsc activate` use it as is.
 *
 * An activation is counted when the server commits it, before the answer is sent, so an answer
 * can be lost on the way (a dropped connection, a restarted server). Every call is therefore
 * retried with growing waits, with the same body (the same fingerprints) and one Idempotency-Key
 * for all its attempts: the retry gets the first answer and counts nothing again.
 */

/** The service said no (a 4xx problem): asking again would not change the answer. */
export class ActivationRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly problem: Record<string, unknown>,
  ) {
    super(`${code}: ${String(problem.detail ?? problem.title ?? status)}`);
    this.name = 'ActivationRefused';
  }
}

/**
 * No answer: the service could not be reached, the connection dropped, or the service failed
 * (5xx, 429). Whether the activation was counted is unknown until a retry asks again.
 */
export class ServiceUnavailable extends Error {
  /** How many attempts were made before giving up. */
  attempts = 1;
  constructor(
    readonly server: string,
    readonly status: number | null,
    readonly reason: string,
  ) {
    super(
      status === null
        ? `Could not reach the Licensing Service Center at ${server} (${reason})`
        : `The Licensing Service Center at ${server} answered ${status} (${reason})`,
    );
    this.name = 'ServiceUnavailable';
  }
}

export interface CallOptions {
  /** One key for every attempt of this call; a new UUID when not given. */
  idempotencyKey?: string;
  /** Attempts and waits; ACTIVATION_RETRY when not given. */
  retry?: RetryPolicy;
  sleep?: Sleep;
  /** Told before each wait, e.g. to say that the service is being asked again. */
  onRetry?: (failure: ServiceUnavailable, waitMs: number) => void;
}

/** Six attempts over about 15 seconds: a server restart fits, a machine is not held up for long. */
export const ACTIVATION_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 8000 };

/** An attempt that gets no answer in this time is given up and retried. */
const ATTEMPT_TIMEOUT_MS = 30_000;

const RETRIED_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

export interface MachineInput {
  fingerprint: string;
  hostname?: string;
  machineKind?: MachineKind;
}

export interface ActivationAnswer {
  status: 'ACTIVATED' | 'ALREADY_ACTIVATED';
  activationId: string;
  certificate: string;
  activatedAt: string;
  activations: { used: number; limit: number };
}

export interface ProxyAnswer {
  results: ({ fingerprint: string } & (
    | { status: 'ACTIVATED' | 'ALREADY_ACTIVATED'; activationId: string; certificate: string }
    | { status: 'REFUSED'; code: string; detail: string }
  ))[];
  activations: { used: number; limit: number };
}

export interface KmsHostAnswer {
  status: 'ACTIVATED';
  hostId: string;
  certificate: string;
  hosts: { used: number; limit: number };
  hostActivations: { used: number; limit: number };
}

/** Why a request got no answer, in words, from fetch's error (its cause carries the system's code). */
function reasonOf(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`;
  switch (err.cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused: is it running, at this address?';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection dropped';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name is not known';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'the connection timed out';
  }
  return err.cause?.message ?? err.message ?? String(e);
}

async function once<T>(
  serviceUrl: string,
  path: string,
  init: { method: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> },
): Promise<T> {
  const url = new URL(path, serviceUrl);
  const server = url.origin;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: { accept: 'application/json', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    // The body too: a connection can drop between the status line and the end of the answer.
    text = await res.text();
  } catch (e) {
    throw new ServiceUnavailable(server, null, reasonOf(e));
  }
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    if (res.ok) throw new Error(`${server} answered, but not as a Licensing Service Center does: is this the right address?`);
  }
  if (RETRIED_STATUSES.has(res.status)) throw new ServiceUnavailable(server, res.status, String(body.code ?? body.title ?? res.statusText));
  if (!res.ok) throw new ActivationRefused(res.status, String(body.code ?? `HTTP_${res.status}`), body);
  return body as T;
}

/**
 * Sends the request until an answer arrives: dropped connections, timeouts and 5xx are retried
 * with growing waits, with the same body and Idempotency-Key; a refusal (4xx) is final at once.
 */
async function call<T>(
  serviceUrl: string,
  path: string,
  init: { method: 'GET' | 'POST'; body?: unknown; idempotent?: boolean },
  opts: CallOptions = {},
): Promise<T> {
  const policy = opts.retry ?? ACTIVATION_RETRY;
  const headers: Record<string, string> = init.idempotent ? { 'idempotency-key': opts.idempotencyKey ?? randomUUID() } : {};
  for (let failure = 1; ; failure++) {
    try {
      return await once<T>(serviceUrl, path, { ...init, headers });
    } catch (e) {
      if (!(e instanceof ServiceUnavailable)) throw e;
      e.attempts = failure;
      if (failure >= policy.attempts) throw e;
      const wait = retryDelay(failure, policy);
      opts.onRetry?.(e, wait);
      await (opts.sleep ?? sleep)(wait);
    }
  }
}

/** R-KEY-4, independent activation: this machine calls in once with the MAK (or redeems an OSA key). */
export function activateWithKey(
  serviceUrl: string,
  input: { productKey: string; productCode: string } & MachineInput,
  opts: CallOptions = {},
): Promise<ActivationAnswer> {
  return call(serviceUrl, '/api/v1/activations', { method: 'POST', body: input, idempotent: true }, opts);
}

/**
 * R-KEY-4, proxy activation: one request on behalf of many machines, a result for each. Sent
 * again with the same Idempotency-Key (as every retry here is), it gets the first answer back.
 */
export function activateByProxy(
  serviceUrl: string,
  input: { productKey: string; productCode: string; machines: MachineInput[] },
  opts: CallOptions = {},
): Promise<ProxyAnswer> {
  return call(serviceUrl, '/api/v1/activations/proxy', { method: 'POST', body: input, idempotent: true }, opts);
}

/** R-KEY-5: a KMS host activates itself with its host key, presenting the public key it will sign grants with. */
export function activateKmsHost(
  serviceUrl: string,
  input: { productKey: string; productCode: string; hostPublicKey: string } & MachineInput,
  opts: CallOptions = {},
): Promise<KmsHostAnswer> {
  return call(serviceUrl, '/api/v1/kms-hosts/activate', { method: 'POST', body: input, idempotent: true }, opts);
}

/** The publisher's public key that every certificate verifies against. */
export async function fetchPublicKey(serviceUrl: string, opts: CallOptions = {}): Promise<{ keyId: string; publicKeyPem: string }> {
  return call(serviceUrl, '/api/v1/activation/public-key', { method: 'GET' }, opts);
}

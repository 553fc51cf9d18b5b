import type { MachineKind } from '../certificate.js';

/**
 * The calls a machine, a proxy tool or a KMS host makes to the service's activation API. Plain
 * fetch, no dependencies: scripts and `lsc activate` use it as is.
 */

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

async function call<T>(
  serviceUrl: string,
  path: string,
  init: { method: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> },
) {
  const res = await fetch(new URL(path, serviceUrl), {
    method: init.method,
    headers: { accept: 'application/json', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new ActivationRefused(res.status, String(body.code ?? `HTTP_${res.status}`), body);
  return body as T;
}

/** R-KEY-4, independent activation: this machine calls in once with the MAK (or redeems an OSA key). */
export function activateWithKey(
  serviceUrl: string,
  input: { productKey: string; productCode: string } & MachineInput,
  idempotencyKey?: string,
): Promise<ActivationAnswer> {
  return call(serviceUrl, '/api/v1/activations', {
    method: 'POST',
    body: input,
    headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
  });
}

/** R-KEY-4, proxy activation: one request on behalf of many machines, a result for each. */
export function activateByProxy(
  serviceUrl: string,
  input: { productKey: string; productCode: string; machines: MachineInput[] },
): Promise<ProxyAnswer> {
  return call(serviceUrl, '/api/v1/activations/proxy', { method: 'POST', body: input });
}

/** R-KEY-5: a KMS host activates itself with its host key, presenting the public key it will sign grants with. */
export function activateKmsHost(
  serviceUrl: string,
  input: { productKey: string; productCode: string; hostPublicKey: string } & MachineInput,
  idempotencyKey?: string,
): Promise<KmsHostAnswer> {
  return call(serviceUrl, '/api/v1/kms-hosts/activate', {
    method: 'POST',
    body: input,
    headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
  });
}

/** The publisher's public key that every certificate verifies against. */
export async function fetchPublicKey(serviceUrl: string): Promise<{ keyId: string; publicKeyPem: string }> {
  return call(serviceUrl, '/api/v1/activation/public-key', { method: 'GET' });
}

import type { KeyObject } from 'node:crypto';
import type { Clock } from '../../../platform/clock.js';
import { CertificateError, verifyKmsGrant } from '../certificate.js';
import type { KmsAnswer, KmsRequest } from '../kms-host/host.js';
import { afterAttempt, type ClientState, type KmsAttempt, shouldContactHost } from '../kms-rules.js';

/** One call to the organization's KMS host. */
export async function askKmsHost(hostUrl: string, req: KmsRequest): Promise<KmsAnswer> {
  const res = await fetch(new URL('/kms/v1/activate', hostUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(req),
  });
  const body = (await res.json().catch(() => ({}))) as Partial<KmsAnswer> & { code?: string };
  if (typeof body.status !== 'string') throw new Error(`the KMS host answered ${res.status} ${body.code ?? ''}`.trim());
  return body as KmsAnswer;
}

export interface KmsClientRun {
  state: ClientState;
  contacted: boolean;
  answer?: KmsAnswer;
}

/**
 * What `lsc activate --kms` does on each run: when the machine is not activated, or its renewal is
 * due, and no retry wait is running, it asks the host; a grant is kept only if it verifies up to
 * the publisher's key. A host that cannot be reached or whose threshold is not met is tried again
 * after the retry interval; the machine keeps working meanwhile (R-KEY-6).
 */
export async function runKmsClient(opts: {
  state: ClientState;
  hostUrl: string;
  publisherKey: KeyObject | string;
  clock: Clock;
  retryHours: number;
  hostname?: string | null;
}): Promise<KmsClientRun> {
  const { state, clock } = opts;
  if (!shouldContactHost(state, clock.now())) return { state, contacted: false };
  let answer: KmsAnswer;
  try {
    answer = await askKmsHost(opts.hostUrl, {
      fingerprint: state.fingerprint,
      pool: state.pool,
      machineKind: state.machineKind,
      hostname: opts.hostname ?? null,
    });
  } catch (e) {
    const attempt: KmsAttempt = { ok: false, error: `KMS host unreachable: ${e instanceof Error ? e.message : String(e)}` };
    return { state: afterAttempt(state, attempt, clock.now(), opts.retryHours), contacted: true };
  }
  let attempt: KmsAttempt;
  if (answer.status === 'ACTIVATED') {
    try {
      verifyKmsGrant(answer.grant, opts.publisherKey, { fingerprint: state.fingerprint, now: clock.now() });
      attempt = { ok: true, grant: answer.grant, renewAfter: answer.renewAfter, expiresAt: answer.expiresAt };
    } catch (e) {
      attempt = { ok: false, error: `grant rejected: ${e instanceof CertificateError ? e.reason : String(e)}` };
    }
  } else if (answer.status === 'THRESHOLD_NOT_MET') {
    attempt = { ok: false, error: `threshold not met (${answer.count} of ${answer.threshold})`, retryAfter: answer.retryAfter };
  } else {
    attempt = { ok: false, error: `${answer.status}: ${'detail' in answer ? answer.detail : ''}` };
  }
  return { state: afterAttempt(state, attempt, clock.now(), opts.retryHours), contacted: true, answer };
}

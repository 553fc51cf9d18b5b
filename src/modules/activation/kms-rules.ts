import type { KmsPolicy, LicensePoolCode, MachineKind } from './certificate.js';

/**
 * The KMS-style on-prem activation of R-KEY-5 and R-KEY-6, as pure functions of the time passed in.
 * The KMS host and the `lsc activate` client run them; the numbers come from the host's certificate
 * (signed by the service from src/config.ts) or from the client's own config.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const addMs = (d: Date, ms: number) => new Date(d.getTime() + ms);

/**
 * Operating systems share one count (a server activates from 5 machines, a client OS from 25, both
 * counting every Windows-type machine that asked); Office-type applications have their own.
 */
export type CountDomain = 'OS' | 'APPS';
export const countDomain = (pool: LicensePoolCode): CountDomain => (pool === 'APPLICATIONS' ? 'APPS' : 'OS');

/**
 * Which machines a host may activate, from the pool of its host key: a server key activates servers
 * and client operating systems, a client-OS key only client operating systems, an application key
 * only applications.
 */
export function hostServes(hostPool: LicensePoolCode, clientPool: LicensePoolCode): boolean {
  if (hostPool === 'SERVERS') return clientPool === 'SERVERS' || clientPool === 'SYSTEMS';
  return hostPool === clientPool;
}

/** A machine the host has heard from. Virtual machines count like physical ones (R-KEY-5). */
export interface KmsClientRecord {
  fingerprint: string;
  pool: LicensePoolCode;
  machineKind: MachineKind;
  firstSeenAt: string;
  lastSeenAt: string;
}

/** R-KEY-5: machines of the domain heard from within the count window; one that has not renewed in time no longer counts. */
export function activeCount(clients: Iterable<KmsClientRecord>, domain: CountDomain, now: Date, policy: KmsPolicy): number {
  const since = now.getTime() - policy.countWindowDays * DAY;
  let n = 0;
  for (const c of clients) if (countDomain(c.pool) === domain && Date.parse(c.lastSeenAt) > since) n++;
  return n;
}

/** Records a request: a machine counts from its first request, whether or not it is activated yet. */
export function recordRequest(
  clients: ReadonlyMap<string, KmsClientRecord>,
  req: { fingerprint: string; pool: LicensePoolCode; machineKind: MachineKind },
  now: Date,
): Map<string, KmsClientRecord> {
  const next = new Map(clients);
  const prior = clients.get(req.fingerprint);
  next.set(req.fingerprint, {
    fingerprint: req.fingerprint,
    pool: req.pool,
    machineKind: req.machineKind,
    firstSeenAt: prior?.firstSeenAt ?? now.toISOString(),
    lastSeenAt: now.toISOString(),
  });
  return next;
}

/** Records that have not counted for a whole window: the host may forget them. */
export function prune(clients: ReadonlyMap<string, KmsClientRecord>, now: Date, policy: KmsPolicy): Map<string, KmsClientRecord> {
  const since = now.getTime() - policy.countWindowDays * DAY;
  return new Map([...clients].filter(([, c]) => Date.parse(c.lastSeenAt) > since));
}

export type KmsDecision =
  | { status: 'ACTIVATED'; count: number; threshold: number; grantedAt: Date; renewAfter: Date; expiresAt: Date }
  | { status: 'THRESHOLD_NOT_MET'; count: number; threshold: number; retryAfter: Date }
  | { status: 'NOT_SERVED' };

/**
 * R-KEY-5: a host activates a machine once its domain's count reaches the machine's threshold, for
 * the grant period; the machine renews after the renewal interval. Below the threshold it is told
 * to retry later and keeps its grace period (R-KEY-6).
 */
export function decide(policy: KmsPolicy, hostPool: LicensePoolCode, clientPool: LicensePoolCode, count: number, now: Date): KmsDecision {
  if (!hostServes(hostPool, clientPool)) return { status: 'NOT_SERVED' };
  const threshold = policy.thresholds[clientPool];
  if (count < threshold) return { status: 'THRESHOLD_NOT_MET', count, threshold, retryAfter: addMs(now, policy.retryHours * HOUR) };
  return {
    status: 'ACTIVATED',
    count,
    threshold,
    grantedAt: now,
    renewAfter: addMs(now, policy.renewDays * DAY),
    expiresAt: addMs(now, policy.grantDays * DAY),
  };
}

/** What a machine remembers of its activation (the `lsc activate` state file). */
export interface ClientState {
  fingerprint: string;
  pool: LicensePoolCode;
  machineKind: MachineKind;
  /** The grace period runs from installation… */
  installedAt: string;
  /** R-KEY-4: a MAK certificate is permanent. */
  mak?: { certificate: string; activatedAt: string };
  /** A KMS grant lasts until it expires and is renewed before. */
  kms?: { grant: string; renewAfter: string; expiresAt: string };
  nextAttemptAt?: string;
  lastError?: string;
}

export type ClientStatus =
  | { mode: 'ACTIVATED'; method: 'MAK' | 'KMS'; expiresAt: Date | null; renewDue: boolean }
  | { mode: 'GRACE'; graceEndsAt: Date; daysLeft: number }
  | { mode: 'NOTIFICATION'; since: Date };

/**
 * R-KEY-6: activated (by MAK for good, by KMS until the grant expires); otherwise a grace period
 * (30 days from installation, or from the end of a lapsed KMS grant) and then notification mode:
 * reminders, never a stop. No status here stops the machine from working.
 */
export function clientStatus(state: ClientState, now: Date, graceDays: number): ClientStatus {
  if (state.mak) return { mode: 'ACTIVATED', method: 'MAK', expiresAt: null, renewDue: false };
  const t = now.getTime();
  if (state.kms && t < Date.parse(state.kms.expiresAt)) {
    return { mode: 'ACTIVATED', method: 'KMS', expiresAt: new Date(state.kms.expiresAt), renewDue: t >= Date.parse(state.kms.renewAfter) };
  }
  const from = Math.max(Date.parse(state.installedAt), state.kms ? Date.parse(state.kms.expiresAt) : 0);
  const graceEndsAt = new Date(from + graceDays * DAY);
  if (t < graceEndsAt.getTime()) return { mode: 'GRACE', graceEndsAt, daysLeft: Math.ceil((graceEndsAt.getTime() - t) / DAY) };
  return { mode: 'NOTIFICATION', since: graceEndsAt };
}

/** Whether the machine should call its KMS host now: not activated or due for renewal, and not inside a retry wait. */
export function shouldContactHost(state: ClientState, now: Date): boolean {
  if (state.mak) return false;
  if (state.nextAttemptAt && now.getTime() < Date.parse(state.nextAttemptAt)) return false;
  return !state.kms || now.getTime() >= Date.parse(state.kms.renewAfter);
}

export type KmsAttempt =
  | { ok: true; grant: string; renewAfter: string; expiresAt: string }
  | { ok: false; error: string; retryAfter?: string };

/** The state after a call to the host: a grant replaces the old one; a failure waits the retry interval (R-KEY-5: 2 hours). */
export function afterAttempt(state: ClientState, attempt: KmsAttempt, now: Date, retryHours: number): ClientState {
  if (attempt.ok) {
    const { nextAttemptAt: _n, lastError: _e, ...rest } = state;
    return { ...rest, kms: { grant: attempt.grant, renewAfter: attempt.renewAfter, expiresAt: attempt.expiresAt } };
  }
  return { ...state, lastError: attempt.error, nextAttemptAt: attempt.retryAfter ?? addMs(now, retryHours * HOUR).toISOString() };
}

export function kmsPolicyFrom(c: {
  KMS_THRESHOLD_CLIENT_OS: number;
  KMS_THRESHOLD_SERVER: number;
  KMS_THRESHOLD_APPS: number;
  KMS_GRANT_DAYS: number;
  KMS_RENEW_DAYS: number;
  KMS_RETRY_HOURS: number;
  KMS_COUNT_WINDOW_DAYS: number;
}): KmsPolicy {
  return {
    thresholds: { SYSTEMS: c.KMS_THRESHOLD_CLIENT_OS, SERVERS: c.KMS_THRESHOLD_SERVER, APPLICATIONS: c.KMS_THRESHOLD_APPS },
    grantDays: c.KMS_GRANT_DAYS,
    renewDays: c.KMS_RENEW_DAYS,
    retryHours: c.KMS_RETRY_HOURS,
    countWindowDays: c.KMS_COUNT_WINDOW_DAYS,
  };
}

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  activeCount,
  afterAttempt,
  type ClientState,
  clientStatus,
  countDomain,
  decide,
  hostServes,
  type KmsClientRecord,
  kmsPolicyFrom,
  prune,
  recordRequest,
  shouldContactHost,
} from '../../src/modules/activation/kms-rules.js';

const config = loadConfig({});
const policy = kmsPolicyFrom(config);
const DAY = 86_400_000;
const t0 = new Date('2026-03-01T08:00:00Z');
const at = (days: number, hours = 0) => new Date(t0.getTime() + days * DAY + hours * 3_600_000);

describe('KMS rules', () => {
  it('R-KEY-5: thresholds 25 client OS, 5 servers, 5 apps; grant 180 days, renew 7, retry 2 h, count window 30 — all from config', () => {
    expect(policy).toEqual({
      thresholds: { SYSTEMS: 25, SERVERS: 5, APPLICATIONS: 5 },
      grantDays: 180,
      renewDays: 7,
      retryHours: 2,
      countWindowDays: 30,
    });
    expect(config.ACTIVATION_GRACE_DAYS).toBe(30);
    expect(kmsPolicyFrom(loadConfig({ KMS_THRESHOLD_CLIENT_OS: '3' })).thresholds.SYSTEMS).toBe(3);
  });

  it('R-KEY-5: a server activates at 5 counted machines, a client OS at 25; both count in one OS domain, apps in their own', () => {
    expect(decide(policy, 'SERVERS', 'SERVERS', 4, t0).status).toBe('THRESHOLD_NOT_MET');
    expect(decide(policy, 'SERVERS', 'SERVERS', 5, t0).status).toBe('ACTIVATED');
    expect(decide(policy, 'SERVERS', 'SYSTEMS', 24, t0)).toMatchObject({
      status: 'THRESHOLD_NOT_MET',
      count: 24,
      threshold: 25,
      retryAfter: at(0, 2),
    });
    expect(decide(policy, 'SERVERS', 'SYSTEMS', 25, t0)).toEqual({
      status: 'ACTIVATED',
      count: 25,
      threshold: 25,
      grantedAt: t0,
      renewAfter: at(7),
      expiresAt: at(180),
    });
    expect(decide(policy, 'APPLICATIONS', 'APPLICATIONS', 5, t0).status).toBe('ACTIVATED');
    expect(countDomain('SYSTEMS')).toBe(countDomain('SERVERS'));
    expect(countDomain('APPLICATIONS')).not.toBe(countDomain('SYSTEMS'));
  });

  it('R-KEY-5: a server host key serves servers and client OS; a client-OS key only client OS; an app key only apps', () => {
    expect(hostServes('SERVERS', 'SYSTEMS')).toBe(true);
    expect(hostServes('SERVERS', 'APPLICATIONS')).toBe(false);
    expect(hostServes('SYSTEMS', 'SERVERS')).toBe(false);
    expect(hostServes('APPLICATIONS', 'APPLICATIONS')).toBe(true);
    expect(decide(policy, 'SYSTEMS', 'SERVERS', 100, t0).status).toBe('NOT_SERVED');
  });

  it('R-KEY-5: virtual machines count; a machine not heard from within 30 days stops counting', () => {
    let clients = new Map<string, KmsClientRecord>();
    for (let i = 0; i < 10; i++) {
      clients = recordRequest(clients, { fingerprint: `m${i}`, pool: 'SYSTEMS', machineKind: i % 2 ? 'VIRTUAL' : 'PHYSICAL' }, at(0));
    }
    clients = recordRequest(clients, { fingerprint: 'office', pool: 'APPLICATIONS', machineKind: 'VIRTUAL' }, at(0));
    expect(activeCount(clients.values(), 'OS', at(0), policy)).toBe(10);
    expect(activeCount(clients.values(), 'APPS', at(0), policy)).toBe(1);
    clients = recordRequest(clients, { fingerprint: 'm0', pool: 'SYSTEMS', machineKind: 'PHYSICAL' }, at(20));
    expect(clients.get('m0')?.firstSeenAt).toBe(at(0).toISOString());
    expect(activeCount(clients.values(), 'OS', at(29, 23), policy)).toBe(10);
    expect(activeCount(clients.values(), 'OS', at(30), policy)).toBe(1);
    expect([...prune(clients, at(30), policy).keys()]).toEqual(['m0']);
  });

  const fresh: ClientState = { fingerprint: 'pc-1', pool: 'SYSTEMS', machineKind: 'PHYSICAL', installedAt: t0.toISOString() };

  it('R-KEY-6: an unactivated machine has a 30-day grace period, then notification mode — never a stop', () => {
    expect(clientStatus(fresh, at(0), 30)).toMatchObject({ mode: 'GRACE', daysLeft: 30 });
    expect(clientStatus(fresh, at(29, 1), 30)).toMatchObject({ mode: 'GRACE', daysLeft: 1 });
    expect(clientStatus(fresh, at(30), 30)).toEqual({ mode: 'NOTIFICATION', since: at(30) });
    expect(clientStatus(fresh, at(3000), 30).mode).toBe('NOTIFICATION');
  });

  it('R-KEY-6, R-KEY-4: a MAK activation is for good; a KMS grant until it lapses, then a new grace period', () => {
    expect(clientStatus({ ...fresh, mak: { certificate: 'c', activatedAt: t0.toISOString() } }, at(5000), 30)).toMatchObject({
      mode: 'ACTIVATED',
      method: 'MAK',
      expiresAt: null,
    });
    const kms = { ...fresh, kms: { grant: 'g', renewAfter: at(7).toISOString(), expiresAt: at(180).toISOString() } };
    expect(clientStatus(kms, at(1), 30)).toMatchObject({ mode: 'ACTIVATED', method: 'KMS', renewDue: false });
    expect(clientStatus(kms, at(8), 30)).toMatchObject({ mode: 'ACTIVATED', renewDue: true });
    expect(clientStatus(kms, at(181), 30)).toMatchObject({ mode: 'GRACE', graceEndsAt: at(210) });
    expect(clientStatus(kms, at(210), 30).mode).toBe('NOTIFICATION');
  });

  it('R-KEY-5: clients call the host when unactivated or due to renew, and wait 2 hours after a failure', () => {
    expect(shouldContactHost(fresh, at(0))).toBe(true);
    const failed = afterAttempt(fresh, { ok: false, error: 'unreachable' }, at(0), policy.retryHours);
    expect(failed.nextAttemptAt).toBe(at(0, 2).toISOString());
    expect(shouldContactHost(failed, at(0, 1))).toBe(false);
    expect(shouldContactHost(failed, at(0, 2))).toBe(true);
    const hostSaid = afterAttempt(fresh, { ok: false, error: 'below', retryAfter: at(0, 3).toISOString() }, at(0), policy.retryHours);
    expect(hostSaid.nextAttemptAt).toBe(at(0, 3).toISOString());
    const ok = afterAttempt(
      failed,
      { ok: true, grant: 'g', renewAfter: at(7).toISOString(), expiresAt: at(180).toISOString() },
      at(0, 2),
      2,
    );
    expect(ok).toEqual({ ...fresh, kms: { grant: 'g', renewAfter: at(7).toISOString(), expiresAt: at(180).toISOString() } });
    expect(shouldContactHost(ok, at(6))).toBe(false);
    expect(shouldContactHost(ok, at(7))).toBe(true);
    expect(shouldContactHost({ ...fresh, mak: { certificate: 'c', activatedAt: '' } }, at(0))).toBe(false);
  });
});

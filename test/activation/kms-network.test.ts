import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  type KmsHostClaims,
  keyId,
  type LicensePoolCode,
  signCertificate,
  verifyKmsGrant,
} from '../../src/modules/activation/certificate.js';
import { runKmsClient } from '../../src/modules/activation/client/kms-client.js';
import { type KmsHost, openKmsHost } from '../../src/modules/activation/kms-host/host.js';
import { listen, serveKmsHost } from '../../src/modules/activation/kms-host/http.js';
import { type ClientState, clientStatus, kmsPolicyFrom } from '../../src/modules/activation/kms-rules.js';
import { fixedClock } from '../../src/platform/clock.js';

const config = loadConfig({});
const policy = kmsPolicyFrom(config);
const publisher = generateKeyPairSync('ed25519');
const DAY = 86_400_000;
const HOUR = 3_600_000;

function hostCertificate(hostPublicKey: string, pool: LicensePoolCode, organizationId = 'org-contoso'): string {
  const claims: KmsHostClaims = {
    v: 1,
    kind: 'KMS_HOST',
    issuer: keyId(publisher.publicKey),
    id: 'host-1',
    organizationId,
    product: { code: 'WS-2025-DC', name: 'Windows Server', version: '2025', edition: 'Datacenter', pool },
    fingerprint: 'kms-host-01',
    hostname: 'kms01',
    machineKind: 'VIRTUAL',
    issuedAt: new Date().toISOString(),
    keyLastFive: 'QRTVW',
    method: 'KMS_HOST',
    hostPublicKey,
    policy,
  };
  return signCertificate(claims, publisher.privateKey);
}

describe('a simulated network of machines and one KMS host (clock injected)', () => {
  const clock = fixedClock('2026-03-02T08:00:00Z');
  let dir: string;
  let host: KmsHost;
  let server: Server;
  let url: string;
  const machines = new Map<string, ClientState>();
  const machine = (name: string, pool: LicensePoolCode, virtual: boolean): ClientState => {
    const state: ClientState = {
      fingerprint: name,
      pool,
      machineKind: virtual ? 'VIRTUAL' : 'PHYSICAL',
      installedAt: clock.now().toISOString(),
    };
    machines.set(name, state);
    return state;
  };
  /** Every machine that wants to (not activated, renewal due, retry wait over) calls the host once. */
  const tick = async (names: Iterable<string> = machines.keys()) => {
    const answers: Record<string, string> = {};
    for (const name of names) {
      const state = machines.get(name);
      if (!state) continue;
      const run = await runKmsClient({ state, hostUrl: url, publisherKey: publisher.publicKey, clock, retryHours: policy.retryHours });
      machines.set(name, run.state);
      if (run.answer) answers[name] = run.answer.status;
    }
    return answers;
  };
  const status = (name: string) => clientStatus(machines.get(name) as ClientState, clock.now(), config.ACTIVATION_GRACE_DAYS);
  const activated = () => [...machines.keys()].filter((n) => status(n).mode === 'ACTIVATED');

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lsc-kms-'));
    host = await openKmsHost({ stateFile: path.join(dir, 'host.json'), publisherKey: publisher.publicKey, clock });
    server = serveKmsHost(host);
    url = await listen(server, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  it('R-KEY-5: an unactivated host activates nobody; it accepts only a certificate from the publisher for its own key', async () => {
    machine('srv-01', 'SERVERS', false);
    expect(await tick()).toEqual({ 'srv-01': 'HOST_NOT_ACTIVATED' });
    const stranger = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    await expect(host.install(hostCertificate(stranger, 'SERVERS'))).rejects.toMatchObject({ reason: 'WRONG_MACHINE' });
    const forged = signCertificate(
      {
        ...(JSON.parse(
          Buffer.from(hostCertificate(host.publicKey, 'SERVERS').split('.')[1] ?? '', 'base64url').toString(),
        ) as KmsHostClaims),
      },
      generateKeyPairSync('ed25519').privateKey,
    );
    await expect(host.install(forged)).rejects.toMatchObject({ reason: 'BAD_SIGNATURE' });
    await host.install(hostCertificate(host.publicKey, 'SERVERS'));
    expect(host.status()).toMatchObject({ activated: true, organizationId: 'org-contoso', pool: 'SERVERS' });
  });

  it('R-KEY-5: servers activate from the 5th counted machine; the ones below retry after 2 hours and then activate', async () => {
    clock.advance(2 * HOUR); // srv-01's retry wait after HOST_NOT_ACTIVATED
    for (let i = 2; i <= 5; i++) machine(`srv-0${i}`, 'SERVERS', i % 2 === 0);
    expect(await tick()).toEqual({
      'srv-01': 'THRESHOLD_NOT_MET',
      'srv-02': 'THRESHOLD_NOT_MET',
      'srv-03': 'THRESHOLD_NOT_MET',
      'srv-04': 'THRESHOLD_NOT_MET',
      'srv-05': 'ACTIVATED',
    });
    expect(status('srv-01')).toMatchObject({ mode: 'GRACE', daysLeft: 30 });
    clock.advance(HOUR);
    expect(await tick()).toEqual({}); // inside the 2-hour retry wait nobody calls
    clock.advance(HOUR);
    expect(await tick()).toEqual({ 'srv-01': 'ACTIVATED', 'srv-02': 'ACTIVATED', 'srv-03': 'ACTIVATED', 'srv-04': 'ACTIVATED' });
    expect(activated()).toHaveLength(5);
  });

  it('R-KEY-5: client machines (half of them virtual) activate once 25 machines count, servers included', async () => {
    for (let i = 1; i <= 20; i++) machine(`pc-${String(i).padStart(2, '0')}`, 'SYSTEMS', i % 2 === 0);
    const answers = await tick();
    expect(Object.values(answers).filter((a) => a === 'THRESHOLD_NOT_MET')).toHaveLength(19);
    expect(answers['pc-20']).toBe('ACTIVATED'); // 5 servers + 20 clients = 25
    expect(host.status().counts.OS).toBe(25);
    clock.advance(2 * HOUR);
    await tick();
    expect(activated()).toHaveLength(25);
    // The grant verifies offline up to the publisher's key.
    const state = machines.get('pc-01') as ClientState;
    const { grant } = verifyKmsGrant(state.kms?.grant ?? '', publisher.publicKey, { fingerprint: 'pc-01', now: clock.now() });
    expect(grant).toMatchObject({ kind: 'KMS_CLIENT', organizationId: 'org-contoso', machineKind: 'PHYSICAL' });
    expect(Date.parse(grant.expiresAt) - Date.parse(grant.issuedAt)).toBe(180 * DAY);
    expect(() => verifyKmsGrant(machines.get('pc-02')?.kms?.grant ?? '', publisher.publicKey, { fingerprint: 'pc-01' })).toThrow();
  });

  it('R-KEY-5: an Office-type app is not served by an OS host', async () => {
    machine('office-01', 'APPLICATIONS', true);
    expect(await tick(['office-01'])).toEqual({ 'office-01': 'NOT_SERVED' });
    machines.delete('office-01');
  });

  it('R-KEY-5: machines renew every 7 days; those that stop renewing drop out of the count after 30 days', async () => {
    clock.advance(7 * DAY);
    const renewed = await tick();
    expect(Object.keys(renewed)).toHaveLength(25);
    expect(Object.values(renewed).every((a) => a === 'ACTIVATED')).toBe(true);
    // Ten client machines are switched off; the rest keep renewing weekly.
    const off = [...machines.keys()].filter((n) => n.startsWith('pc-')).slice(0, 10);
    const on = [...machines.keys()].filter((n) => !off.includes(n));
    for (let week = 0; week < 4; week++) {
      clock.advance(7 * DAY);
      await tick(on);
    }
    expect(host.status().counts.OS).toBe(25); // 28 days: still counted
    clock.advance(3 * DAY);
    expect(host.status().counts.OS).toBe(15); // 31 days: the switched-off ten no longer count
    // A new client OS machine is now below its threshold (15 + itself < 25) …
    machine('pc-new', 'SYSTEMS', true);
    expect(await tick(['pc-new'])).toEqual({ 'pc-new': 'THRESHOLD_NOT_MET' });
    // … while a server still activates (16 ≥ 5), and activated machines keep their grant (R-KEY-6: no stop).
    machine('srv-new', 'SERVERS', true);
    expect(await tick(['srv-new'])).toEqual({ 'srv-new': 'ACTIVATED' });
    for (const n of off) expect(status(n)).toMatchObject({ mode: 'ACTIVATED', method: 'KMS' });
  });

  it('R-KEY-6: a machine that never reaches activation works in grace for 30 days, then in notification mode', async () => {
    expect(status('pc-new')).toMatchObject({ mode: 'GRACE', daysLeft: 30 });
    for (let d = 0; d < 30; d++) {
      clock.advance(DAY);
      await tick(['pc-new']);
    }
    expect(status('pc-new').mode).toBe('NOTIFICATION');
    // A switched-off machine whose grant lapses gets a fresh grace period, then reminders.
    const lapsed = machines.get('pc-01') as ClientState;
    clock.set(new Date(Date.parse(lapsed.kms?.expiresAt ?? '') + DAY));
    expect(status('pc-01').mode).toBe('GRACE');
    clock.advance(30 * DAY);
    expect(status('pc-01').mode).toBe('NOTIFICATION');
  });

  it('the host keeps its certificate and counts across a restart', async () => {
    const reopened = await openKmsHost({ stateFile: path.join(dir, 'host.json'), publisherKey: publisher.publicKey, clock });
    expect(reopened.publicKey).toBe(host.publicKey);
    expect(reopened.status()).toEqual(host.status());
    expect(reopened.status().activated).toBe(true);
  });

  it('the host answers bad requests with a code and writes nothing', async () => {
    const post = (body: string) =>
      fetch(`${url}/kms/v1/activate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const known = host.status().known;
    expect((await post('{not json')).status).toBe(400);
    const bad = await post(JSON.stringify({ pool: 'SYSTEMS' }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: ['fingerprint'] });
    expect((await post(JSON.stringify({ fingerprint: 'x'.repeat(200), pool: 'SYSTEMS' }))).status).toBe(400);
    expect(host.status().known).toBe(known);
    expect((await fetch(`${url}/nothing`)).status).toBe(404);
  });
});

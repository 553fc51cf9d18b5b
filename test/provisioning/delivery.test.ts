import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DeliveryDeps, deliverDue, startProvisioningDelivery } from '../../src/modules/provisioning/deliver.js';
import { enqueueProvisioning } from '../../src/modules/provisioning/enqueue.js';
import type { ProvisioningEvent } from '../../src/modules/provisioning/events.js';
import { systemClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

/**
 * Provisioning is a real integration: events go to a real HTTP receiver on loopback, which checks
 * each signature with the Standard Webhooks reference library. Each test starts from an empty outbox.
 */
describe('delivering provisioning events to the publisher’s provisioning system', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let deps: DeliveryDeps;

  const activation: ProvisioningEvent = {
    type: 'service.activation',
    subject: 'service-account-link:1',
    data: { enrollment: '67012345', serviceAccount: 'contoso.onmicrosoft.example' },
  };
  const enqueue = (e: ProvisioningEvent = activation) => enqueueProvisioning(t.database.db, systemClock, e);
  const q = async <T extends Record<string, unknown>>(text: ReturnType<typeof sql>) => (await t.database.db.execute<T>(text)).rows;
  const deliveryOf = async (id: string) =>
    (
      await q<{ state: string; attempts: number; lease: string | null; last_outcome: string | null }>(
        sql`select state, attempts, lease, last_outcome from provisioning_delivery where event_id = ${id}`,
      )
    )[0];
  const attemptsOf = (id: string) =>
    q<{ outcome: string; status_code: number | null; error: string | null; duration_ms: number }>(
      sql`select outcome, status_code, error, duration_ms from provisioning_delivery_attempt where event_id = ${id} order by started_at`,
    );
  /** Rounds on the real clock until the event leaves the queue (retries are due a few milliseconds later). */
  const deliverUntilSettled = async (id: string) => {
    for (let i = 0; i < 200; i++) {
      await deliverDue(deps, new Date());
      if ((await deliveryOf(id))?.state !== 'PENDING') return;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  beforeAll(async () => {
    receiver = await startWebhookReceiver(SECRET);
    t = await createTestApp({
      seed: false,
      env: {
        PROVISIONING_WEBHOOK_URL: receiver.url,
        PROVISIONING_WEBHOOK_SECRET: SECRET,
        PROVISIONING_ALLOW_PRIVATE: 'true',
        // Long enough for a first send on a busy CI machine (the HTTP client loads on first use),
        // which a round is expected to deliver; the never-answering receiver waits it out once.
        PROVISIONING_TIMEOUT_MS: '3000',
        PROVISIONING_RETRY_BASE_SECONDS: '0.02',
        PROVISIONING_RETRY_MAX_SECONDS: '0.05',
        PROVISIONING_MAX_ATTEMPTS: '4',
      },
    });
    deps = { db: t.database.db, config: t.config, clock: systemClock, secrets: { provisioningWebhookSecret: SECRET } };
  }, 120_000);
  afterEach(async () => {
    receiver.behave(() => ({ status: 204 }));
    receiver.received.length = 0;
    await t.database.db.execute(sql`delete from provisioning_event`);
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('R-OS-5, R-OS-6: activation, renewal and de-provisioning arrive signed, with the event id as webhook-id and {type, timestamp, data}', async () => {
    const ids = [
      await enqueue(),
      await enqueue({ type: 'service.renewal', subject: 'service-account-link:1', data: { enrollment: '67099999' } }),
      await enqueue({ type: 'service.deprovision', subject: 'subscription:9', data: { subscription: 'sub-9' } }),
    ];
    const round = await deliverDue(deps, new Date());
    expect(round).toEqual({ attempted: 3, delivered: 3, retrying: 0, failed: 0 });
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(receiver.received.map((r) => r.id).sort()).toEqual([...ids].sort());
    const first = receiver.received.find((r) => r.id === ids[0]);
    expect(first?.body).toEqual({ type: 'service.activation', timestamp: expect.any(String), data: activation.data });
    expect(Math.abs((first?.timestamp ?? 0) - Date.now() / 1000)).toBeLessThan(60);
    for (const id of ids) {
      expect(await deliveryOf(id)).toMatchObject({ state: 'DELIVERED', attempts: 1, lease: null, last_outcome: 'DELIVERED' });
      expect(await attemptsOf(id)).toEqual([{ outcome: 'DELIVERED', status_code: 204, error: null, duration_ms: expect.any(Number) }]);
    }
    // Delivered events are not sent again by later rounds.
    expect((await deliverDue(deps, new Date())).attempted).toBe(0);
  });

  it('a receiver answering 500 and then recovering: retried with the same webhook-id until delivered, every attempt logged', async () => {
    receiver.behave((n) => (n <= 2 ? { status: 500 } : { status: 200 }));
    const id = await enqueue();
    await deliverDue(deps, new Date());
    expect(await deliveryOf(id)).toMatchObject({ state: 'PENDING', attempts: 1, last_outcome: 'HTTP_ERROR' });
    // The retry waits (base 20 ms, jitter over the upper half) before it is due again.
    const [wait] = await q<{ ms: number }>(
      sql`select extract(epoch from next_attempt_at - last_attempt_at) * 1000 as ms from provisioning_delivery where event_id = ${id}`,
    );
    expect(Number(wait?.ms)).toBeGreaterThanOrEqual(10);
    await deliverUntilSettled(id);
    expect(await deliveryOf(id)).toMatchObject({ state: 'DELIVERED', attempts: 3 });
    expect((await attemptsOf(id)).map((a) => [a.outcome, a.status_code, a.error])).toEqual([
      ['HTTP_ERROR', 500, 'HTTP 500'],
      ['HTTP_ERROR', 500, 'HTTP 500'],
      ['DELIVERED', 200, null],
    ]);
    expect(receiver.received.map((r) => r.id)).toEqual([id, id, id]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
  });

  it('a receiver that never answers: the attempt is logged as TIMEOUT and the event stays queued', async () => {
    receiver.behave(() => 'hang');
    const id = await enqueue();
    const started = Date.now();
    const round = await deliverDue(deps, new Date());
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(round).toMatchObject({ attempted: 1, delivered: 0, retrying: 1 });
    const [attempt] = await attemptsOf(id);
    expect(attempt).toMatchObject({ outcome: 'TIMEOUT', status_code: null });
    expect(attempt?.duration_ms).toBeGreaterThanOrEqual(2950);
    expect(await deliveryOf(id)).toMatchObject({ state: 'PENDING', attempts: 1, lease: null, last_outcome: 'TIMEOUT' });
  });

  it('past the attempt limit the event is marked FAILED, kept with its log, and no longer sent', async () => {
    receiver.behave(() => ({ status: 503 }));
    const id = await enqueue();
    await deliverUntilSettled(id);
    expect(await deliveryOf(id)).toMatchObject({ state: 'FAILED', attempts: 4, last_outcome: 'HTTP_ERROR' });
    expect(await attemptsOf(id)).toHaveLength(4);
    expect((await q(sql`select id from provisioning_event where id = ${id}`)).length).toBe(1);
    expect((await deliverDue(deps, new Date(Date.now() + 86_400_000))).attempted).toBe(0);
    // The publisher's staff are told once, at the support address, with a link to the event.
    const mails = await q<{ to_address: string; subject: string; text: string }>(
      sql`select to_address, subject, text from outbox where template = 'provisioningDeliveryFailed' and text like ${`%${id}%`}`,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to_address).toBe(t.config.SUPPORT_MAIL);
    expect(mails[0]?.subject).toBe('Provisioning event not delivered: service.activation about service-account-link:1');
    expect(mails[0]?.text).toContain('after 4 attempts (last outcome: HTTP_ERROR)');
    expect(mails[0]?.text).toContain(`/operator/provisioning/${id}`);
  });

  it('a receiver that is down: UNREACHABLE, still queued; nothing is lost', async () => {
    const down = await startWebhookReceiver(SECRET);
    await down.close();
    const id = await enqueue();
    await deliverDue({ ...deps, config: { ...t.config, PROVISIONING_WEBHOOK_URL: down.url } }, new Date());
    expect(await attemptsOf(id)).toEqual([
      { outcome: 'UNREACHABLE', status_code: null, error: 'ECONNREFUSED', duration_ms: expect.any(Number) },
    ]);
    expect(await deliveryOf(id)).toMatchObject({ state: 'PENDING', attempts: 1 });
  });

  it('a loopback receiver is refused unless the operator allowed private addresses: ADDRESS_REFUSED, still queued', async () => {
    const id = await enqueue();
    const { outbound } = await import('../../src/platform/net/outbound.js');
    await deliverDue({ ...deps, config: { ...t.config, PROVISIONING_ALLOW_PRIVATE: false }, fetch: outbound(false).fetch }, new Date());
    expect(receiver.received).toHaveLength(0);
    expect(await attemptsOf(id)).toEqual([
      { outcome: 'ADDRESS_REFUSED', status_code: null, error: 'loopback', duration_ms: expect.any(Number) },
    ]);
    expect(await deliveryOf(id)).toMatchObject({ state: 'PENDING' });
  });

  it('several workers side by side never send the same event at once, and each event is delivered once', async () => {
    receiver.behave(() => ({ status: 200, delayMs: 30 }));
    const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => enqueue({ ...activation, subject: `link:${i}` })));
    const config = { ...t.config, PROVISIONING_BATCH: 4 };
    const worker = async () => {
      for (let i = 0; i < 30; i++) await deliverDue({ ...deps, config }, new Date());
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(receiver.maxConcurrentPerId()).toBe(1);
    expect(receiver.received.map((r) => r.id).sort()).toEqual([...ids].sort());
    const states = await q<{ n: number }>(
      sql`select count(*)::int as n from provisioning_delivery where state = 'DELIVERED' and attempts = 1 and event_id = any(${sql.param(ids)}::uuid[])`,
    );
    expect(states[0]?.n).toBe(30);
  });

  it('the server’s worker polls: an event enqueued while it runs is delivered without anyone asking', async () => {
    const worker = startProvisioningDelivery({ ...deps, config: { ...t.config, PROVISIONING_POLL_MS: 20 } });
    try {
      const id = await enqueue();
      await expect.poll(async () => (await deliveryOf(id))?.state, { timeout: 5000 }).toBe('DELIVERED');
      expect(receiver.received.map((r) => [r.id, r.verified])).toEqual([[id, true]]);
    } finally {
      await worker.stop();
    }
  });

  it('a lease that ran out (a node that died mid-attempt) lets another worker take the event; the late attempt is logged but decides nothing', async () => {
    receiver.behave(() => ({ status: 200, delayMs: 300 }));
    const id = await enqueue();
    const late = deliverDue(deps, new Date());
    await expect.poll(() => receiver.received.length).toBe(1);
    // The first worker's lease is taken as run out: a second worker claims the event and delivers it first.
    await t.database.db.execute(sql`update provisioning_delivery set next_attempt_at = now() - interval '1 second' where event_id = ${id}`);
    receiver.behave(() => ({ status: 500 }));
    const second = deliverDue(deps, new Date());
    await Promise.all([late, second]);
    // The second (500) decided the state; the first's later 200 was only logged.
    expect((await attemptsOf(id)).map((a) => a.outcome).sort()).toEqual(['DELIVERED', 'HTTP_ERROR']);
    expect(await deliveryOf(id)).toMatchObject({ state: 'PENDING', attempts: 1, last_outcome: 'HTTP_ERROR', lease: null });
  });

  it('without a configured URL nothing is sent and the events wait', async () => {
    const id = await enqueue();
    const round = await deliverDue({ ...deps, config: { ...t.config, PROVISIONING_WEBHOOK_URL: undefined } }, new Date());
    expect(round.attempted).toBe(0);
    expect(await deliveryOf(id)).toMatchObject({ state: 'PENDING', attempts: 0 });
  });
});

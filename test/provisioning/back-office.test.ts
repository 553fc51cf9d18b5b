import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeliveryDeps, deliverDue } from '../../src/modules/provisioning/deliver.js';
import { enqueueProvisioning } from '../../src/modules/provisioning/enqueue.js';
import { createProvisioningService } from '../../src/modules/provisioning/service.js';
import { systemClock } from '../../src/platform/clock.js';
import { loadSecrets } from '../../src/platform/secrets.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import type { Requests } from '../helpers/requests.js';
import { signIn } from '../helpers/session.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

/** The back office's delivery log: list, one event's attempts, redelivery (audited), and its refusals. */
describe('provisioning deliveries in the back office', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let deps: DeliveryDeps;
  let operator: Requests;
  let admin: Requests;
  const ids: Record<'delivered' | 'failed' | 'pending', string> = { delivered: '', failed: '', pending: '' };

  const q = async <T extends Record<string, unknown>>(text: ReturnType<typeof sql>) => (await t.database.db.execute<T>(text)).rows;

  beforeAll(async () => {
    receiver = await startWebhookReceiver(SECRET);
    t = await createTestApp({
      env: {
        SIGN_IN_IP_LIMIT: '1000',
        PROVISIONING_WEBHOOK_URL: receiver.url,
        PROVISIONING_WEBHOOK_SECRET: SECRET,
        PROVISIONING_ALLOW_PRIVATE: 'true',
        PROVISIONING_TIMEOUT_MS: '3000',
        PROVISIONING_MAX_ATTEMPTS: '1',
      },
    });
    deps = { db: t.database.db, config: t.config, clock: systemClock, secrets: { provisioningWebhookSecret: SECRET } };
    operator = t.as(await signIn(t.app, 'operator@northwind.example'));
    admin = t.as(await signIn(t.app, 'admin@contoso.example'));
    const db = t.database.db;
    ids.delivered = await enqueueProvisioning(db, systemClock, { type: 'service.activation', subject: 'link:a', data: { n: 1 } });
    await deliverDue(deps, new Date());
    receiver.behave(() => ({ status: 500 }));
    ids.failed = await enqueueProvisioning(db, systemClock, { type: 'service.deprovision', subject: 'subscription:b', data: { n: 2 } });
    await deliverDue(deps, new Date());
    ids.pending = await enqueueProvisioning(db, systemClock, { type: 'service.renewal', subject: 'link:c', data: { n: 3 } });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('lists events newest first with their delivery state and the count in each state; filters by state and type', async () => {
    const res = await operator.get('/operator/provisioning/events');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.configured).toBe(true);
    expect(page.counts).toEqual({ PENDING: 1, DELIVERED: 1, FAILED: 1 });
    expect(page.items.map((e: { id: string }) => e.id)).toEqual([ids.pending, ids.failed, ids.delivered]);
    expect(page.items[1]).toMatchObject({
      type: 'service.deprovision',
      subject: 'subscription:b',
      delivery: { state: 'FAILED', attempts: 1, lastOutcome: 'HTTP_ERROR', nextAttemptAt: null, deliveredAt: null },
    });
    expect(page.items[2].delivery).toMatchObject({ state: 'DELIVERED', lastOutcome: 'DELIVERED', deliveredAt: expect.any(String) });
    expect(page.items[0].delivery).toMatchObject({ state: 'PENDING', attempts: 0, nextAttemptAt: expect.any(String) });

    const failed = (await operator.get('/operator/provisioning/events?state=FAILED')).json();
    expect(failed.items.map((e: { id: string }) => e.id)).toEqual([ids.failed]);
    const renewals = (await operator.get('/operator/provisioning/events?type=service.renewal')).json();
    expect(renewals.items.map((e: { id: string }) => e.id)).toEqual([ids.pending]);
  });

  it('pages with a cursor; a forged cursor or an unknown state is a stable code', async () => {
    const first = (await operator.get('/operator/provisioning/events?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await operator.get(`/operator/provisioning/events?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((e: { id: string }) => e.id)).toEqual([ids.delivered]);
    expect(second.nextCursor).toBeNull();
    const forged = await operator.get('/operator/provisioning/events?cursor=bm9wZQ');
    expect([forged.statusCode, forged.json().code]).toEqual([400, 'INVALID_CURSOR']);
    const state = await operator.get('/operator/provisioning/events?state=LOST');
    expect([state.statusCode, state.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const nul = await operator.get('/operator/provisioning/events?type=service.renewal%00');
    expect(nul.statusCode).toBe(400);
    expect(nul.headers['content-type']).toContain('application/problem+json');
  });

  it('shows one event’s payload and every attempt with its status code, duration and error', async () => {
    const res = await operator.get(`/operator/provisioning/events/${ids.failed}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: ids.failed,
      data: { n: 2 },
      delivery: { state: 'FAILED' },
      attempts: [
        { outcome: 'HTTP_ERROR', statusCode: 500, error: 'HTTP 500', durationMs: expect.any(Number), startedAt: expect.any(String) },
      ],
    });
    const missing = await operator.get('/operator/provisioning/events/00000000-0000-4000-8000-000000000000');
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'PROVISIONING_EVENT_NOT_FOUND']);
  });

  it('only the publisher’s staff see the log or redeliver', async () => {
    expect((await admin.get('/operator/provisioning/events')).statusCode).toBe(403);
    expect((await admin.post(`/operator/provisioning/events/${ids.failed}/redeliver`)).statusCode).toBe(403);
    expect((await q(sql`select 1 from audit_log where action = 'provisioning.redeliver'`)).length).toBe(0);
  });

  it('redelivers a failed event now, once the receiver is back: delivered, its new attempt logged, the decision audited', async () => {
    receiver.behave(() => ({ status: 202 }));
    receiver.received.length = 0;
    const res = await operator.post(`/operator/provisioning/events/${ids.failed}/redeliver`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ delivery: { state: 'DELIVERED', attempts: 1, lastOutcome: 'DELIVERED' } });
    expect(res.json().attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['DELIVERED', 'HTTP_ERROR']);
    expect(receiver.received.map((r) => [r.id, r.verified])).toEqual([[ids.failed, true]]);
    const [entry] = await q<{ target_id: string; before: { state: string }; after: { state: string } }>(
      sql`select target_id, before, after from audit_log where action = 'provisioning.redeliver'`,
    );
    expect(entry).toMatchObject({ target_id: ids.failed, before: { state: 'FAILED' }, after: { state: 'PENDING' } });
  });

  it('a delivered event may be sent again; a queued one may not (PROVISIONING_EVENT_NOT_REDELIVERABLE), nor an unknown one', async () => {
    const again = await operator.post(`/operator/provisioning/events/${ids.delivered}/redeliver`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().attempts).toHaveLength(2);
    const audited = async () => (await q(sql`select 1 from audit_log where action = 'provisioning.redeliver'`)).length;
    const before = await audited();
    const queued = await operator.post(`/operator/provisioning/events/${ids.pending}/redeliver`);
    expect([queued.statusCode, queued.json().code]).toEqual([409, 'PROVISIONING_EVENT_NOT_REDELIVERABLE']);
    const missing = await operator.post('/operator/provisioning/events/00000000-0000-4000-8000-000000000000/redeliver');
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'PROVISIONING_EVENT_NOT_FOUND']);
    expect(await audited()).toBe(before);
  });

  it('without a configured receiver a redelivery is refused (PROVISIONING_NOT_CONFIGURED) and the event stays as it was', async () => {
    const secrets = await loadSecrets(t.config);
    const unconfigured = createProvisioningService({
      db: t.database.db,
      reads: t.database.reads.db,
      database: t.database,
      clock: systemClock,
      secrets,
      config: { ...t.config, PROVISIONING_WEBHOOK_URL: undefined },
    });
    const [operatorRow] = await q<{ id: string; organization_id: string }>(
      sql`select id, organization_id from "user" where email = 'operator@northwind.example'`,
    );
    const actor = { userId: operatorRow?.id ?? '', organizationId: operatorRow?.organization_id ?? '', requestId: 'test' };
    await expect(unconfigured.redeliver(actor as never, ids.delivered)).rejects.toMatchObject({
      code: 'PROVISIONING_NOT_CONFIGURED',
      status: 409,
    });
    expect((await unconfigured.detail(ids.delivered)).delivery.state).toBe('DELIVERED');
  });
});

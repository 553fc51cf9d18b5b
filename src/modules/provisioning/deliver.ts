import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { type OutboundFetch, outbound } from '../../platform/net/outbound.js';
import { startPolling } from '../../platform/polling.js';
import type { Secrets } from '../../platform/secrets.js';
import { type AttemptResult, attemptDelivery } from './attempt.js';
import { provisioningMails } from './mails.js';
import { afterFailure, type DeliveryLimits } from './retry.js';

export interface DeliveryDeps {
  db: Db;
  config: Config;
  clock: Clock;
  secrets: Pick<Secrets, 'provisioningWebhookSecret'>;
  /** The outbound client; by default the process's, under PROVISIONING_ALLOW_PRIVATE. */
  fetch?: OutboundFetch;
  /** The jitter's source (tests fix it). */
  random?: () => number;
}

export const deliveryLimits = (config: Config): DeliveryLimits => ({
  maxAttempts: config.PROVISIONING_MAX_ATTEMPTS,
  maxAgeMs: config.PROVISIONING_MAX_AGE_HOURS * 3600_000,
  backoff: {
    attempts: config.PROVISIONING_MAX_ATTEMPTS,
    baseDelayMs: config.PROVISIONING_RETRY_BASE_SECONDS * 1000,
    maxDelayMs: config.PROVISIONING_RETRY_MAX_SECONDS * 1000,
  },
});

/**
 * A lease outlasts the attempt it covers (the timeout bounds it) by this margin, so no second node
 * takes an event while its attempt may still be running.
 */
const LEASE_MARGIN_MS = 60_000;

interface Claimed extends Record<string, unknown> {
  event_id: string;
  attempts: number;
  queued_at: string | Date;
  type: string;
  subject: string;
  data: unknown;
  created_at: string | Date;
}

/**
 * Takes up to `limit` due events (or the one named) for this worker in one statement: SKIP LOCKED
 * passes over rows another node is taking at this instant, and the lease with its pushed-back due
 * time keeps them from every other node until this attempt is recorded.
 */
async function claim(db: Db, now: Date, limit: number, lease: string, leaseUntil: Date, eventId?: string): Promise<Claimed[]> {
  const only = eventId ? sql`and event_id = ${eventId}` : sql``;
  const at = now.toISOString();
  const { rows } = await db.execute<Claimed>(sql`
    update provisioning_delivery d set lease = ${lease}, next_attempt_at = ${leaseUntil.toISOString()}::timestamptz
    from provisioning_event e
    where e.id = d.event_id and d.event_id in (
      select event_id from provisioning_delivery
      where state = 'PENDING' and next_attempt_at <= ${at}::timestamptz ${only}
      order by next_attempt_at
      limit ${limit}
      for update skip locked)
    returning d.event_id, d.attempts, d.queued_at, e.type, e.subject, e.data, e.created_at`);
  return rows;
}

/**
 * Logs the attempt and moves the event on. Only the lease's holder moves it: had the lease run out
 * and another node taken the event, this late attempt is still logged but decides nothing. An event
 * given up on is mailed to the publisher's staff (SUPPORT_MAIL) in the same transaction.
 */
async function record(deps: DeliveryDeps, claimed: Claimed, lease: string, startedAt: Date, result: AttemptResult) {
  const attempts = claimed.attempts + 1;
  const now = deps.clock.now();
  const next =
    result.outcome === 'DELIVERED'
      ? { state: 'DELIVERED' as const, nextAttemptAt: now }
      : afterFailure(attempts, new Date(claimed.queued_at), now, deliveryLimits(deps.config), deps.random);
  const nextAttemptAt = next.state === 'PENDING' ? next.nextAttemptAt : now;
  // The attempt and the move in one statement (one round trip: this runs once per event sent).
  // attempts + 1 in SQL, not the value read at claim time: the row is the count's one source.
  const recordAttempt = (tx: DbOrTx) =>
    tx.execute<{ attempts: number }>(sql`
      with logged as (
        insert into provisioning_delivery_attempt (event_id, started_at, duration_ms, outcome, status_code, error)
        values (${claimed.event_id}, ${startedAt.toISOString()}::timestamptz, ${result.durationMs}, ${result.outcome},
          ${result.statusCode}, ${result.error}))
      update provisioning_delivery set
        state = ${next.state}, attempts = attempts + 1, lease = null,
        next_attempt_at = ${nextAttemptAt.toISOString()}::timestamptz,
        last_attempt_at = ${startedAt.toISOString()}::timestamptz, last_outcome = ${result.outcome},
        delivered_at = ${next.state === 'DELIVERED' ? now.toISOString() : null}::timestamptz
      where event_id = ${claimed.event_id} and lease = ${lease}
      returning attempts`);
  if (next.state !== 'FAILED') {
    await recordAttempt(deps.db);
    return next.state;
  }
  await deps.db.transaction(async (tx) => {
    const [row] = (await recordAttempt(tx)).rows;
    if (!row) return;
    await enqueueMail(tx, {
      to: deps.config.SUPPORT_MAIL,
      locale: deps.config.SUPPORT_MAIL_LOCALE,
      template: provisioningMails.provisioningDeliveryFailed,
      params: {
        type: claimed.type,
        subject: claimed.subject,
        attempts: row.attempts,
        outcome: result.outcome,
        url: `${deps.config.publicUrl}/operator/provisioning/${claimed.event_id}`,
      },
    });
  });
  return next.state;
}

export interface DeliveryRound {
  attempted: number;
  delivered: number;
  /** Failed attempts that will be retried. */
  retrying: number;
  /** Failed attempts past the limits: the event is marked failed. */
  failed: number;
}

async function deliverClaimed(deps: DeliveryDeps, url: string, lease: string, claimed: Claimed[]): Promise<DeliveryRound> {
  const fetch = deps.fetch ?? outbound(deps.config.PROVISIONING_ALLOW_PRIVATE).fetch;
  const round: DeliveryRound = { attempted: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  await Promise.all(
    claimed.map(async (c) => {
      const startedAt = deps.clock.now();
      const message = { id: c.event_id, type: c.type, createdAt: new Date(c.created_at), data: c.data };
      const result = await attemptDelivery(
        fetch,
        url,
        deps.secrets.provisioningWebhookSecret,
        message,
        startedAt,
        deps.config.PROVISIONING_TIMEOUT_MS,
      );
      const state = await record(deps, c, lease, startedAt, result);
      if (state === 'DELIVERED') round.delivered++;
      else if (state === 'FAILED') round.failed++;
      else round.retrying++;
    }),
  );
  return round;
}

const leaseUntil = (deps: DeliveryDeps, now: Date) => new Date(now.getTime() + deps.config.PROVISIONING_TIMEOUT_MS + LEASE_MARGIN_MS);

/**
 * One round: the events due at `now`, up to PROVISIONING_BATCH of them, each POSTed at once. Nothing
 * is sent while no URL is configured (the events wait, queued).
 */
export async function deliverDue(deps: DeliveryDeps, now: Date): Promise<DeliveryRound> {
  const url = deps.config.PROVISIONING_WEBHOOK_URL;
  if (!url) return { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  const lease = randomUUID();
  const claimed = await claim(deps.db, now, deps.config.PROVISIONING_BATCH, lease, leaseUntil(deps, now));
  return deliverClaimed(deps, url, lease, claimed);
}

/** Rounds until nothing more is due (bounded: events that fail fast are due again only later). */
export async function deliverAllDue(deps: DeliveryDeps): Promise<DeliveryRound> {
  const total: DeliveryRound = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  for (let i = 0; i < 1000; i++) {
    const round = await deliverDue(deps, deps.clock.now());
    total.attempted += round.attempted;
    total.delivered += round.delivered;
    total.retrying += round.retrying;
    total.failed += round.failed;
    if (round.attempted < deps.config.PROVISIONING_BATCH) break;
  }
  return total;
}

/** One attempt of one event now, if it is queued and no other worker holds it (a redelivery). */
export async function deliverOne(deps: DeliveryDeps, eventId: string): Promise<DeliveryRound | null> {
  const url = deps.config.PROVISIONING_WEBHOOK_URL;
  if (!url) return null;
  const now = deps.clock.now();
  const lease = randomUUID();
  const claimed = await claim(deps.db, now, 1, lease, leaseUntil(deps, now), eventId);
  return claimed.length ? deliverClaimed(deps, url, lease, claimed) : null;
}

/** The server's worker: every PROVISIONING_POLL_MS, every node, side by side. */
export function startProvisioningDelivery(deps: DeliveryDeps, onError?: (e: unknown) => void) {
  return startPolling(() => deliverAllDue(deps), deps.config.PROVISIONING_POLL_MS, onError);
}

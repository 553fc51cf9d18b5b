import { type SQL, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { conflict, DomainError } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { AttemptOutcome } from './attempt.js';
import { type DeliveryDeps, deliverOne } from './deliver.js';
import type { ProvisioningEventType } from './events.js';
import {
  type DeliveryState,
  type ProvisioningEventDetail,
  ProvisioningEventPosition,
  type ProvisioningEventQuery,
  type ProvisioningEventSummary,
} from './schemas.js';

interface EventRow extends Record<string, unknown> {
  id: string;
  type: ProvisioningEventType;
  subject: string;
  created_at: string | Date;
  state: DeliveryState;
  attempts: number;
  queued_at: string | Date;
  next_attempt_at: string | Date;
  last_attempt_at: string | Date | null;
  last_outcome: AttemptOutcome | null;
  delivered_at: string | Date | null;
  data?: unknown;
}

const date = (v: string | Date) => new Date(v);
const maybeDate = (v: string | Date | null) => (v === null ? null : new Date(v));

const summary = (r: EventRow): ProvisioningEventSummary => ({
  id: r.id,
  type: r.type,
  subject: r.subject,
  createdAt: date(r.created_at),
  delivery: {
    state: r.state,
    attempts: r.attempts,
    queuedAt: date(r.queued_at),
    nextAttemptAt: r.state === 'PENDING' ? date(r.next_attempt_at) : null,
    lastAttemptAt: maybeDate(r.last_attempt_at),
    lastOutcome: r.last_outcome,
    deliveredAt: maybeDate(r.delivered_at),
  },
});

/** The events with their delivery state; `withData` adds the payload (one event's detail, not a list). */
const selectEvents = (withData = false) => sql`select e.id, e.type, e.subject, e.created_at, d.state, d.attempts, d.queued_at,
  d.next_attempt_at, d.last_attempt_at, d.last_outcome, d.delivered_at ${withData ? sql`, e.data` : sql``}
  from provisioning_event e join provisioning_delivery d on d.event_id = e.id`;

const ATTEMPTS_SHOWN = 200;

const eventNotFound = () => new DomainError('PROVISIONING_EVENT_NOT_FOUND', 404, 'There is no provisioning event with this id.');

/** The back office's view of the provisioning outbox: what was sent, what waits, what failed; and redelivery. */
export function createProvisioningService(deps: ModuleDeps & Pick<DeliveryDeps, 'fetch'>) {
  const { db, config, clock } = deps;
  const delivery: DeliveryDeps = { db, config, clock, secrets: deps.secrets, ...(deps.fetch ? { fetch: deps.fetch } : {}) };

  async function detail(eventId: string): Promise<ProvisioningEventDetail> {
    const [row] = (await db.execute<EventRow>(sql`${selectEvents(true)} where e.id = ${eventId}`)).rows;
    if (!row) throw eventNotFound();
    const attempts = await db.execute<{
      id: string;
      started_at: string | Date;
      duration_ms: number;
      outcome: AttemptOutcome;
      status_code: number | null;
      error: string | null;
    }>(sql`select id, started_at, duration_ms, outcome, status_code, error from provisioning_delivery_attempt
      where event_id = ${eventId} order by started_at desc, id desc limit ${ATTEMPTS_SHOWN}`);
    return {
      ...summary(row),
      data: row.data ?? null,
      attempts: attempts.rows.map((a) => ({
        id: a.id,
        startedAt: date(a.started_at),
        durationMs: a.duration_ms,
        outcome: a.outcome,
        statusCode: a.status_code,
        error: a.error,
      })),
    };
  }

  return {
    async page(q: ProvisioningEventQuery) {
      const where: SQL[] = [];
      if (q.state) where.push(sql`d.state = ${q.state}`);
      if (q.type) where.push(sql`e.type = ${q.type}`);
      if (q.cursor) {
        const [at, id] = decodeCursor(q.cursor, ProvisioningEventPosition);
        where.push(sql`(e.created_at, e.id) < (${at}::timestamptz, ${id}::uuid)`);
      }
      const filter = where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;
      const found = (
        await db.execute<EventRow>(sql`${selectEvents()} ${filter} order by e.created_at desc, e.id desc limit ${q.limit + 1}`)
      ).rows;
      const items = found.slice(0, q.limit).map(summary);
      const last = items[items.length - 1];
      const counted = await db.execute<{ state: DeliveryState; n: number }>(
        sql`select state, count(*)::int as n from provisioning_delivery group by state`,
      );
      const counts = { PENDING: 0, DELIVERED: 0, FAILED: 0 };
      for (const c of counted.rows) counts[c.state] = c.n;
      return {
        items,
        nextCursor: found.length > q.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
        counts,
        configured: Boolean(config.PROVISIONING_WEBHOOK_URL),
      };
    },

    detail,

    /**
     * Sends a delivered or failed event again, now: it is queued afresh (the retry limits start over),
     * the operator's decision is audited, and one attempt is made at once so the answer shows its
     * outcome; should it fail, the worker retries it as any queued event.
     */
    async redeliver(actor: Actor, eventId: string): Promise<ProvisioningEventDetail> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [row] = (await tx.execute<EventRow>(sql`${selectEvents()} where e.id = ${eventId} for update of d`)).rows;
        if (!row) throw eventNotFound();
        if (row.state === 'PENDING') {
          throw conflict(
            'PROVISIONING_EVENT_NOT_REDELIVERABLE',
            'This event is still queued; only a delivered or failed event is sent again.',
            {
              state: row.state,
            },
          );
        }
        if (!config.PROVISIONING_WEBHOOK_URL) {
          throw conflict('PROVISIONING_NOT_CONFIGURED', 'No provisioning system is configured, so nothing can be sent.');
        }
        await tx.execute(sql`update provisioning_delivery set state = 'PENDING', attempts = 0, lease = null,
          queued_at = ${now.toISOString()}::timestamptz, next_attempt_at = ${now.toISOString()}::timestamptz
          where event_id = ${eventId}`);
        await audit(tx, actor, {
          action: 'provisioning.redeliver',
          targetType: 'provisioning_event',
          targetId: eventId,
          before: { type: row.type, subject: row.subject, state: row.state, attempts: row.attempts },
          after: { state: 'PENDING' },
        });
      });
      await deliverOne(delivery, eventId);
      return detail(eventId);
    },
  };
}

export type ProvisioningService = ReturnType<typeof createProvisioningService>;

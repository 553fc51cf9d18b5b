import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/client.js';
import { mustFindEnrollment, reservingLicensingIds } from './offers.js';
import type { PartnerOfRecord } from './ports.js';
import { type Reservation, reservationsWhere } from './records.js';
import { dayOf, historyOrder, isCommitted, nextAnniversary } from './rules.js';

export type HistoryView = 'reservation' | 'service' | 'licensing-id';

const byHistoryOrder = (a: Reservation, b: Reservation) =>
  historyOrder({ ...a, submittedAt: new Date(a.submittedAt) }, { ...b, submittedAt: new Date(b.submittedAt) });

function reservedOf(items: readonly Reservation[]) {
  const reserved = { ADD_LICENSE: 0, STEP_UP_LICENSE: 0 };
  for (const r of items) if (!r.cancelledAt) reserved[r.action] += r.quantity;
  return reserved;
}

export function createReservationHistory({ db, clock, partners }: { db: Db; clock: Clock; partners: PartnerOfRecord }) {
  return {
    /**
     * R-RES-5: the reservations on every enrollment the actor may reserve on, by reservation
     * (one list), by service or by Licensing ID; cancellable ones first, then newest first.
     */
    async history(actor: Actor, view: HistoryView) {
      const now = clock.now();
      const ids = await reservingLicensingIds(db, actor);
      const items = ids.length
        ? (await reservationsWhere(db, sql`r.licensing_id = any(${sql.param(ids)}::uuid[])`, now)).sort(byHistoryOrder)
        : [];
      const groups = new Map<string, { id: string; name: string; items: Reservation[] }>();
      for (const r of items) {
        const [id, name] =
          view === 'service'
            ? [r.productId, r.serviceName]
            : view === 'licensing-id'
              ? [r.licensingId, `${r.licensingName} (${r.licensingNumber})`]
              : ['all', ''];
        const g = groups.get(id) ?? { id, name, items: [] };
        g.items.push(r);
        groups.set(id, g);
      }
      const withPartners = [...new Set(items.map((r) => r.licensingId))];
      return {
        view,
        groups: [...groups.values()].map((g) => ({ ...g, reserved: reservedOf(g.items) })),
        partners: await Promise.all(
          withPartners.map(async (licensingId) => ({ licensingId, partner: await partners.contactOf(db, licensingId) })),
        ),
      };
    },

    /**
     * R-RES-3: what the enrollment orders at its anniversary: every reservation not cancelled
     * whose cancellation window has passed, summed per service and action. Those still
     * cancellable are counted apart: they may yet be withdrawn.
     */
    async trueUp(licensingId: string) {
      const now = clock.now();
      const e = await mustFindEnrollment(db, licensingId);
      const all = await reservationsWhere(db, sql`r.licensing_id = ${licensingId} and r.cancelled_at is null`, now);
      const lines = new Map<
        string,
        { productId: string; serviceCode: string; serviceName: string; action: Reservation['action']; quantity: number }
      >();
      let pending = 0;
      for (const r of all) {
        if (!isCommitted({ submittedAt: new Date(r.submittedAt), cancelledAt: null }, now)) {
          pending += r.quantity;
          continue;
        }
        const key = `${r.productId}:${r.action}`;
        const line = lines.get(key) ?? {
          productId: r.productId,
          serviceCode: r.serviceCode,
          serviceName: r.serviceName,
          action: r.action,
          quantity: 0,
        };
        line.quantity += r.quantity;
        lines.set(key, line);
      }
      const total = await db.execute<{ n: number }>(
        sql`select coalesce(sum(quantity), 0)::int as n from reservation_total where licensing_id = ${licensingId}`,
      );
      return {
        asOf: dayOf(now),
        reservedTotal: total.rows[0]?.n ?? 0,
        enrollment: { id: e.id, number: e.number, name: e.name, anniversary: nextAnniversary(e.startDate, e.endDate, now) },
        lines: [...lines.values()].sort((a, b) => a.serviceName.localeCompare(b.serviceName) || a.action.localeCompare(b.action)),
        pending,
      };
    },
  };
}

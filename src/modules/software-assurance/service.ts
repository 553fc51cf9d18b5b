import { type SQL, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Actor } from '../../platform/auth/actor.js';
import { visibleLicensingIdsSql } from '../../platform/authz/scope.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { dayOf } from '../orders/rules.js';
import { BENEFIT_CODES, type BenefitCode, requiresActivation } from './benefits.js';
import { type Benefit, benefitsOfTotals } from './rules.js';
import { benefitTotalsByLicensingId, statesByLicensingId } from './sql.js';
import { arrange, type SummaryFilter, type SummaryRow, type SummarySort } from './summary.js';

export interface BenefitLicensingId {
  id: string;
  number: string;
  name: string;
  organization: string;
  /** The customer's organization: the audit entries of the publisher's holds are filed under it. */
  organizationId: string;
  city: string | null;
}

async function licensingIdsIn(db: DbOrTx, ids: SQL): Promise<BenefitLicensingId[]> {
  const res = await db.execute<BenefitLicensingId & Record<string, unknown>>(sql`
    select l.id, l.number, l.name, o.name as organization, o.id as "organizationId", o.city
    from licensing_id l join organization o on o.id = l.organization_id
    where l.id in (${ids})`);
  return res.rows;
}

/** R-SA-3: the benefits the SA Summary lists, those managed online. */
const MANAGED_ONLINE = BENEFIT_CODES.filter(requiresActivation);

/**
 * Eligibility is derived when read, not stored: it depends on the day (coverage ends, future
 * coverage starts) as much as on orders, so a stored figure would need a daily sweep besides the
 * order-ingest hook, and could disagree with the License Summary. The database sums the SA lines
 * per Licensing ID and benefit in one statement (sql.ts benefitTotalsSql), so the summary of 500
 * Licensing IDs with 100 SA lines each reads a few thousand rows (bench/sa-summary.ts).
 */
export function createBenefitReader({ db, clock, config }: { db: Db; clock: Clock; config: Config }) {
  const notice = { soonDays: config.EXPIRING_SOON_DAYS, urgentDays: config.EXPIRY_URGENT_DAYS };

  /** `pooled`: the two reads may run at once on separate connections; in a transaction they run in turn. */
  async function benefitsIn(
    tx: DbOrTx,
    ids: SQL,
    today: string,
    { pooled = false, only }: { pooled?: boolean; only?: readonly BenefitCode[] } = {},
  ): Promise<Map<string, Benefit[]>> {
    const reads = [() => benefitTotalsByLicensingId(tx, ids, today, only), () => statesByLicensingId(tx, ids)] as const;
    const [totals, states] = pooled ? await Promise.all([reads[0](), reads[1]()]) : [await reads[0](), await reads[1]()];
    const out = new Map<string, Benefit[]>();
    for (const [lid, t] of totals) out.set(lid, benefitsOfTotals(t, states.get(lid) ?? new Map(), today, notice));
    return out;
  }

  return {
    /** R-SA-1, R-SA-2: every benefit of one Licensing ID (the route has checked the actor may see it). */
    async ofLicensingId(
      tx: DbOrTx,
      licensingId: string,
    ): Promise<{ asOf: string; licensingId: BenefitLicensingId; benefits: Benefit[] } | null> {
      const today = dayOf(clock.now());
      const ids = sql`${licensingId}::uuid`;
      const [ref] = await licensingIdsIn(tx, ids);
      if (!ref) return null;
      const benefits = (await benefitsIn(tx, ids, today)).get(licensingId) ?? [];
      return { asOf: today, licensingId: ref, benefits: benefits.sort((a, b) => a.benefit.localeCompare(b.benefit)) };
    },

    /** R-SA-3: the benefits managed online, over every Licensing ID the actor may see the SA summary of. */
    async summary(actor: Actor, filter: SummaryFilter, sort: SummarySort, descending: boolean) {
      const today = dayOf(clock.now());
      const ids = visibleLicensingIdsSql(actor, 'sa.view');
      const [refs, benefits] = await Promise.all([
        licensingIdsIn(db, ids),
        benefitsIn(db, ids, today, { pooled: true, only: MANAGED_ONLINE }),
      ]);
      const rows: SummaryRow[] = [];
      for (const ref of refs) {
        for (const b of benefits.get(ref.id) ?? []) {
          if (!requiresActivation(b.benefit)) continue;
          rows.push({
            ...b,
            licensingId: ref.id,
            licensingNumber: ref.number,
            licensingName: ref.name,
            organization: ref.organization,
            city: ref.city,
          });
        }
      }
      return { asOf: today, visibleLicensingIds: refs.length, rows: arrange(rows, filter, sort, descending) };
    },

    /**
     * The publisher finds a customer's Licensing ID by its number (or its beginning) to see its
     * benefits; the same number may stand in several programs, so each match names its program.
     */
    async findByNumber(number: string) {
      const like = `${number.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const res = await db.execute<BenefitLicensingId & { programCode: string } & Record<string, unknown>>(sql`
        select l.id, l.number, l.name, l.program_code::text as "programCode", o.name as organization, o.id as "organizationId", o.city
        from licensing_id l join organization o on o.id = l.organization_id
        where l.number ilike ${like}
        order by l.number, l.program_code limit 50`);
      return res.rows;
    },

    async benefitOf(tx: DbOrTx, licensingId: string, benefit: BenefitCode): Promise<Benefit | undefined> {
      const today = dayOf(clock.now());
      return (await benefitsIn(tx, sql`${licensingId}::uuid`, today, { only: [benefit] })).get(licensingId)?.[0];
    },
  };
}

export type BenefitReader = ReturnType<typeof createBenefitReader>;

import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Actor } from '../../platform/auth/actor.js';
import { rolesGranting } from '../../platform/authz/actions.js';
import { visibleTo } from '../../platform/authz/scope.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/client.js';
import { conflict } from '../../platform/errors.js';
import { orderLinesOf, ordersOf, purchaseHistoryOf } from '../orders/history.js';
import { summaryRows } from '../orders/license-summary.js';
import { expiryNotice } from '../orders/license-summary-rules.js';
import { dayOf } from '../orders/rules.js';
import { type AffiliateRole, type AgreementRef, isOpenProgram, type LicensingIdKind, type Status } from '../relationship/rules.js';
import { createRelationshipService } from '../relationship/service.js';
import { agreement, contact, licensingId, program } from '../relationship/tables.js';

/** A report section the user may not see: shown dimmed, without its data (R-REL-5). */
const DIMMED = { visible: false as const };

type ListedLicensingId = {
  id: string;
  number: string;
  name: string;
  kind: LicensingIdKind;
  programCode: string;
  status: Status;
  startDate: string;
  endDate: string | null;
  affiliateRole: AffiliateRole | null;
};
type Listed = ({ visible: true } & ListedLicensingId) | { visible: false };

/**
 * The three Licensing Information reports of the Relationship Summary (R-REL-4). The guard has
 * authorized the Licensing ID in the path; everything else a report lists is either the
 * actor's own (roles on it) or, for a Select Plus lead affiliate, the participating affiliates
 * of the same agreement in the same organization (R-REL-5). The rest is dimmed.
 */
export function createReportsService({ db, config, clock }: { db: Db; config: Config; clock: Clock }) {
  const relationship = createRelationshipService({ db });
  const reportRoles = rolesGranting('reports.view');

  async function contactsOf(where: { licensingId: string } | { agreementId: string }) {
    return db
      .select({ type: contact.type, name: contact.name, email: contact.email })
      .from(contact)
      .where('licensingId' in where ? eq(contact.licensingId, where.licensingId) : eq(contact.agreementId, where.agreementId))
      .orderBy(asc(contact.type), asc(contact.name));
  }

  const listed = {
    id: licensingId.id,
    number: licensingId.number,
    name: licensingId.name,
    kind: licensingId.kind,
    programCode: licensingId.programCode,
    status: licensingId.status,
    startDate: licensingId.startDate,
    endDate: licensingId.endDate,
    affiliateRole: licensingId.affiliateRole,
    parentAgreementId: licensingId.parentAgreementId,
  };

  /** The Licensing IDs under these parent agreements in one organization, visible or dimmed for the actor. */
  async function licensingIdsUnder(actor: Actor, organizationId: string, parentIds: string[], leadOf: string | null) {
    const byParent = new Map<string, Listed[]>();
    if (parentIds.length === 0) return byParent;
    const rows = await db
      .select({
        ...listed,
        // The actor holds a role on it that shows it.
        mine: visibleTo(actor, 'licensing.view', licensingId.id),
      })
      .from(licensingId)
      .where(and(eq(licensingId.organizationId, organizationId), inArray(licensingId.parentAgreementId, parentIds)))
      .orderBy(asc(licensingId.number));
    for (const { parentAgreementId, mine, ...r } of rows) {
      const key = parentAgreementId ?? '';
      const list = byParent.get(key) ?? [];
      const seen = mine || (leadOf !== null && parentAgreementId === leadOf);
      list.push(seen ? { visible: true as const, ...r } : DIMMED);
      byParent.set(key, list);
    }
    // Dimmed entries last, so their position says nothing about their numbers.
    for (const list of byParent.values()) list.sort((a, b) => Number(b.visible) - Number(a.visible));
    return byParent;
  }

  async function programHasMbsa(code: string) {
    const [p] = await db
      .select({ hasMbsa: program.hasMbsa })
      .from(program)
      .where(eq(program.code, code as typeof program.$inferSelect.code));
    return p?.hasMbsa ?? false;
  }

  /** The lead affiliate's parent agreement: its participating affiliates are the lead's to see (R-REL-5). */
  const leadParent = (r: { programCode: string; affiliateRole: string | null; parent: AgreementRef | null }) =>
    r.programCode === 'SELECT_PLUS' && r.affiliateRole === 'LEAD' && r.parent ? r.parent.id : null;

  async function organizationOf(id: string) {
    const [row] = await db
      .select({ organizationId: licensingId.organizationId, affiliateRole: licensingId.affiliateRole, priceLevel: licensingId.priceLevel })
      .from(licensingId)
      .where(eq(licensingId.id, id));
    if (!row) throw new Error(`licensing id ${id} vanished`);
    return row;
  }

  return {
    /** Licensing ID details: contacts, related licenses, orders, order details, purchase history. */
    async licensingIdReport(actor: Actor, id: string) {
      const today = dayOf(clock.now());
      const row = await relationship.get(actor, id);
      const extra = await organizationOf(id);
      const mayReport = row.roles.some((r) => reportRoles.includes(r));
      const hasMbsa = await programHasMbsa(row.programCode);
      const contacts = await contactsOf({ licensingId: id });
      const channel = contacts.find((c) => c.type === 'CHANNEL_PARTNER');
      const lead = leadParent({ ...row, affiliateRole: extra.affiliateRole });

      let affiliates: { visible: true; items: ListedLicensingId[] } | { visible: false } | null = null;
      if (row.programCode === 'SELECT_PLUS' && row.parent) {
        if (lead) {
          const under = await licensingIdsUnder(actor, extra.organizationId, [lead], lead);
          const items = (under.get(lead) ?? []).filter((x): x is { visible: true } & ListedLicensingId => x.visible && x.id !== id);
          affiliates = { visible: true, items: items.map(({ visible: _, ...x }) => x) };
        } else {
          affiliates = DIMMED;
        }
      }

      const { roles, parent, mbsa, ...details } = row;
      return {
        licensingId: {
          ...details,
          roles,
          parent,
          mbsa,
          affiliateRole: extra.affiliateRole,
          priceLevel: extra.priceLevel,
          expiry: expiryNotice(row.endDate, today, config.EXPIRING_SOON_DAYS, config.EXPIRY_URGENT_DAYS),
          openProgram: isOpenProgram(row.programCode),
        },
        contacts,
        /** R-REL-6: the partner, shown as Channel Partner Contact. */
        channelPartner: channel ? { name: channel.name, email: channel.email } : null,
        relatedLicenses: mayReport
          ? { visible: true as const, asOf: today, rows: await summaryRows(db, [{ id, organizationId: extra.organizationId }], today) }
          : DIMMED,
        orders: mayReport ? { visible: true as const, items: await ordersOf(db, id) } : DIMMED,
        orderDetails: mayReport ? { visible: true as const, ...(await orderLinesOf(db, id, config.LICENSING_REPORT_MAX_LINES)) } : DIMMED,
        purchaseHistory: mayReport ? { visible: true as const, items: await purchaseHistoryOf(db, id) } : DIMMED,
        affiliates,
        reports: {
          parent: { offered: parent !== null, visible: mayReport },
          mbsa: { offered: hasMbsa && mbsa !== null, visible: mayReport },
        },
      };
    },

    /** Parent Program details: the agreement's contacts and the organization's Licensing IDs under it. */
    async parentReport(actor: Actor, id: string) {
      const row = await relationship.get(actor, id);
      if (!row.parent) throw conflict('PARENT_REPORT_NOT_OFFERED', 'This Licensing ID has no parent program agreement.');
      const extra = await organizationOf(id);
      const lead = leadParent({ ...row, affiliateRole: extra.affiliateRole });
      const under = await licensingIdsUnder(actor, extra.organizationId, [row.parent.id], lead);
      return {
        agreement: row.parent,
        contacts: await contactsOf({ agreementId: row.parent.id }),
        licensingIds: under.get(row.parent.id) ?? [],
      };
    },

    /** MBSA details (R-REL-2: not for Open programs): its contacts, parent agreements and Licensing IDs. */
    async mbsaReport(actor: Actor, id: string) {
      const row = await relationship.get(actor, id);
      if (!(await programHasMbsa(row.programCode))) {
        throw conflict('MBSA_REPORT_NOT_OFFERED', 'Open programs have no MBSA, so the MBSA report is not offered for them.');
      }
      if (!row.mbsa) throw conflict('MBSA_REPORT_NOT_OFFERED', 'No MBSA is on record for this Licensing ID.');
      const extra = await organizationOf(id);
      const lead = leadParent({ ...row, affiliateRole: extra.affiliateRole });
      const parents = await db
        .select({
          id: agreement.id,
          number: agreement.number,
          programCode: agreement.programCode,
          programName: program.name,
          status: agreement.status,
          startDate: agreement.startDate,
          endDate: agreement.endDate,
        })
        .from(agreement)
        .leftJoin(program, eq(program.code, agreement.programCode))
        .where(and(eq(agreement.mbsaId, row.mbsa.id), eq(agreement.organizationId, extra.organizationId), eq(agreement.kind, 'PARENT')))
        .orderBy(asc(agreement.number));
      const under = await licensingIdsUnder(
        actor,
        extra.organizationId,
        parents.map((p) => p.id),
        lead,
      );
      return {
        mbsa: row.mbsa,
        contacts: await contactsOf({ agreementId: row.mbsa.id }),
        parents: parents.map((p) => ({ agreement: p, licensingIds: under.get(p.id) ?? [] })),
      };
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;

import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { visibleLicensingIdsSql } from '../../platform/authz/scope.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { createInvitedUser, createOrganization } from '../identity/accounts.js';
import { sendInvitation } from '../identity/registration/invitations.js';
import { emailDomain, isPersonalAddress } from '../identity/rules.js';
import { administratorsOfRecord } from '../permissions/admins.js';
import type { ContactGrants } from '../relationship/onboarding/ports.js';
import type { AgreementRecordView } from '../relationship/onboarding/schemas.js';
import { createOnboardingService } from '../relationship/onboarding/service.js';
import { recordViews } from '../relationship/onboarding/views.js';
import type { ContactOfRecordType } from '../relationship/rules.js';
import { partnerRecordsForRelationship } from './for-relationship.js';
import { partnerMails } from './mails.js';
import { recordPartner } from './record.js';
import type { NewPartner, PartnerUserInput, PartnerView } from './schemas.js';

export interface PartnersDeps {
  db: Db;
  config: Config;
  clock: Clock;
  grants: ContactGrants;
}

const CustomerCursor = z.tuple([z.string(), z.uuid()]);

/** The agreement records (alias r) with at least one Licensing ID the actor's organization serves. */
const servedRecords = (actor: Actor) =>
  sql`r.id in (select l.record_id from licensing_id l where l.id in (${visibleLicensingIdsSql(actor, 'customer.view')}))`;

/**
 * Channel partners (R-REL-6): the publisher registers partner organizations and their users and
 * records which partner serves which agreement; a partner's users see the customers they serve
 * and change their contacts of record, which the customer itself never can.
 */
export function createPartnersService({ db, config, clock, grants }: PartnersDeps) {
  const onboarding = createOnboardingService({ db, config, clock, grants, partners: partnerRecordsForRelationship });

  async function partnerView(tx: DbOrTx, organizationId: string): Promise<PartnerView> {
    const res = await tx.execute<{
      id: string;
      name: string;
      country: string;
      domains: string[];
      number: string;
      notification_email: string;
      licensing_ids: number;
      customers: number;
    }>(sql`
      select o.id, o.name, o.country, o.domains, p.number, p.notification_email,
        (select count(*)::int from partner_of_record r where r.partner_organization_id = o.id) as licensing_ids,
        (select count(distinct l.organization_id)::int from partner_of_record r join licensing_id l on l.id = r.licensing_id
          where r.partner_organization_id = o.id) as customers
      from channel_partner p join organization o on o.id = p.organization_id where p.organization_id = ${organizationId}`);
    const row = res.rows[0];
    if (!row) throw notFound('channel partner');
    const users = await tx.execute<{
      id: string;
      email: string;
      first_name: string;
      last_name: string;
      status: PartnerView['users'][number]['status'];
    }>(sql`select id, email, first_name, last_name, status from "user" where organization_id = ${organizationId} order by lower(email)`);
    return {
      id: row.id,
      name: row.name,
      country: row.country,
      domains: row.domains,
      number: row.number,
      notificationEmail: row.notification_email,
      licensingIdCount: row.licensing_ids,
      customerCount: row.customers,
      users: users.rows.map((u) => ({ id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, status: u.status })),
    };
  }

  /** A partner user: a work address in one of the partner's domains, without an account yet; invited with the partner's welcome. */
  async function invite(
    tx: DbOrTx,
    partner: { id: string; name: string; domains: string[]; number: string },
    person: PartnerUserInput,
    now: Date,
  ) {
    if (isPersonalAddress(person.email, config.PERSONAL_MAIL_DOMAINS))
      throw invalid('PERSONAL_ACCOUNT', 'A partner user needs a work address.');
    if (!partner.domains.includes(emailDomain(person.email))) {
      throw invalid('PARTNER_USER_OUTSIDE_DOMAINS', `${person.email} is not in the partner's domains.`, { email: person.email });
    }
    const userId = await createInvitedUser(tx, { ...person, organizationId: partner.id });
    if (!userId) throw conflict('PARTNER_USER_EXISTS', `${person.email} already has an account.`, { email: person.email });
    await sendInvitation(tx, config, now, {
      userId,
      invitedBy: null,
      mail: { template: partnerMails.partnerWelcome, params: { partnerNumber: partner.number } },
    });
    return userId;
  }

  return {
    /** The publisher registers a channel partner with its first users, each invited to register. */
    async register(actor: Actor, input: NewPartner): Promise<PartnerView> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        for (const d of input.domains) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`organization:${d}`}, 0))`);
        const owned = await tx.execute(sql`select 1 from organization where domains && ${sql.param(input.domains)}::text[] limit 1`);
        if (owned.rowCount) throw conflict('PARTNER_DOMAIN_TAKEN', 'A domain of the partner belongs to another organization.');
        const taken = await tx.execute(sql`select 1 from channel_partner where number = ${input.number}`);
        if (taken.rowCount) throw conflict('PARTNER_NUMBER_TAKEN', `Partner number ${input.number} is taken.`, { number: input.number });
        const id = await createOrganization(tx, {
          name: input.name,
          country: input.country,
          domains: input.domains,
          isChannelPartner: true,
        });
        await tx.execute(sql`insert into channel_partner (organization_id, number, notification_email, created_at)
          values (${id}, ${input.number}, ${input.notificationEmail}, ${now.toISOString()})`);
        const partner = { id, name: input.name, domains: input.domains, number: input.number };
        const userIds: string[] = [];
        for (const person of input.users) userIds.push(await invite(tx, partner, person, now));
        await audit(tx, actor, {
          action: 'partner.register',
          targetType: 'organization',
          targetId: id,
          organizationId: id,
          after: { name: input.name, number: input.number, domains: input.domains, users: input.users.map((u) => u.email) },
        });
        return partnerView(tx, id);
      });
    },

    async list(): Promise<{ items: Omit<PartnerView, 'users'>[] }> {
      const ids = await db.execute<{ organization_id: string }>(
        sql`select p.organization_id from channel_partner p join organization o on o.id = p.organization_id order by o.name, o.id`,
      );
      const items = [];
      for (const r of ids.rows) {
        const { users: _, ...rest } = await partnerView(db, r.organization_id);
        items.push(rest);
      }
      return { items };
    },

    get: (partnerId: string) => partnerView(db, partnerId),

    /** The publisher adds a user to a partner (invited with the partner's welcome mail). */
    async addUser(actor: Actor, partnerId: string, person: PartnerUserInput): Promise<PartnerView> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const p = await partnerView(tx, partnerId);
        const userId = await invite(tx, p, person, now);
        await audit(tx, actor, {
          action: 'partner.user-invite',
          targetType: 'user',
          targetId: userId,
          organizationId: partnerId,
          after: { email: person.email },
        });
        return partnerView(tx, partnerId);
      });
    },

    /**
     * R-REL-6: the publisher records the partner of every Licensing ID of an onboarded agreement.
     * The partner, the partner it replaces and the customer's Administrators are told.
     */
    async assign(actor: Actor, recordId: string, partnerId: string): Promise<AgreementRecordView> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [rec] = await recordViews(tx, sql`r.id = ${recordId}`);
        if (!rec) throw notFound('agreement');
        const partner = await partnerView(tx, partnerId);
        const ids = rec.licensingIds.map((l) => l.id);
        const before = await recordPartner(tx, ids, partnerId, now);
        const changed = ids.filter((l) => before.get(l) !== partnerId);
        if (changed.length === 0) return;
        await audit(tx, actor, {
          action: 'partner.assign',
          targetType: 'agreement_record',
          targetId: recordId,
          organizationId: rec.organization.id,
          licensingIds: changed,
          before: { partners: [...new Set(changed.map((l) => before.get(l) ?? null))] },
          after: { partner: { id: partner.id, name: partner.name, number: partner.number } },
        });
        const list = rec.licensingIds
          .filter((l) => changed.includes(l.id))
          .map((l) => `- ${l.name} (${l.number})`)
          .join('\n');
        const common = { agreementNumber: rec.number, organization: rec.organization.name, partner: partner.name, licensingIds: list };
        await enqueueMail(tx, {
          to: partner.notificationEmail,
          locale: 'en',
          template: partnerMails.partnerAssigned,
          params: { ...common, url: `${config.publicUrl}/partner` },
        });
        const released = [...new Set(changed.map((l) => before.get(l)).filter((p): p is string => Boolean(p)))];
        for (const old of released) {
          const o = await partnerView(tx, old);
          await enqueueMail(tx, { to: o.notificationEmail, locale: 'en', template: partnerMails.partnerReleased, params: common });
        }
        const told = new Set<string>();
        for (const l of changed) {
          for (const admin of await administratorsOfRecord(tx, l)) {
            if (told.has(admin.email)) continue;
            told.add(admin.email);
            await enqueueMail(tx, {
              to: admin.email,
              locale: admin.locale,
              template: partnerMails.customerPartnerChanged,
              params: {
                ...common,
                firstName: admin.firstName || admin.email,
                partnerEmail: partner.notificationEmail,
                url: `${config.publicUrl}/relationship`,
              },
            });
          }
        }
      });
      const [view] = await recordViews(db, sql`r.id = ${recordId}`);
      if (!view) throw notFound('agreement');
      return view;
    },

    /** The partner's own organization, number and users. */
    profile: (actor: Actor) => partnerView(db, actor.organizationId),

    /** The customers the actor's partner organization serves, by name, a page at a time. */
    async customers(actor: Actor, query: { q?: string | undefined; limit: number; cursor?: string | undefined }) {
      const after = query.cursor ? decodeCursor(query.cursor, CustomerCursor) : null;
      const res = await db.execute<{ id: string; name: string; country: string; agreements: number; licensing_ids: number }>(sql`
        select o.id, o.name, o.country, count(distinct r.id)::int as agreements, count(distinct l.id)::int as licensing_ids
        from agreement_record r join organization o on o.id = r.organization_id
        join licensing_id l on l.record_id = r.id and l.id in (${visibleLicensingIdsSql(actor, 'customer.view')})
        where true
          ${query.q ? sql`and (o.name ilike ${`%${query.q}%`} or r.number ilike ${`%${query.q}%`})` : sql``}
          ${after ? sql`and (o.name, o.id) > (${after[0]}, ${after[1]}::uuid)` : sql``}
        group by o.id, o.name, o.country order by o.name, o.id limit ${query.limit + 1}`);
      const page = res.rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          id: r.id,
          name: r.name,
          country: r.country,
          agreementCount: r.agreements,
          licensingIdCount: r.licensing_ids,
        })),
        nextCursor: res.rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
      };
    },

    /** One customer with the agreements the actor's organization serves; another's customer is 404. */
    async customer(actor: Actor, organizationId: string) {
      const agreements = await recordViews(db, sql`r.organization_id = ${organizationId} and ${servedRecords(actor)}`);
      const org = await db.execute<{ id: string; name: string; country: string }>(
        sql`select id, name, country from organization where id = ${organizationId}`,
      );
      const row = org.rows[0];
      if (!row || agreements.length === 0) throw notFound('customer');
      return { ...row, agreements };
    },

    /**
     * R-REL-6: the partner of record names a contact of record. It must serve every Licensing ID of
     * the agreement (contacts are the agreement's); one it serves none of is 404.
     */
    async changeContact(actor: Actor, recordId: string, type: ContactOfRecordType, next: Parameters<typeof onboarding.changeContact>[3]) {
      const res = await db.execute<{ total: number; served: number; seen: number }>(sql`
        select count(*)::int as total, count(*) filter (where l.id in (${visibleLicensingIdsSql(actor, 'contacts.change')}))::int as served,
          count(*) filter (where l.id in (${visibleLicensingIdsSql(actor, 'licensing.view')}))::int as seen
        from licensing_id l where l.record_id = ${recordId}`);
      const counts = res.rows[0] ?? { total: 0, served: 0, seen: 0 };
      // The customer's own people know the agreement exists, and may not change its contacts (R-REL-6).
      if (counts.served === 0 && counts.seen > 0) throw forbidden('contacts.change');
      if (counts.served === 0) throw notFound('agreement');
      if (counts.served < counts.total) {
        throw new DomainError(
          'NOT_PARTNER_OF_EVERY_LICENSING_ID',
          403,
          'Your organization does not serve every Licensing ID of this agreement.',
        );
      }
      return onboarding.changeContact(actor, recordId, type, next);
    },
  };
}

export type PartnersService = ReturnType<typeof createPartnersService>;

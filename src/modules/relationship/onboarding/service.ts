import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { conflict, DomainError, notFound } from '../../../platform/errors.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import { createOrganization } from '../../identity/accounts.js';
import { isPersonalAddress } from '../../identity/rules.js';
import { type ContactOfRecordType, isOpenProgram, type ProgramCode } from '../rules.js';
import { agreement, agreementRecord, contact, licensingId } from '../tables.js';
import { type ContactOfRecord, mailEndedContact, mailNewContacts, peopleOf, writeContacts } from './contacts.js';
import { shareOnboardingLock } from './locks.js';
import { onboardingMails } from './mails.js';
import type { OnboardingPorts } from './ports.js';
import { ONBOARDING_MESSAGES } from './problems.js';
import {
  type AgreementContent,
  type AgreementInput,
  canonicalContent,
  contentHash,
  dayOf,
  isProgramCode,
  type Lines,
  licensingIdKindOf,
  licensingIdTerms,
  lifecycleOn,
  type OnboardingError,
  onboardingErrors,
  organizationOf,
  renewalRefusal,
} from './rules.js';
import type { AgreementRecordView } from './schemas.js';
import { recordViews } from './views.js';

/** Who onboards: an operator through the API, or the command line (no user). */
export type OnboardingActor = Actor | null;

export interface OnboardResult {
  /** True when the agreement was already onboarded with the same content: nothing was written this time. */
  replayed: boolean;
  agreement: AgreementRecordView;
}

export interface OnboardingDeps extends OnboardingPorts {
  db: Db;
  config: Config;
  clock: Clock;
}

const uuids = (ids: readonly string[]) => sql`${sql.param([...ids])}::uuid[]`;

/** The partner organization with this partner number (R-REL-6), or null. */
export async function partnerByNumber(tx: DbOrTx, number: string): Promise<string | null> {
  const res = await tx.execute<{ organization_id: string }>(sql`select organization_id from channel_partner where number = ${number}`);
  return res.rows[0]?.organization_id ?? null;
}

export function rejected(errors: OnboardingError[], locale: Locale): DomainError {
  return new DomainError('AGREEMENT_INVALID', 400, `The agreement has ${errors.length} invalid value(s); nothing was written.`, {
    errors: errors.map((e) => ({ ...e, message: ONBOARDING_MESSAGES[e.code][locale] })),
  });
}

/**
 * The publisher's back office for customers (issue 12): onboarding agreements with their
 * organization, MBSA, Licensing IDs and contacts of record; changing a contact (R-REL-6); renewal,
 * expiry and an Open License's change of owner. Every change is audited and mailed to whom it
 * affects; customers have no route here (the routes are the operator's).
 */
export function createOnboardingService({ db, config, clock, grants, partners }: OnboardingDeps) {
  const view = async (tx: DbOrTx, recordId: string) => {
    const [found] = await recordViews(tx, sql`r.id = ${recordId}`);
    if (!found) throw notFound('agreement');
    return found;
  };

  /** An agreement already onboarded under this key or number: the same content is a replay, other content a conflict. */
  async function previous(number: string, hash: string, idempotencyKey: string | undefined): Promise<OnboardResult | null> {
    if (idempotencyKey) {
      const [byKey] = await db
        .select({ id: agreementRecord.id, hash: agreementRecord.contentHash, number: agreementRecord.number })
        .from(agreementRecord)
        .where(eq(agreementRecord.idempotencyKey, idempotencyKey));
      if (byKey) {
        if (byKey.hash !== hash) {
          throw conflict('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different agreement.', {
            number: byKey.number,
          });
        }
        return { replayed: true, agreement: await view(db, byKey.id) };
      }
    }
    const [byNumber] = await db
      .select({ id: agreementRecord.id, hash: agreementRecord.contentHash })
      .from(agreementRecord)
      .where(eq(agreementRecord.number, number));
    if (!byNumber) return null;
    if (byNumber.hash !== hash) {
      throw conflict('AGREEMENT_CONFLICT', `Agreement ${number} was already onboarded with different content.`, { number });
    }
    return { replayed: true, agreement: await view(db, byNumber.id) };
  }

  /** What the database says about the names the agreement uses (see onboardingErrors). */
  async function factsOf(tx: DbOrTx, input: AgreementInput) {
    const owners = await tx.execute<{ id: string; name: string }>(
      sql`select id, name from organization where domains && ${sql.param(input.organization.domains)}::text[] order by created_at`,
    );
    const ownerOf = async (kind: 'MBSA' | 'PARENT', number: string | null) => {
      if (number === null) return null;
      const [row] = await tx
        .select({ organizationId: agreement.organizationId })
        .from(agreement)
        .where(and(eq(agreement.kind, kind), eq(agreement.number, number)));
      return row?.organizationId ?? null;
    };
    const numbers = input.licensingIds.map((l) => l.number);
    const taken = isProgramCode(input.program)
      ? await tx.execute<{ number: string }>(
          sql`select number from licensing_id where program_code = ${input.program} and number = any(${sql.param(numbers)}::text[])`,
        )
      : { rows: [] };
    return {
      domainOwners: owners.rows,
      mbsaOwner: await ownerOf('MBSA', input.mbsaNumber),
      parentOwner: isProgramCode(input.program) && !isOpenProgram(input.program) ? await ownerOf('PARENT', input.number) : null,
      takenLicensingIds: new Set(taken.rows.map((r) => r.number)),
      personalDomains: config.PERSONAL_MAIL_DOMAINS,
      ...(input.channelPartnerNumber ? { partnerOrganizationId: await partnerByNumber(tx, input.channelPartnerNumber) } : {}),
    };
  }

  /** The MBSA or parent agreement of this number in the organization, made when it does not exist yet. */
  async function agreementRow(
    tx: DbOrTx,
    v: {
      organizationId: string;
      kind: 'MBSA' | 'PARENT';
      number: string;
      programCode: ProgramCode | null;
      mbsaId: string | null;
      startDate: string;
      endDate: string | null;
    },
  ): Promise<string> {
    const [existing] = await tx
      .select({ id: agreement.id })
      .from(agreement)
      .where(and(eq(agreement.kind, v.kind), eq(agreement.number, v.number)));
    if (existing) return existing.id;
    const [row] = await tx.insert(agreement).values(v).returning({ id: agreement.id });
    if (!row) throw new Error('onboarding: agreement insert returned nothing');
    return row.id;
  }

  const forMail = (input: { number: string }, organization: string, lids: readonly { number: string; name: string }[]) => ({
    number: input.number,
    organization,
    licensingIds: lids,
  });

  async function recordContent(tx: DbOrTx, recordId: string, content: AgreementContent, now: Date) {
    await tx
      .update(agreementRecord)
      .set({ content, contentHash: contentHash(content), updatedAt: now })
      .where(eq(agreementRecord.id, recordId));
  }

  async function lockedRecord(tx: DbOrTx, recordId: string) {
    const res = await tx.execute<{
      id: string;
      number: string;
      organization_id: string;
      program_code: ProgramCode;
      content: AgreementContent;
    }>(sql`select id, number, organization_id, program_code, content from agreement_record where id = ${recordId} for update`);
    const r = res.rows[0];
    if (!r) throw notFound('agreement');
    const lids = await tx
      .select({ id: licensingId.id, number: licensingId.number, name: licensingId.name })
      .from(licensingId)
      .where(eq(licensingId.recordId, recordId))
      .orderBy(licensingId.number);
    const org = await tx.execute<{ name: string }>(sql`select name from organization where id = ${r.organization_id}`);
    return { ...r, lids, organizationName: org.rows[0]?.name ?? '' };
  }

  return {
    /**
     * Onboards one agreement, all of it or nothing: its organization (found by its domains, else
     * created), its MBSA and parent agreement, its Licensing IDs and its contacts of record with
     * their roles (R-REL-6). Idempotent by agreement number and by Idempotency-Key; every error
     * is reported at once (with the file's rows when `lines` says where they came from).
     */
    async onboard(
      actor: OnboardingActor,
      input: AgreementInput,
      opts: { idempotencyKey?: string; lines?: Lines; parseErrors?: OnboardingError[] } = {},
    ): Promise<OnboardResult> {
      const content = canonicalContent(input);
      const hash = contentHash(content);
      const locale = actor?.locale ?? 'en';
      const parseErrors = opts.parseErrors ?? [];
      const earlier = parseErrors.length === 0 ? await previous(input.number, hash, opts.idempotencyKey) : null;
      if (earlier) return earlier;
      const now = clock.now();
      const today = dayOf(now);

      const created = await db.transaction(async (tx) => {
        await shareOnboardingLock(tx);
        // Two agreements of one new organization must not both create it.
        for (const d of [...input.organization.domains].sort()) {
          await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`organization:${d}`}, 0))`);
        }
        const facts = await factsOf(tx, input);
        const errors = [...parseErrors, ...onboardingErrors(input, facts, opts.lines)].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
        if (errors.length > 0 || !isProgramCode(input.program)) throw rejected(errors, locale);
        const program = input.program;
        const organizationId = organizationOf(input, facts.domainOwners).id ?? (await createOrganization(tx, input.organization));
        const mbsaId =
          input.mbsaNumber === null
            ? null
            : await agreementRow(tx, {
                organizationId,
                kind: 'MBSA',
                number: input.mbsaNumber,
                programCode: null,
                mbsaId: null,
                startDate: input.startDate,
                endDate: null,
              });
        // R-REL-2: Open programs have no parent agreement; the Licensing ID is the agreement.
        const parentId = isOpenProgram(program)
          ? null
          : await agreementRow(tx, {
              organizationId,
              kind: 'PARENT',
              number: input.number,
              programCode: program,
              mbsaId,
              startDate: input.startDate,
              endDate: input.endDate,
            });
        const [record] = await tx
          .insert(agreementRecord)
          .values({
            number: input.number,
            organizationId,
            programCode: program,
            agreementId: parentId,
            content,
            contentHash: hash,
            idempotencyKey: opts.idempotencyKey ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing()
          .returning({ id: agreementRecord.id });
        // Someone onboarded the same number or key a moment ago: answer as for any replay.
        if (!record) return null;
        const kind = licensingIdKindOf(program);
        const lids = await tx
          .insert(licensingId)
          .values(
            licensingIdTerms(input).map((l) => ({
              organizationId,
              programCode: program,
              parentAgreementId: parentId,
              kind,
              number: l.number,
              authorizationNumber: l.authorizationNumber,
              name: l.name,
              status: lifecycleOn(l.endDate, today),
              startDate: l.startDate,
              endDate: l.endDate,
              priceLevel: l.priceLevel,
              affiliateRole: l.affiliateRole,
              recordId: record.id,
            })),
          )
          .returning({ id: licensingId.id, number: licensingId.number, name: licensingId.name });
        const contacts = input.contacts as ContactOfRecord[];
        const people = await peopleOf(tx, contacts, organizationId);
        const contactRows = await writeContacts(
          tx,
          lids.map((l) => l.id),
          contacts,
          people,
        );
        const changed = await grants.sync(
          tx,
          lids.map((l) => l.id),
        );
        if (facts.partnerOrganizationId) {
          await partners.record(tx, [{ licensingIds: lids.map((l) => l.id), partnerOrganizationId: facts.partnerOrganizationId }], now);
        }
        await audit(tx, actor, {
          action: 'relationship.agreement-onboard',
          targetType: 'agreement_record',
          targetId: record.id,
          organizationId,
          // The Administrators of these Licensing IDs read their onboarding in their audit view.
          licensingIds: lids.map((l) => l.id),
          after: {
            number: input.number,
            program,
            mbsaNumber: input.mbsaNumber,
            licensingIds: lids.map((l) => l.number),
            contacts: contacts.map((c) => ({ type: c.type, email: c.email })),
            contactRows,
            granted: changed.granted,
            idempotencyKey: opts.idempotencyKey ?? null,
          },
        });
        await mailNewContacts(tx, config, now, forMail(input, input.organization.name, lids), contacts, people);
        return record;
      });
      if (!created) {
        const raced = await previous(input.number, hash, opts.idempotencyKey);
        if (raced) return raced;
        throw new DomainError('INTERNAL', 500, 'The agreement was neither onboarded nor found.');
      }
      return { replayed: false, agreement: await view(db, created.id) };
    },

    get: (recordId: string) => view(db, recordId),

    /** Organizations with their onboarded agreements, by name or domain. */
    async organizations(q: string | undefined) {
      const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const res = await db.execute<{
        id: string;
        name: string;
        country: string;
        domains: string[];
        agreements: { id: string; number: string; programCode: string; licensingIdCount: number }[];
      }>(sql`
        select o.id, o.name, o.country, o.domains,
          coalesce((select json_agg(json_build_object('id', r.id, 'number', r.number, 'programCode', r.program_code,
              'licensingIdCount', (select count(*) from licensing_id l where l.record_id = r.id)) order by r.number)
            from agreement_record r where r.organization_id = o.id), '[]') as agreements
        from organization o
        where not o.is_publisher and (${like}::text is null or o.name ilike ${like}
          or exists (select 1 from unnest(o.domains) d where d ilike ${like}))
        order by o.name limit 100`);
      return { items: res.rows };
    },

    async organization(organizationId: string) {
      const res = await db.execute<{ id: string; name: string; country: string; domains: string[] }>(
        sql`select id, name, country, domains from organization where id = ${organizationId} and not is_publisher`,
      );
      const org = res.rows[0];
      if (!org) throw notFound('organization');
      return { ...org, agreements: await recordViews(db, sql`r.organization_id = ${organizationId}`) };
    },

    /**
     * R-REL-6: the publisher names another contact of a type (or the first one): the old
     * contact's role from it ends, the new one's begins, both are mailed and the change audited.
     * Naming the same person again changes nothing.
     */
    async changeContact(actor: OnboardingActor, recordId: string, type: ContactOfRecordType, next: Omit<ContactOfRecord, 'type'>) {
      const email = next.email.toLowerCase();
      if (isPersonalAddress(email, config.PERSONAL_MAIL_DOMAINS)) {
        throw rejected([{ line: null, field: 'email', code: 'PERSONAL_ACCOUNT' }], actor?.locale ?? 'en');
      }
      const now = clock.now();
      await db.transaction(async (tx) => {
        const rec = await lockedRecord(tx, recordId);
        const old = rec.content.contacts.find((c) => c.type === type) ?? null;
        if (old && old.email === email && old.name === next.name && old.locale === next.locale) return;
        const ids = rec.lids.map((l) => l.id);
        if (ids.length > 0) await tx.delete(contact).where(and(sql`${contact.licensingId} = any(${uuids(ids)})`, eq(contact.type, type)));
        const added: ContactOfRecord = { type, name: next.name, email, locale: next.locale };
        const people = await peopleOf(tx, [added], rec.organization_id);
        await writeContacts(tx, ids, [added], people);
        const changed = await grants.sync(tx, ids);
        const contacts = [...rec.content.contacts.filter((c) => c.type !== type), added];
        await recordContent(tx, recordId, { ...rec.content, contacts }, now);
        await audit(tx, actor, {
          action: 'relationship.contact-change',
          targetType: 'agreement_record',
          targetId: recordId,
          organizationId: rec.organization_id,
          licensingIds: ids,
          before: { type, contact: old ? { name: old.name, email: old.email } : null },
          after: { type, contact: { name: added.name, email }, granted: changed.granted, revoked: changed.revoked },
        });
        const mail = forMail(rec, rec.organizationName, rec.lids);
        if (old && old.email !== email) {
          await mailEndedContact(tx, mail, { ...old, type, locale: old.locale as Locale }, `${added.name} (${email})`);
        }
        await mailNewContacts(tx, config, now, mail, [added], people);
      });
      return view(db, recordId);
    },

    /** Renewal of an enrollment under the same MBSA: a later end date, and active again if it had expired. */
    async renew(actor: OnboardingActor, id: string, endDate: string) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const res = await tx.execute<{
          kind: 'ENROLLMENT' | 'AGREEMENT' | 'LICENSE' | 'PCN';
          end_date: string | null;
          status: string;
          number: string;
          name: string;
          organization_id: string;
          record_id: string | null;
          parent_agreement_id: string | null;
        }>(sql`select kind, end_date, status, number, name, organization_id, record_id, parent_agreement_id
          from licensing_id where id = ${id} for update`);
        const lid = res.rows[0];
        if (!lid) throw notFound('Licensing ID');
        const refusal = renewalRefusal({ kind: lid.kind, endDate: lid.end_date }, endDate);
        if (refusal) throw new DomainError(refusal, 400, ONBOARDING_REFUSALS[refusal]);
        const status = lifecycleOn(endDate, dayOf(now));
        await tx.update(licensingId).set({ endDate, status }).where(eq(licensingId.id, id));
        if (lid.parent_agreement_id) {
          await tx.execute(sql`update agreement set end_date = ${endDate}
            where id = ${lid.parent_agreement_id} and end_date is not null and end_date < ${endDate}`);
        }
        if (lid.record_id) {
          const rec = await lockedRecord(tx, lid.record_id);
          const licensingIds = rec.content.licensingIds.map((l) => (l.number === lid.number ? { ...l, endDate } : l));
          await recordContent(tx, lid.record_id, { ...rec.content, licensingIds }, now);
        }
        await audit(tx, actor, {
          action: 'relationship.enrollment-renew',
          targetType: 'licensing_id',
          targetId: id,
          organizationId: lid.organization_id,
          before: { endDate: lid.end_date, status: lid.status },
          after: { endDate, status },
        });
        for (const admin of await grants.administrators(tx, id)) {
          await enqueueMail(tx, {
            to: admin.email,
            locale: admin.locale,
            template: onboardingMails.enrollmentRenewed,
            params: {
              firstName: admin.firstName || admin.email,
              licensingName: lid.name,
              licensingNumber: lid.number,
              endDate,
              url: `${config.publicUrl}/relationship-summary`,
            },
          });
        }
      });
    },

    /**
     * Expiry: every active Licensing ID whose term has ended by the clock's day turns expired
     * (lifecycleOn decides); audited one by one. Returns their numbers.
     */
    async expireDue(actor: OnboardingActor): Promise<string[]> {
      const today = dayOf(clock.now());
      return db.transaction(async (tx) => {
        const due = await tx.execute<{ id: string; number: string; end_date: string | null; organization_id: string }>(sql`
          select id, number, end_date, organization_id from licensing_id
          where status = 'ACTIVE' and end_date is not null and end_date < ${today} for update`);
        const expired = due.rows.filter((l) => lifecycleOn(l.end_date, today) === 'EXPIRED');
        if (expired.length === 0) return [];
        await tx.execute(sql`update licensing_id set status = 'EXPIRED' where id = any(${uuids(expired.map((l) => l.id))})`);
        for (const l of expired) {
          await audit(tx, actor, {
            action: 'relationship.licensing-id-expire',
            targetType: 'licensing_id',
            targetId: l.id,
            organizationId: l.organization_id,
            before: { status: 'ACTIVE' },
            after: { status: 'EXPIRED', endDate: l.end_date, on: today },
          });
        }
        return expired.map((l) => l.number);
      });
    },

    /**
     * Change of ownership of an Open License: the license and its record move to the other
     * organization, every role on it ends (its old administrators are told), and the new owner's
     * contacts of record take over.
     */
    async changeOwner(actor: OnboardingActor, recordId: string, to: { organizationId: string; contacts: ContactOfRecord[] }) {
      const locale = actor?.locale ?? 'en';
      const now = clock.now();
      const errors = onboardingErrors(
        { ...emptyInput, contacts: to.contacts },
        {
          domainOwners: [],
          mbsaOwner: null,
          parentOwner: null,
          takenLicensingIds: new Set(),
          personalDomains: config.PERSONAL_MAIL_DOMAINS,
        },
      );
      if (errors.length > 0) throw rejected(errors, locale);
      await db.transaction(async (tx) => {
        const rec = await lockedRecord(tx, recordId);
        if (rec.program_code !== 'OPEN_LICENSE') throw new DomainError('NOT_AN_OPEN_LICENSE', 400, ONBOARDING_REFUSALS.NOT_AN_OPEN_LICENSE);
        if (rec.organization_id === to.organizationId) throw conflict('SAME_OWNER', ONBOARDING_REFUSALS.SAME_OWNER);
        const target = await tx.execute<{ id: string; name: string; country: string; domains: string[] }>(
          sql`select id, name, country, domains from organization where id = ${to.organizationId} and not is_publisher`,
        );
        const org = target.rows[0];
        if (!org) throw notFound('organization');
        const ids = rec.lids.map((l) => l.id);
        const told = new Map<string, { email: string; firstName: string; locale: Locale }>();
        for (const lid of ids) for (const a of await grants.administrators(tx, lid)) told.set(a.email, a);
        await tx.update(licensingId).set({ organizationId: org.id }).where(eq(licensingId.recordId, recordId));
        await tx.update(agreementRecord).set({ organizationId: org.id }).where(eq(agreementRecord.id, recordId));
        if (ids.length > 0) await tx.delete(contact).where(sql`${contact.licensingId} = any(${uuids(ids)})`);
        let ended = 0;
        for (const lid of ids) ended += await grants.endAll(tx, lid);
        const people = await peopleOf(tx, to.contacts, org.id);
        await writeContacts(tx, ids, to.contacts, people);
        const changed = await grants.sync(tx, ids);
        const organization = { name: org.name, country: org.country, domains: [...org.domains].sort() };
        await recordContent(
          tx,
          recordId,
          { ...rec.content, organization, contacts: canonicalContent({ ...emptyInput, contacts: to.contacts }).contacts },
          now,
        );
        await audit(tx, actor, {
          action: 'relationship.ownership-change',
          targetType: 'agreement_record',
          targetId: recordId,
          organizationId: org.id,
          // The new owner's Administrators read how the license came to them.
          licensingIds: ids,
          before: { organizationId: rec.organization_id, contacts: rec.content.contacts },
          after: {
            organizationId: org.id,
            contacts: to.contacts.map((c) => ({ type: c.type, email: c.email })),
            endedGrants: ended,
            granted: changed.granted,
          },
        });
        for (const admin of told.values()) {
          for (const l of rec.lids) {
            await enqueueMail(tx, {
              to: admin.email,
              locale: admin.locale,
              template: onboardingMails.ownershipEnded,
              params: { firstName: admin.firstName || admin.email, licensingName: l.name, licensingNumber: l.number, newOwner: org.name },
            });
          }
        }
        await mailNewContacts(tx, config, now, forMail(rec, org.name, rec.lids), to.contacts, people);
      });
      return view(db, recordId);
    },
  };
}

export type OnboardingService = ReturnType<typeof createOnboardingService>;

/** An agreement with nothing but what a check looks at (the contacts of a change of owner). */
const emptyInput: AgreementInput = {
  organization: { name: '', domains: [], country: '' },
  number: '',
  program: 'OPEN_LICENSE',
  priceLevel: null,
  startDate: '',
  endDate: null,
  mbsaNumber: null,
  licensingIds: [],
  contacts: [],
};

const ONBOARDING_REFUSALS = {
  NOT_AN_ENROLLMENT: 'Only an enrollment is renewed this way.',
  RENEWAL_NOT_LATER: 'A renewal must end later than the current term.',
  NOT_AN_OPEN_LICENSE: 'Only an Open License changes owner.',
  SAME_OWNER: 'The organization already owns this license.',
} as const;

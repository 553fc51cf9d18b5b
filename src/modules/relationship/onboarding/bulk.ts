import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import { auditMany } from '../../../platform/audit.js';
import type { Clock } from '../../../platform/clock.js';
import { insertUnnest } from '../../../platform/db/bulk-insert.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { enqueueMails, type MailRequest } from '../../../platform/mail/outbox.js';
import { createInvitedUsers, createOrganizations } from '../../identity/accounts.js';
import { sendInvitations } from '../../identity/registration/invitations.js';
import { emailDomain } from '../../identity/rules.js';
import { type ContactOfRecordType, isOpenProgram, type ProgramCode } from '../rules.js';
import { lockForImport } from './locks.js';
import { contactTypesIn, onboardingMails } from './mails.js';
import type { OnboardingPorts } from './ports.js';
import {
  type AgreementInput,
  canonicalContent,
  contentHash,
  dayOf,
  type Lines,
  licensingIdKindOf,
  licensingIdTerms,
  lifecycleOn,
  type OnboardingError,
  type OnboardingFacts,
  onboardingErrors,
  organizationOf,
} from './rules.js';

export interface BulkAgreement {
  input: AgreementInput;
  lines: Lines;
}

export interface BulkOutcome {
  number: string;
  result: 'onboarded' | 'unchanged' | 'rejected';
  licensingIds: number;
  errors: OnboardingError[];
  /** A refusal that is not a value's (AGREEMENT_CONFLICT), at the agreement's first row. */
  code?: string;
  line?: number | null;
}

const text = (xs: readonly string[]) => sql`${sql.param([...xs])}::text[]`;

/**
 * An import file's agreements onboarded together, in the caller's transaction: the same rules as
 * one agreement through the API (onboardingErrors, the same content hash, the same rows, grants,
 * mails and audit), but every lookup and every write is one statement per table (in chunks)
 * instead of one per agreement, so 10,000 agreements take seconds. Names the file uses twice (a
 * Licensing ID, a domain of two different organizations, an MBSA of two) are refused as the
 * database would refuse them. Writes nothing when any agreement is refused; the caller's
 * transaction then ends it.
 */
export async function onboardMany(
  tx: DbOrTx,
  deps: { config: Config; clock: Clock } & OnboardingPorts,
  agreements: readonly BulkAgreement[],
): Promise<BulkOutcome[]> {
  const now = deps.clock.now();
  const today = dayOf(now);
  await lockForImport(tx);
  // The statements below carry tens of thousands of rows each, which the planner prices high
  // enough to compile them (JIT): that costs more time than the simple plans it would speed up.
  await tx.execute(sql`set local jit = off`);
  const hashed = agreements.map((a) => {
    const content = canonicalContent(a.input);
    return { ...a, content, hash: contentHash(content) };
  });
  const existing = await tx.execute<{ number: string; content_hash: string }>(
    sql`select number, content_hash from agreement_record where number in (select unnest(${text(hashed.map((a) => a.input.number))}))`,
  );
  const recorded = new Map(existing.rows.map((r) => [r.number, r.content_hash]));
  const outcomes = new Map<string, BulkOutcome>();
  const fresh = hashed.filter((a) => {
    const hash = recorded.get(a.input.number);
    if (hash === undefined) return true;
    outcomes.set(
      a.input.number,
      hash === a.hash
        ? { number: a.input.number, result: 'unchanged', licensingIds: a.input.licensingIds.length, errors: [] }
        : {
            number: a.input.number,
            result: 'rejected',
            licensingIds: 0,
            errors: [],
            code: 'AGREEMENT_CONFLICT',
            line: a.lines.header ?? null,
          },
    );
    return false;
  });

  // What the database holds of the names the agreements use, each looked up once for all of them.
  // Each list is joined as a set (`in (select unnest(…))`): `= any(array)` or `&&` would compare
  // every row with the whole array, which a database of earlier imports makes quadratic.
  const owners = await tx.execute<{ id: string; name: string; domain: string }>(sql`
    select o.id, o.name, d as domain from organization o cross join unnest(o.domains) d
    where d in (select unnest(${text(fresh.flatMap((a) => a.input.organization.domains))})) order by o.created_at`);
  const ownersByDomain = new Map<string, { id: string; name: string }[]>();
  for (const o of owners.rows) ownersByDomain.set(o.domain, [...(ownersByDomain.get(o.domain) ?? []), { id: o.id, name: o.name }]);
  const agreementOwners = await tx.execute<{ kind: 'MBSA' | 'PARENT'; number: string; id: string; organization_id: string }>(sql`
    select kind, number, id, organization_id from agreement
    where number in (select unnest(${text(fresh.flatMap((a) => [a.input.number, a.input.mbsaNumber ?? '']))}))`);
  const ownerOf = new Map(agreementOwners.rows.map((r) => [`${r.kind}:${r.number}`, r.organization_id]));
  const agreementIds = new Map(agreementOwners.rows.map((r) => [`${r.kind}:${r.number}`, r.id]));
  const takenRows = await tx.execute<{ program_code: string; number: string }>(
    sql`select program_code::text, number from licensing_id where number in (select unnest(${text(fresh.flatMap((a) => a.input.licensingIds.map((l) => l.number)))}))`,
  );
  const taken = new Set(takenRows.rows.map((r) => `${r.program_code}:${r.number}`));
  const partnerRows = await tx.execute<{ number: string; organization_id: string }>(
    sql`select number, organization_id from channel_partner where number in (select unnest(${text(fresh.flatMap((a) => (a.input.channelPartnerNumber ? [a.input.channelPartnerNumber] : [])))}))`,
  );
  const partnerOf = new Map(partnerRows.rows.map((r) => [r.number, r.organization_id]));

  // Names claimed by earlier agreements of the file count as the database's for later ones.
  const orgOf = new Map<string, string>();
  for (const a of fresh) {
    const domains = [...a.input.organization.domains].sort();
    const domainOwners = new Map<string, { id: string; name: string }>();
    for (const d of domains) for (const o of ownersByDomain.get(d) ?? []) domainOwners.set(o.id, o);
    const facts: OnboardingFacts = {
      domainOwners: [...domainOwners.values()],
      mbsaOwner: a.input.mbsaNumber === null ? null : (ownerOf.get(`MBSA:${a.input.mbsaNumber}`) ?? null),
      parentOwner: isOpenProgram(a.input.program) ? null : (ownerOf.get(`PARENT:${a.input.number}`) ?? null),
      takenLicensingIds: new Set(a.input.licensingIds.map((l) => l.number).filter((n) => taken.has(`${a.input.program}:${n}`))),
      personalDomains: deps.config.PERSONAL_MAIL_DOMAINS,
      ...(a.input.channelPartnerNumber ? { partnerOrganizationId: partnerOf.get(a.input.channelPartnerNumber) ?? null } : {}),
    };
    const errors = onboardingErrors(a.input, facts, a.lines);
    if (errors.length > 0) {
      outcomes.set(a.input.number, { number: a.input.number, result: 'rejected', licensingIds: 0, errors });
      continue;
    }
    const org = organizationOf(a.input, facts.domainOwners).id ?? `new:${domains[0]}`;
    orgOf.set(a.input.number, org);
    if (!ownersByDomain.has(domains[0] ?? ''))
      for (const d of domains) ownersByDomain.set(d, [{ id: org, name: a.input.organization.name }]);
    if (a.input.mbsaNumber !== null) ownerOf.set(`MBSA:${a.input.mbsaNumber}`, ownerOf.get(`MBSA:${a.input.mbsaNumber}`) ?? org);
    if (!isOpenProgram(a.input.program)) ownerOf.set(`PARENT:${a.input.number}`, org);
    for (const l of a.input.licensingIds) taken.add(`${a.input.program}:${l.number}`);
    outcomes.set(a.input.number, { number: a.input.number, result: 'onboarded', licensingIds: a.input.licensingIds.length, errors: [] });
  }
  const ordered = () => agreements.map((a) => outcomes.get(a.input.number) as BulkOutcome);
  if ([...outcomes.values()].some((o) => o.result === 'rejected')) return ordered();
  const toWrite = fresh;
  if (toWrite.length === 0) return ordered();

  // The organizations the file brings, then each agreement's organization id.
  const newOrgs = new Map<string, AgreementInput['organization']>();
  for (const a of toWrite) {
    const org = orgOf.get(a.input.number) ?? '';
    if (org.startsWith('new:') && !newOrgs.has(org))
      newOrgs.set(org, { ...a.input.organization, domains: [...a.input.organization.domains].sort() });
  }
  const created = await createOrganizations(tx, [...newOrgs.values()]);
  const orgId = (number: string) => {
    const org = orgOf.get(number) ?? '';
    return org.startsWith('new:') ? (created.get(org.slice(4)) ?? '') : org;
  };
  const orgNames = new Map<string, string>([...toWrite.map((a) => [orgId(a.input.number), a.input.organization.name] as const)]);

  // MBSAs and parent agreements: the ones that exist are used, the others made.
  const mbsas = new Map<string, { organizationId: string; startDate: string }>();
  for (const a of toWrite) {
    if (a.input.mbsaNumber !== null && !agreementIds.has(`MBSA:${a.input.mbsaNumber}`) && !mbsas.has(a.input.mbsaNumber)) {
      mbsas.set(a.input.mbsaNumber, { organizationId: orgId(a.input.number), startDate: a.input.startDate });
    }
  }
  // The module's own rows get their ids here (random, as the columns' default would make them), so
  // they go in by COPY without reading ids back and matching them to the file's numbers.
  for (const number of mbsas.keys()) agreementIds.set(`MBSA:${number}`, randomUUID());
  await insertUnnest(
    tx,
    'agreement',
    { id: 'uuid', kind: 'agreement_kind', number: 'text', organization_id: 'uuid', start_date: 'date' },
    [...mbsas.entries()].map(([number, m]) => ({
      id: agreementIds.get(`MBSA:${number}`),
      kind: 'MBSA',
      number,
      organization_id: m.organizationId,
      start_date: m.startDate,
    })),
  );
  const parents = toWrite.filter((a) => !isOpenProgram(a.input.program) && !agreementIds.has(`PARENT:${a.input.number}`));
  for (const a of parents) agreementIds.set(`PARENT:${a.input.number}`, randomUUID());
  await insertUnnest(
    tx,
    'agreement',
    {
      id: 'uuid',
      kind: 'agreement_kind',
      number: 'text',
      organization_id: 'uuid',
      program_code: 'program_code',
      mbsa_id: 'uuid',
      start_date: 'date',
      end_date: 'date',
    },
    parents.map((a) => ({
      id: agreementIds.get(`PARENT:${a.input.number}`),
      kind: 'PARENT',
      number: a.input.number,
      organization_id: orgId(a.input.number),
      program_code: a.input.program,
      mbsa_id: a.input.mbsaNumber === null ? null : (agreementIds.get(`MBSA:${a.input.mbsaNumber}`) ?? null),
      start_date: a.input.startDate,
      end_date: a.input.endDate,
    })),
  );

  const recordId = new Map(toWrite.map((a) => [a.input.number, randomUUID()]));
  await insertUnnest(
    tx,
    'agreement_record',
    {
      id: 'uuid',
      number: 'text',
      organization_id: 'uuid',
      program_code: 'program_code',
      agreement_id: 'uuid',
      content: 'jsonb',
      content_hash: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    toWrite.map((a) => ({
      id: recordId.get(a.input.number),
      number: a.input.number,
      organization_id: orgId(a.input.number),
      program_code: a.input.program,
      agreement_id: isOpenProgram(a.input.program) ? null : (agreementIds.get(`PARENT:${a.input.number}`) ?? null),
      content: a.content,
      content_hash: a.hash,
      created_at: now,
      updated_at: now,
    })),
  );

  const lidValues = toWrite.flatMap((a) => {
    const program = a.input.program as ProgramCode;
    return licensingIdTerms(a.input).map((l) => ({
      id: randomUUID(),
      organization_id: orgId(a.input.number),
      program_code: program,
      parent_agreement_id: isOpenProgram(program) ? null : (agreementIds.get(`PARENT:${a.input.number}`) ?? null),
      kind: licensingIdKindOf(program),
      number: l.number,
      authorization_number: l.authorizationNumber,
      name: l.name,
      status: lifecycleOn(l.endDate, today),
      start_date: l.startDate,
      end_date: l.endDate,
      price_level: l.priceLevel,
      affiliate_role: l.affiliateRole,
      record_id: recordId.get(a.input.number) ?? null,
    }));
  });
  await insertUnnest(
    tx,
    'licensing_id',
    {
      id: 'uuid',
      organization_id: 'uuid',
      program_code: 'program_code',
      parent_agreement_id: 'uuid',
      kind: 'licensing_id_kind',
      number: 'text',
      authorization_number: 'text',
      name: 'text',
      status: 'lifecycle_status',
      start_date: 'date',
      end_date: 'date',
      price_level: 'text',
      affiliate_role: 'affiliate_role',
      record_id: 'uuid',
    },
    lidValues,
  );
  const lidId = new Map(lidValues.map((l) => [`${l.program_code}:${l.number}`, l.id]));
  // R-REL-6: the channel partner of record each agreement names.
  const lidsOfRecord = new Map<string, string[]>();
  for (const l of lidValues) if (l.record_id) lidsOfRecord.set(l.record_id, [...(lidsOfRecord.get(l.record_id) ?? []), l.id]);
  await deps.partners.record(
    tx,
    toWrite.flatMap((a) => {
      const partner = a.input.channelPartnerNumber ? partnerOf.get(a.input.channelPartnerNumber) : undefined;
      const licensingIds = lidsOfRecord.get(recordId.get(a.input.number) ?? '') ?? [];
      return partner ? [{ licensingIds, partnerOrganizationId: partner }] : [];
    }),
    now,
  );

  // The people named: their accounts, and invited accounts for addresses without one (as contacts.ts does).
  const emails = [...new Set(toWrite.flatMap((a) => a.input.contacts.map((c) => c.email.toLowerCase())))];
  const users = await tx.execute<{ id: string; email: string; first_name: string; locale: Locale; status: string }>(
    sql`select id, lower(email) as email, first_name, locale, status from "user" where lower(email) in (select unnest(${text(emails)}))`,
  );
  const people = new Map(users.rows.map((u) => [u.email, { id: u.id, firstName: u.first_name, locale: u.locale, status: u.status }]));
  // Joined on the unnested domains: `domains && array` compares every row with the whole array.
  const emailOrgs = await tx.execute<{ id: string; domain: string }>(sql`
    select distinct on (d) o.id, d as domain from organization o cross join unnest(o.domains) d
    where d in (select unnest(${text([...new Set(emails.map(emailDomain))])}))
    order by d, o.created_at`);
  const orgByDomain = new Map(emailOrgs.rows.map((o) => [o.domain, o.id]));
  const newPeople = new Map<string, { email: string; firstName: string; lastName: string; organizationId: string; locale: Locale }>();
  for (const a of toWrite) {
    for (const c of a.input.contacts) {
      const email = c.email.toLowerCase();
      if (people.has(email) || newPeople.has(email)) continue;
      const [firstName = '', ...rest] = c.name.trim().split(/\s+/);
      newPeople.set(email, {
        email,
        firstName,
        lastName: rest.join(' '),
        organizationId: orgByDomain.get(emailDomain(email)) ?? orgId(a.input.number),
        locale: c.locale,
      });
    }
  }
  const invitedIds = await createInvitedUsers(tx, [...newPeople.values()]);
  for (const [email, p] of newPeople)
    people.set(email, { id: invitedIds.get(email) ?? '', firstName: p.firstName, locale: p.locale, status: 'invited' });

  const contactRows = toWrite.flatMap((a) =>
    a.input.licensingIds.flatMap((l) =>
      a.input.contacts.map((c) => ({
        licensing_id: lidId.get(`${a.input.program}:${l.number}`) ?? '',
        type: c.type,
        name: c.name,
        email: c.email.toLowerCase(),
        user_id: people.get(c.email.toLowerCase())?.id ?? null,
      })),
    ),
  );
  await insertUnnest(
    tx,
    'contact',
    { licensing_id: 'uuid', type: 'contact_type', name: 'text', email: 'text', user_id: 'uuid' },
    contactRows,
  );
  await deps.grants.sync(
    tx,
    lidValues.map((l) => l.id),
  );

  // One mail per person per agreement: a welcome with the registration link, or a notice.
  const invitations: Parameters<typeof sendInvitations>[3][number][] = [];
  const notices: MailRequest[] = [];
  for (const a of toWrite) {
    const typesOf = new Map<string, ContactOfRecordType[]>();
    for (const c of a.input.contacts)
      typesOf.set(c.email.toLowerCase(), [...(typesOf.get(c.email.toLowerCase()) ?? []), c.type as ContactOfRecordType]);
    const list = a.input.licensingIds.map((l) => `- ${l.name} (${l.number})`).join('\n');
    const organization = orgNames.get(orgId(a.input.number)) ?? a.input.organization.name;
    for (const [email, types] of typesOf) {
      const p = people.get(email);
      if (!p) continue;
      const params = { agreementNumber: a.input.number, organization, licensingIds: list, contactTypes: contactTypesIn(types, p.locale) };
      if (p.status === 'invited') {
        invitations.push({
          userId: p.id,
          organizationId: orgId(a.input.number),
          organization,
          email,
          firstName: p.firstName,
          locale: p.locale,
          mail: { template: onboardingMails.contactWelcome, params },
        });
      } else if (p.status === 'active') {
        notices.push({
          to: email,
          locale: p.locale,
          template: onboardingMails.contactNotice,
          params: { ...params, firstName: p.firstName || email, url: `${deps.config.publicUrl}/permissions` },
        });
      }
    }
  }
  await sendInvitations(tx, deps.config, now, invitations);
  await enqueueMails(tx, notices);
  await auditMany(
    tx,
    null,
    toWrite.map((a) => ({
      action: 'relationship.agreement-onboard',
      targetType: 'agreement_record',
      targetId: recordId.get(a.input.number) ?? null,
      organizationId: orgId(a.input.number),
      // The Administrators of these Licensing IDs read their onboarding in their audit view, as after one through the API.
      licensingIds: a.input.licensingIds.flatMap((l) => lidId.get(`${a.input.program}:${l.number}`) ?? []),
      after: {
        number: a.input.number,
        program: a.input.program,
        mbsaNumber: a.input.mbsaNumber,
        licensingIds: a.input.licensingIds.map((l) => l.number),
        contacts: a.input.contacts.map((c) => ({ type: c.type, email: c.email.toLowerCase() })),
        source: 'CSV',
      },
    })),
  );
  return ordered();
}

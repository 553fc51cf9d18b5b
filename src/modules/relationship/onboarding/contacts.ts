import { sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import { createInvitedUser } from '../../identity/accounts.js';
import { sendInvitation } from '../../identity/registration/invitations.js';
import { emailDomain } from '../../identity/rules.js';
import type { ContactOfRecordType } from '../rules.js';
import { contact } from '../tables.js';
import { shareOnboardingLock } from './locks.js';
import { contactTypesIn, onboardingMails } from './mails.js';

export interface ContactOfRecord {
  type: ContactOfRecordType;
  name: string;
  email: string;
  locale: Locale;
}

export interface Person {
  userId: string;
  email: string;
  firstName: string;
  locale: Locale;
  /** Invited now or earlier and not yet registered: they get the registration link. */
  invited: boolean;
  active: boolean;
}

const splitName = (name: string) => {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  return { firstName: first, lastName: rest.join(' ') };
};

/**
 * The account of each contact's address; an address without one gets an invited account (R-ID-2)
 * in the organization owning its domain, else in the agreement's organization, so that following
 * the welcome mail's link registers it with the contact's roles already in place.
 */
export async function peopleOf(tx: DbOrTx, contacts: readonly ContactOfRecord[], organizationId: string): Promise<Map<string, Person>> {
  const people = new Map<string, Person>();
  // An import creating accounts for the same addresses holds this lock alone (locks.ts).
  await shareOnboardingLock(tx);
  for (const c of contacts) {
    const email = c.email.toLowerCase();
    if (people.has(email)) continue;
    // Two agreements naming one new address at once must not both create it.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`user:${email}`}, 0))`);
    const found = await tx.execute<{ id: string; first_name: string; locale: Locale; status: string }>(
      sql`select id, first_name, locale, status from "user" where lower(email) = ${email}`,
    );
    const row = found.rows[0];
    if (row) {
      people.set(email, {
        userId: row.id,
        email,
        firstName: row.first_name,
        locale: row.locale,
        invited: row.status === 'invited',
        active: row.status === 'active',
      });
      continue;
    }
    const owner = await tx.execute<{ id: string }>(
      sql`select id from organization where ${emailDomain(email)} = any(domains) order by created_at limit 1`,
    );
    const id = await createInvitedUser(tx, {
      ...splitName(c.name),
      email,
      organizationId: owner.rows[0]?.id ?? organizationId,
      locale: c.locale,
    });
    if (!id) throw new Error(`contacts: no account for ${email}`);
    people.set(email, { userId: id, email, firstName: splitName(c.name).firstName, locale: c.locale, invited: true, active: false });
  }
  return people;
}

/** The contact rows: each contact of record on each of the agreement's Licensing IDs (R-REL-6). */
export async function writeContacts(
  tx: DbOrTx,
  licensingIds: readonly string[],
  contacts: readonly ContactOfRecord[],
  people: ReadonlyMap<string, Person>,
): Promise<number> {
  const rows = licensingIds.flatMap((licensingId) =>
    contacts.map((c) => ({
      licensingId,
      type: c.type,
      name: c.name,
      email: c.email.toLowerCase(),
      userId: people.get(c.email.toLowerCase())?.userId ?? null,
    })),
  );
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(contact).values(rows.slice(i, i + 1000));
  return rows.length;
}

export interface AgreementForMail {
  number: string;
  organization: string;
  licensingIds: readonly { number: string; name: string }[];
}

const licensingList = (a: AgreementForMail) => a.licensingIds.map((l) => `- ${l.name} (${l.number})`).join('\n');

/**
 * R-REL-6: each person named gets one mail for all their contact types on the agreement: a
 * welcome with the registration link when they have not registered, else a notice.
 */
export async function mailNewContacts(
  tx: DbOrTx,
  config: Config,
  now: Date,
  agreement: AgreementForMail,
  contacts: readonly ContactOfRecord[],
  people: ReadonlyMap<string, Person>,
): Promise<void> {
  const typesOf = new Map<string, ContactOfRecordType[]>();
  for (const c of contacts) typesOf.set(c.email.toLowerCase(), [...(typesOf.get(c.email.toLowerCase()) ?? []), c.type]);
  for (const [email, types] of typesOf) {
    const person = people.get(email);
    if (!person) continue;
    const params = {
      agreementNumber: agreement.number,
      organization: agreement.organization,
      licensingIds: licensingList(agreement),
      contactTypes: contactTypesIn(types, person.locale),
    };
    if (person.invited) {
      await sendInvitation(tx, config, now, {
        userId: person.userId,
        invitedBy: null,
        mail: { template: onboardingMails.contactWelcome, params },
      });
    } else if (person.active) {
      await enqueueMail(tx, {
        to: person.email,
        locale: person.locale,
        template: onboardingMails.contactNotice,
        params: { ...params, firstName: person.firstName || person.email, url: `${config.publicUrl}/permissions` },
      });
    }
  }
}

/** R-REL-6: the contact the publisher replaced learns that it ended, and who follows. */
export async function mailEndedContact(
  tx: DbOrTx,
  agreement: AgreementForMail,
  old: { email: string; name: string; locale: Locale; type: ContactOfRecordType },
  newContact: string,
): Promise<void> {
  const found = await tx.execute<{ first_name: string; locale: Locale }>(
    sql`select first_name, locale from "user" where lower(email) = ${old.email.toLowerCase()}`,
  );
  const locale = found.rows[0]?.locale ?? old.locale;
  await enqueueMail(tx, {
    to: old.email,
    locale,
    template: onboardingMails.contactEnded,
    params: {
      firstName: found.rows[0]?.first_name || old.name,
      agreementNumber: agreement.number,
      organization: agreement.organization,
      licensingIds: licensingList(agreement),
      contactTypes: contactTypesIn([old.type], locale),
      newContact,
    },
  });
}

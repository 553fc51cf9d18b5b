import { eq, sql } from 'drizzle-orm';
import { insertUnnest } from '../../platform/db/bulk-insert.js';
import type { DbOrTx } from '../../platform/db/client.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { emailDomain } from './rules.js';
import { endAllSessions } from './sign-in/sessions.js';
import { organization, user } from './tables.js';

/**
 * The changes other modules make to a person's account (Manage Users, Add Open License, reseller
 * access, deactivation), each in the caller's transaction: the user and organization rows are
 * identity's, and another module changes them only through these.
 */

export type AccountStatus = (typeof user.$inferSelect)['status'];

export interface NewPerson {
  email: string;
  firstName: string;
  lastName: string;
}

/** A new user of the organization, invited (no password yet); null when the address already has an account. */
export async function createInvitedUser(
  tx: DbOrTx,
  person: NewPerson & { organizationId: string; locale: Locale },
): Promise<string | null> {
  const [created] = await tx
    .insert(user)
    .values({ ...person, status: 'invited' })
    .onConflictDoNothing()
    .returning({ id: user.id });
  return created?.id ?? null;
}

/**
 * The account of the address, or a new invited user of the organization owning its domain; an
 * unknown domain becomes a new organization in `country`. Concurrent calls for one address (or
 * one new domain) wait for each other, so neither is created twice.
 */
export async function findOrCreateAccount(tx: DbOrTx, person: NewPerson & { country: string }) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`user:${person.email}`}, 0))`);
  const [existing] = await tx
    .select({ id: user.id, firstName: user.firstName, locale: user.locale })
    .from(user)
    .where(sql`lower(${user.email}) = ${person.email}`);
  if (existing) return { ...existing, created: false };
  const domain = emailDomain(person.email);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`organization:${domain}`}, 0))`);
  let [org] = await tx
    .select({ id: organization.id })
    .from(organization)
    .where(sql`${domain} = any(${organization.domains})`)
    .orderBy(organization.createdAt)
    .limit(1);
  if (!org) {
    [org] = await tx
      .insert(organization)
      .values({ name: domain, country: person.country, domains: [domain] })
      .returning({ id: organization.id });
  }
  if (!org) throw new Error('account: organization insert returned nothing');
  const [created] = await tx
    .insert(user)
    .values({ organizationId: org.id, email: person.email, firstName: person.firstName, lastName: person.lastName, status: 'invited' })
    .returning({ id: user.id, firstName: user.firstName, locale: user.locale });
  if (!created) throw new Error('account: user insert returned nothing');
  return { ...created, created: true };
}

export async function setNames(tx: DbOrTx, userId: string, names: { firstName: string; lastName: string }): Promise<void> {
  await tx.update(user).set({ firstName: names.firstName, lastName: names.lastName }).where(eq(user.id, userId));
}

/**
 * Closes the account (R-ID-6, R-PERM-7): status `deactivated`, every browser session ended and
 * every personal API token revoked, so access ends with the transaction.
 */
export async function closeAccount(tx: DbOrTx, userId: string, now: Date): Promise<{ sessions: number; tokens: number }> {
  await tx.update(user).set({ status: 'deactivated' }).where(eq(user.id, userId));
  return endAllSessions(tx, userId, now);
}

/** Reopens an account closeAccount closed, with the status it had before; false when it is not closed (any more). */
export async function reopenAccount(tx: DbOrTx, userId: string, status: AccountStatus): Promise<boolean> {
  const reopened = await tx
    .update(user)
    .set({ status })
    .where(sql`${user.id} = ${userId} and ${user.status} = 'deactivated'`)
    .returning({ id: user.id });
  return reopened.length > 0;
}

/**
 * A customer organization the publisher onboards (R-REL-7: one organization holds many Licensing
 * IDs), with its work-account domains in lower case. The caller has checked no other organization
 * owns them.
 */
export async function createOrganization(
  tx: DbOrTx,
  org: { name: string; country: string; domains: readonly string[]; isChannelPartner?: boolean },
): Promise<string> {
  const [created] = await tx
    .insert(organization)
    .values({
      name: org.name,
      country: org.country,
      domains: org.domains.map((d) => d.toLowerCase()),
      isChannelPartner: org.isChannelPartner ?? false,
    })
    .returning({ id: organization.id });
  if (!created) throw new Error('account: organization insert returned nothing');
  return created.id;
}

/** Many customer organizations at once (an import); each returned with the first of its domains, which names it. */
export async function createOrganizations(
  tx: DbOrTx,
  orgs: readonly { name: string; country: string; domains: readonly string[] }[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const columns = { name: 'text', country: 'text', domains: 'text[]' };
  for (let i = 0; i < orgs.length; i += 5000) {
    const rows = await insertUnnest<{ id: string; domains: string[] }>(
      tx,
      'organization',
      columns,
      // An array column travels as its text form ({a,b}); domain names need no quoting.
      orgs
        .slice(i, i + 5000)
        .map((o) => ({ name: o.name, country: o.country, domains: `{${o.domains.map((d) => d.toLowerCase()).join(',')}}` })),
      ['id', 'domains'],
    );
    for (const r of rows) ids.set(r.domains[0] ?? '', r.id);
  }
  return ids;
}

/** Many invited users at once (an import's contacts without an account), by lower-case address → id. */
export async function createInvitedUsers(
  tx: DbOrTx,
  people: readonly (NewPerson & { organizationId: string; locale: Locale })[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const columns = {
    organization_id: 'uuid',
    email: 'text',
    first_name: 'text',
    last_name: 'text',
    locale: 'locale',
    status: 'user_status',
  };
  for (let i = 0; i < people.length; i += 5000) {
    const rows = await insertUnnest<{ id: string; email: string }>(
      tx,
      'user',
      columns,
      people.slice(i, i + 5000).map((p) => ({
        organization_id: p.organizationId,
        email: p.email,
        first_name: p.firstName,
        last_name: p.lastName,
        locale: p.locale,
        status: 'invited',
      })),
      ['id', 'email'],
      { skipConflicts: true },
    );
    for (const r of rows) ids.set(r.email.toLowerCase(), r.id);
  }
  return ids;
}

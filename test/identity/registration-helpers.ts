import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { sendInvitation } from '../../src/modules/identity/registration/invitations.js';
import type { Role } from '../../src/platform/authz/roles.js';
import type { Clock } from '../../src/platform/clock.js';
import type { TestApp } from '../helpers/app.js';

export const PASSWORD = 'a-long-enough-passphrase';

/** A stand-in for the built portal: following a mailed link must reach the portal's page. */
export async function portalStub(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lsc-portal-stub-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Licensing Service Center</title><div id="root"></div>');
  return dir;
}

export async function rows<T = Record<string, unknown>>(t: TestApp, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await t.database.db.execute(query)).rows as T[];
}

export async function idOf(t: TestApp, query: ReturnType<typeof sql>): Promise<string> {
  const [row] = await rows<{ id: string }>(t, query);
  if (!row) throw new Error('no row');
  return row.id;
}

export const userId = (t: TestApp, email: string) => idOf(t, sql`select id from "user" where lower(email) = lower(${email})`);
export const licensingIdOf = (t: TestApp, number: string) => idOf(t, sql`select id from licensing_id where number = ${number}`);

/**
 * What Manage Users does: an invited user row of the inviter's organization with grants attached,
 * and the invitation mailed (the real sendInvitation).
 */
export async function invite(
  t: TestApp,
  clock: Clock,
  input: { email: string; by?: string; grants: { licensingNumber: string; role: Role; active?: boolean }[]; locale?: 'en' | 'sv' },
) {
  const by = input.by ?? 'admin@contoso.example';
  const inviterId = await userId(t, by);
  const [org] = await rows<{ organization_id: string }>(t, sql`select organization_id from "user" where id = ${inviterId}`);
  const { id: invitedId } = await t.given.user(input.email, {
    organization: org?.organization_id,
    status: 'invited',
    locale: input.locale ?? 'en',
    firstName: '',
    lastName: '',
    password: null,
    grants: input.grants.map((g) => ({ on: g.licensingNumber, roles: [g.role], active: g.active ?? true })),
  });
  await t.database.db.transaction((tx) => sendInvitation(tx, t.config, clock.now(), { userId: invitedId, invitedBy: inviterId }));
  return invitedId;
}

export interface OutboxMail {
  id: string;
  to_address: string;
  template: string;
  locale: string;
  subject: string;
  text: string;
  html: string;
}

/** The newest mail of a template to an address, as the recipient gets it. */
export async function lastMail(t: TestApp, to: string, template: string): Promise<OutboxMail> {
  const [mail] = await rows<OutboxMail>(
    t,
    sql`select * from outbox where lower(to_address) = lower(${to}) and template = ${template} order by id desc limit 1`,
  );
  if (!mail) throw new Error(`no ${template} mail to ${to}`);
  return mail;
}

/**
 * The link of the mail's button, checked to be on the public address and in the HTML as well;
 * returns it as a URL so the test follows it.
 */
export function linkIn(t: TestApp, mail: OutboxMail, pagePath: string): URL {
  const match = mail.text.match(/https?:\/\/\S+/g)?.find((u) => new URL(u).pathname === pagePath);
  if (!match) throw new Error(`no ${pagePath} link in ${mail.template}: ${mail.text}`);
  const url = new URL(match);
  expect(url.origin).toBe(t.config.publicUrl);
  expect(mail.html).toContain(`href="${match}"`);
  return url;
}

/** Follows a mailed link: the portal page loads, and the token it carries is what the page posts to the API. */
export async function follow(t: TestApp, url: URL): Promise<string> {
  const page = await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
  expect(page.statusCode).toBe(200);
  expect(page.headers['content-type']).toMatch(/text\/html/);
  const token = url.searchParams.get('token');
  if (!token) throw new Error(`no token in ${url}`);
  return token;
}

/** Row counts of everything a refused request must not write. */
export async function footprint(t: TestApp) {
  const [c] = await rows(
    t,
    sql`select
      (select count(*)::int from "user") as users,
      (select count(*)::int from "user" where status = 'active') as active_users,
      (select count(*)::int from role_grant where active) as active_grants,
      (select count(*)::int from invitation where accepted_at is not null or revoked_at is not null) as closed_invitations,
      (select count(*)::int from invitation) as invitations,
      (select count(*)::int from email_verification) as verifications,
      (select count(*)::int from organization) as organizations,
      (select string_agg(country || ':' || self_sign_up || ':' || array_to_string(restricted_domains, ','), ';' order by id) from organization) as org_settings,
      (select count(*)::int from audit_log) as audit,
      (select count(*)::int from outbox) as mails`,
  );
  return c;
}

import { type SQL, sql } from 'drizzle-orm';
import type { GrantSource } from '../../src/modules/permissions/rules.js';
import type { Role } from '../../src/platform/authz/roles.js';
import type { TestApp } from '../helpers/app.js';
import type { Session } from '../helpers/session.js';

const PASSWORD = 'fixture-password-1';

export interface Mail {
  to_address: string;
  template: string;
  locale: string;
  subject: string;
  text: string;
}

/** Data helpers for the permissions tests, on the demo-seeded database of one test app. */
export function fixtures(t: TestApp) {
  const db = t.database.db;
  const rows = async <T extends Record<string, unknown>>(q: SQL) => (await db.execute<T>(q)).rows;
  const one = async <T extends Record<string, unknown>>(q: SQL) => {
    const [r] = await rows<T>(q);
    if (!r) throw new Error('fixture: no row');
    return r;
  };

  const f = {
    db,
    rows,
    lid: async (number: string) => (await one<{ id: string }>(sql`select id from licensing_id where number = ${number}`)).id,
    agreement: async (number: string) => (await one<{ id: string }>(sql`select id from agreement where number = ${number}`)).id,
    userId: async (email: string) => (await one<{ id: string }>(sql`select id from "user" where email = ${email}`)).id,

    /** A new active user of an organization with a password, grants by Licensing ID number, and a session. */
    async user(
      email: string,
      opts: { org?: string; locale?: 'en' | 'sv'; grants?: [string, Role[], GrantSource?][]; firstName?: string } = {},
    ): Promise<{ id: string; session: Session }> {
      const { id, session } = await t.given.signedIn(email, {
        organization: opts.org,
        locale: opts.locale,
        firstName: opts.firstName,
        password: PASSWORD,
        grants: (opts.grants ?? []).map(([on, roles, source]) => ({ on, roles, source })),
      });
      return { id, session };
    },

    /** Active roles of a user on a Licensing ID. */
    async roles(userId: string, number: string): Promise<string[]> {
      const r = await rows<{ role: string }>(sql`
        select distinct g.role::text as role from role_grant g join licensing_id l on l.id = g.licensing_id
        where g.user_id = ${userId} and l.number = ${number} and g.active order by 1`);
      return r.map((x) => x.role);
    },

    mails: (to: string) =>
      rows<Mail & Record<string, unknown>>(
        sql`select to_address, template, locale, subject, text from outbox where to_address = ${to} order by id`,
      ),

    audits: (action: string, targetId?: string) =>
      rows<{ action: string; target_id: string; actor_user_id: string; before: unknown; after: unknown }>(sql`
        select action, target_id, actor_user_id, before, after from audit_log
        where action = ${action} ${targetId ? sql`and target_id = ${targetId}` : sql``} order by id`),

    /** Rows of the tables a refused change must not touch. */
    async counts() {
      const r = await one<Record<string, number>>(sql`select
        (select count(*) from role_grant)::int as grants,
        (select count(*) from role_grant where active)::int as active,
        (select count(*) from "user")::int as users,
        (select count(*) from outbox)::int as mails,
        (select count(*) from audit_log)::int as audits,
        (select count(*) from permission_request)::int as requests,
        (select count(*) from admin_inheritance)::int as choices`);
      return r;
    },
  };
  return f;
}

export type Fixtures = ReturnType<typeof fixtures>;

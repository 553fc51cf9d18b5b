import { eq } from 'drizzle-orm';
import type { Config } from '../../src/config.js';
import { CSRF_COOKIE, createSession, SESSION_COOKIE } from '../../src/modules/identity/sign-in/sessions.js';
import { organization, user } from '../../src/modules/identity/tables.js';
import { roleGrant } from '../../src/modules/permissions/tables.js';
import { licensingId } from '../../src/modules/relationship/tables.js';
import { hashPassword } from '../../src/platform/auth/password.js';
import type { Role } from '../../src/platform/authz/roles.js';
import { type Clock, systemClock } from '../../src/platform/clock.js';
import type { Db } from '../../src/platform/db/client.js';
import type { Session } from './session.js';

/** The password of every user `given` makes, unless one is named. */
export const GIVEN_PASSWORD = 'given-password-1';

export interface GrantSpec {
  /** The Licensing ID, by number ('67012345') or by id. */
  on: string;
  roles: readonly Role[];
  /** Where the grant comes from; ADMIN (given in Manage Users) unless said. */
  source?: (typeof roleGrant.$inferInsert)['source'];
  active?: boolean;
  manageReservation?: boolean;
}

export interface UserSpec extends Partial<Omit<typeof user.$inferInsert, 'id' | 'email' | 'organizationId' | 'passwordHash'>> {
  /** The organization, by name or by id; Contoso Ltd unless said. */
  organization?: string;
  /** The password to sign in with; null for an account without one (SSO, invited). */
  password?: string | null;
  grants?: readonly GrantSpec[];
}

export interface GivenUser {
  id: string;
  email: string;
  organizationId: string;
}

/** The values given: a key left undefined keeps the default. */
const defined = <T extends object>(values: T) =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hashes = new Map<string, Promise<string>>();
// argon2 takes a while on purpose: one hash per password for the whole file.
const hashOf = (password: string) =>
  hashes.get(password) ?? hashes.set(password, hashPassword(password)).get(password) ?? hashPassword(password);

/**
 * The data a test starts from, written with the schema's own typed inserts: organizations, users
 * with their grants (roles by Licensing ID, from a source), and signed-in sessions. One place for
 * "a user with these roles", instead of raw SQL copied into each test file.
 */
export function given(app: { database: { db: Db }; clock?: Clock; config?: Config }) {
  const db = () => app.database.db;

  async function one<T>(rows: Promise<T[]>, what: string): Promise<T> {
    const [row] = await rows;
    if (!row) throw new Error(`given: no ${what}`);
    return row;
  }

  const organizationId = async (nameOrId: string) =>
    UUID.test(nameOrId)
      ? nameOrId
      : (
          await one(
            db().select({ id: organization.id }).from(organization).where(eq(organization.name, nameOrId)),
            `organization ${nameOrId}`,
          )
        ).id;

  const licensingIdOf = async (numberOrId: string) =>
    UUID.test(numberOrId)
      ? numberOrId
      : (
          await one(
            db().select({ id: licensingId.id }).from(licensingId).where(eq(licensingId.number, numberOrId)),
            `Licensing ID ${numberOrId}`,
          )
        ).id;

  const self = {
    async organization(values: typeof organization.$inferInsert): Promise<{ id: string }> {
      return one(db().insert(organization).values(values).returning({ id: organization.id }), 'organization');
    },

    /** An active user (unless `status` says otherwise) with a password and the grants given. */
    async user(email: string, spec: UserSpec = {}): Promise<GivenUser> {
      const { organization: org = 'Contoso Ltd', password = GIVEN_PASSWORD, grants = [], ...columns } = spec;
      const created = await one(
        db()
          .insert(user)
          .values({
            firstName: 'Test',
            lastName: 'User',
            ...defined(columns),
            email,
            organizationId: await organizationId(org),
            passwordHash: password === null ? null : await hashOf(password),
          })
          .returning({ id: user.id, email: user.email, organizationId: user.organizationId }),
        'user',
      );
      for (const g of grants) await self.grant(created.id, g);
      return created;
    },

    /** Roles on a Licensing ID (the grants' ids); a grant the user already has from the same source takes the `active` given. */
    async grant(userId: string, { on, roles, source = 'ADMIN', active = true, manageReservation }: GrantSpec): Promise<string[]> {
      const lid = await licensingIdOf(on);
      const ids: string[] = [];
      for (const role of roles) {
        const row = await one(
          db()
            .insert(roleGrant)
            .values({ userId, licensingId: lid, role, source, active, ...defined({ manageReservation }) })
            .onConflictDoUpdate({ target: [roleGrant.userId, roleGrant.licensingId, roleGrant.role, roleGrant.source], set: { active } })
            .returning({ id: roleGrant.id }),
          'grant',
        );
        ids.push(row.id);
      }
      return ids;
    },

    /** A browser session of the user as sign-in makes it: its cookies and the CSRF header. */
    async session(userId: string): Promise<Session> {
      if (!app.config) throw new Error('given: a session needs the app (its clock and session lifetime)');
      const { token, csrfToken } = await createSession(db(), userId, (app.clock ?? systemClock).now(), app.config.SESSION_TTL_HOURS);
      const cookie = `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrfToken}`;
      return { cookie, csrf: csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
    },

    /** A user (as `user`) with a session. */
    async signedIn(email: string, spec: UserSpec = {}): Promise<GivenUser & { session: Session }> {
      const created = await self.user(email, spec);
      return { ...created, session: await self.session(created.id) };
    },
  };
  return self;
}

export type Given = ReturnType<typeof given>;

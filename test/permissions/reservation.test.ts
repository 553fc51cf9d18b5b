import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import { mayReserve } from '../../src/modules/permissions/reservation/rules.js';
import { canReserve } from '../../src/modules/permissions/reservation/service.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import { ROLES, type Role } from '../../src/platform/authz/roles.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { given } from '../helpers/given.js';

describe('Manage Reservation (R-PERM-9)', () => {
  it('R-PERM-9: Administrator, Online Administrator, or an OSM with Manage Reservation — OSM alone is not enough', () => {
    const no = { manageReservation: false, isOnlineAdministratorContact: false };
    expect(mayReserve({ ...no, roles: ['ADMINISTRATOR'] })).toBe(true);
    expect(mayReserve({ ...no, roles: [], isOnlineAdministratorContact: true })).toBe(true);
    expect(mayReserve({ ...no, roles: ['ONLINE_SERVICES_MANAGER'] })).toBe(false);
    expect(mayReserve({ ...no, roles: ['ONLINE_SERVICES_MANAGER'], manageReservation: true })).toBe(true);
    // The flag means nothing without the role it qualifies.
    expect(mayReserve({ ...no, roles: ['LICENSING_INFO_VIEWER'], manageReservation: true })).toBe(false);
    for (const role of ROLES.filter((r) => r !== 'ADMINISTRATOR' && r !== 'ONLINE_SERVICES_MANAGER')) {
      expect(mayReserve({ ...no, roles: [role] }), role).toBe(false);
    }
    expect(mayReserve({ ...no, roles: [...ROLES].filter((r): r is Role => r !== 'ADMINISTRATOR') })).toBe(false);
  });

  describe('canReserve, for the reservations capability', () => {
    let database: TestDatabase;
    let enrollment: string;
    const q = async <T = Record<string, string>>(text: ReturnType<typeof sql>) => (await database.db.execute(text)).rows as T[];
    const actorFor = async (email: string): Promise<Actor> => {
      const [u] = await q(sql`select id, organization_id from "user" where email = ${email}`);
      return {
        userId: u?.id ?? '',
        organizationId: u?.organization_id ?? '',
        email,
        locale: 'en',
        isOperator: false,
        via: 'session',
        requestId: 'test',
      };
    };
    const newUser = async (email: string, roles: Role[], manageReservation = false) => {
      await given({ database }).user(email, {
        firstName: 'T',
        lastName: 'U',
        password: null,
        grants: [{ on: enrollment, roles, manageReservation }],
      });
      return actorFor(email);
    };

    beforeAll(async () => {
      database = await createTestDatabase();
      await seedDemo(database.db);
      enrollment = (await q(sql`select id from licensing_id where number = '67012345'`))[0]?.id ?? '';
    });
    afterAll(() => database.drop());

    it('R-PERM-9: the Administrator may reserve; another organization’s Administrator may not', async () => {
      expect(await canReserve(database.db, await actorFor('admin@contoso.example'), enrollment)).toBe(true);
      expect(await canReserve(database.db, await actorFor('admin@fabrikam.example'), enrollment)).toBe(false);
      expect(await canReserve(database.db, await actorFor('admin@contoso.example'), '00000000-0000-4000-8000-000000000000')).toBe(false);
    });

    it('R-PERM-9: an Online Services Manager needs Manage Reservation on that enrollment, on an active grant', async () => {
      const plain = await newUser('osm.plain@contoso.example', ['ONLINE_SERVICES_MANAGER']);
      expect(await canReserve(database.db, plain, enrollment)).toBe(false);
      const flagged = await newUser('osm.reserve@contoso.example', ['ONLINE_SERVICES_MANAGER'], true);
      expect(await canReserve(database.db, flagged, enrollment)).toBe(true);
      // Only on that enrollment.
      const pcn = (await q(sql`select id from licensing_id where number = '8765-4321'`))[0]?.id ?? '';
      await given({ database }).grant(flagged.userId, { on: pcn, roles: ['ONLINE_SERVICES_MANAGER'] });
      expect(await canReserve(database.db, flagged, pcn)).toBe(false);
      await database.db.execute(
        sql`update role_grant set active = false where user_id = ${flagged.userId} and licensing_id = ${enrollment}`,
      );
      expect(await canReserve(database.db, flagged, enrollment)).toBe(false);
      const wrongRole = await newUser('viewer.reserve@contoso.example', ['LICENSING_INFO_VIEWER'], true);
      expect(await canReserve(database.db, wrongRole, enrollment)).toBe(false);
    });

    it('R-PERM-9: the Online Administrator contact of the enrollment (or its parent agreement) may reserve without a role', async () => {
      const ola = await newUser('ola@contoso.example', []);
      expect(await canReserve(database.db, ola, enrollment)).toBe(false);
      await database.db.execute(sql`insert into contact (licensing_id, type, name, email)
        values (${enrollment}, 'ONLINE_ADMINISTRATOR', 'Ola Admin', 'OLA@contoso.example')`);
      expect(await canReserve(database.db, ola, enrollment)).toBe(true);
      // The Online Services Manager contact is not the Online Administrator (viewer@ is the OSM contact in the demo).
      expect(await canReserve(database.db, await actorFor('viewer@contoso.example'), enrollment)).toBe(false);
      const parentOla = await newUser('parent.ola@contoso.example', []);
      await database.db.execute(sql`insert into contact (agreement_id, type, name, email, user_id)
        select parent_agreement_id, 'ONLINE_ADMINISTRATOR', 'Parent Ola', 'parent.ola@contoso.example', ${parentOla.userId}
        from licensing_id where id = ${enrollment}`);
      expect(await canReserve(database.db, parentOla, enrollment)).toBe(true);
    });
  });
});

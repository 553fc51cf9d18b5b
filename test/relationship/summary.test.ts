import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupRelationship, type LicensingIdRow } from '../../src/modules/relationship/rules.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

type Group = {
  mbsa: { number: string } | null;
  parents: {
    agreement: { number: string } | null;
    licensingIds: { number: string; kind: string; roles: string[]; authorizationNumber: string | null }[];
  }[];
};
const numbers = (groups: Group[]) => groups.flatMap((g) => g.parents.flatMap((p) => p.licensingIds.map((l) => l.number)));

describe('Relationship Summary', () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  beforeAll(async () => {
    t = await createTestApp();
    for (const email of ['admin@contoso.example', 'viewer@contoso.example', 'keys@contoso.example', 'admin@fabrikam.example'])
      s[email] = await signIn(t.app, email);
  });
  afterAll(() => t.close());

  it('R-REL-2: groups MBSA → parent program agreement → Licensing ID; Open programs stand without MBSA', async () => {
    const res = await t.as(s['admin@contoso.example']).get('/relationship-summary');
    expect(res.statusCode).toBe(200);
    const groups = res.json().groups as Group[];
    expect(groups.map((g) => g.mbsa?.number ?? null)).toEqual(['01E73628', null]);
    expect(groups[0]?.parents.map((p) => p.agreement?.number)).toEqual(['01E73628-EA', '4455-SP']);
    expect(groups[1]?.parents).toHaveLength(1);
    expect(groups[1]?.parents[0]?.agreement).toBeNull();
    expect(groups[1]?.parents[0]?.licensingIds.map((l) => l.number).sort()).toEqual(['V1234567', 'V9876543']);
  });

  it('R-REL-1 / R-REL-7: one organization holds Licensing IDs of every kind across programs', async () => {
    const res = await t.as(s['admin@contoso.example']).get('/relationship-summary?status=all');
    const all = (res.json().groups as Group[]).flatMap((g) => g.parents.flatMap((p) => p.licensingIds));
    expect(new Set(all.map((l) => l.kind))).toEqual(new Set(['ENROLLMENT', 'PCN', 'LICENSE', 'AGREEMENT']));
    expect(all.find((l) => l.number === 'V1234567')?.authorizationNumber).toBe('AUTH-7788');
    expect(all.every((l) => l.roles.includes('ADMINISTRATOR'))).toBe(true);
  });

  it('R-REL-3: only Licensing IDs the user holds a role on; inactive ones only when asked', async () => {
    const active = await t.as(s['admin@contoso.example']).get('/relationship-summary');
    expect(numbers(active.json().groups).sort()).toEqual(['67012345', '8765-4321', 'V1234567', 'V9876543']);
    const all = await t.as(s['admin@contoso.example']).get('/relationship-summary?status=all');
    expect(numbers(all.json().groups)).toContain('54011111');
    const viewer = await t.as(s['viewer@contoso.example']).get('/relationship-summary?status=all');
    expect(numbers(viewer.json().groups)).toEqual(['67012345']);
    expect((viewer.json().groups as Group[])[0]?.parents[0]?.licensingIds[0]?.roles).toEqual(['LICENSING_INFO_VIEWER']);
    const fabrikam = await t.as(s['admin@fabrikam.example']).get('/relationship-summary?status=all');
    expect(numbers(fabrikam.json().groups)).toEqual(['67099999']);
  });

  it('a role removed or deactivated takes the Licensing ID out of the summary at once', async () => {
    await t.database.db.execute(
      sql`update role_grant set active = false where user_id = (select id from "user" where email = 'keys@contoso.example') and licensing_id = (select id from licensing_id where number = '8765-4321')`,
    );
    const res = await t.as(s['keys@contoso.example']).get('/relationship-summary?status=all');
    expect(numbers(res.json().groups)).toEqual(['67012345']);
  });

  it('R-REL-3 / R-PERM-1: a role held from two sources is listed once, in the catalogue’s order', async () => {
    const db = t.database.db;
    // The demo admin is Administrator of the enrollment by assignment; make them its contact too.
    const [admin] = (await db.execute<{ id: string }>(sql`select id from "user" where email = 'admin@contoso.example'`)).rows;
    await t.given.grant(admin?.id ?? '', { on: '67012345', roles: ['ADMINISTRATOR'], source: 'CONTACT' });
    await t.given.grant(admin?.id ?? '', { on: '67012345', roles: ['ADMINISTRATOR', 'LICENSING_INFO_VIEWER'], source: 'INHERITED' });
    const held = await db.execute<{ n: number }>(sql`select count(*)::int as n from role_grant g
      join "user" u on u.id = g.user_id join licensing_id l on l.id = g.licensing_id
      where u.email = 'admin@contoso.example' and l.number = '67012345' and g.active and g.role = 'ADMINISTRATOR'`);
    expect(held.rows[0]?.n).toBeGreaterThan(1);

    const summary = await t.as(s['admin@contoso.example']).get('/relationship-summary');
    const row = (summary.json().groups as Group[])
      .flatMap((g) => g.parents.flatMap((p) => p.licensingIds))
      .find((l) => l.number === '67012345');
    expect(row?.roles).toEqual(['ADMINISTRATOR', 'LICENSING_INFO_VIEWER']);
    const list = await t.as(s['admin@contoso.example']).get('/licensing-ids');
    const item = (list.json().items as { number: string; roles: string[] }[]).find((l) => l.number === '67012345');
    expect(item?.roles).toEqual(['ADMINISTRATOR', 'LICENSING_INFO_VIEWER']);
    const one = await t
      .as(s['admin@contoso.example'])
      .get(`/licensing-ids/${(list.json().items as { id: string; number: string }[]).find((l) => l.number === '67012345')?.id}`);
    expect(one.json().roles).toEqual(['ADMINISTRATOR', 'LICENSING_INFO_VIEWER']);
  });

  it('another organization’s Licensing ID answers 404; an own one without a role 403', async () => {
    const ids = await t.database.db.execute<{ number: string; id: string }>(sql`select number, id from licensing_id`);
    const id = (n: string) => ids.rows.find((r) => r.number === n)?.id;
    const foreign = await t.as(s['admin@contoso.example']).get(`/licensing-ids/${id('67099999')}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('NOT_FOUND');
    const unknown = await t.as(s['admin@contoso.example']).get('/licensing-ids/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect({ ...foreign.json(), instance: '', requestId: '' }).toEqual({ ...unknown.json(), instance: '', requestId: '' });
    const ownNoRole = await t.as(s['viewer@contoso.example']).get(`/licensing-ids/${id('8765-4321')}`);
    expect(ownNoRole.statusCode).toBe(403);
    const own = await t.as(s['viewer@contoso.example']).get(`/licensing-ids/${id('67012345')}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ number: '67012345', parent: { number: '01E73628-EA' }, mbsa: { number: '01E73628' } });
  });
});

describe('groupRelationship (pure)', () => {
  const ref = (id: string, number: string) => ({
    id,
    number,
    programCode: null,
    programName: null,
    status: 'ACTIVE' as const,
    startDate: '2020-01-01',
    endDate: null,
  });
  const row = (number: string, parent: ReturnType<typeof ref> | null, mbsa: ReturnType<typeof ref> | null): LicensingIdRow => ({
    id: number,
    number,
    authorizationNumber: null,
    name: number,
    kind: 'ENROLLMENT',
    programCode: 'ENTERPRISE',
    programName: 'Enterprise',
    status: 'ACTIVE',
    startDate: '2020-01-01',
    endDate: null,
    roles: [],
    parent,
    mbsa,
  });

  it('R-REL-2: sorts MBSAs, parents and Licensing IDs by number, without-MBSA last', () => {
    const m1 = ref('m1', 'B-MBSA');
    const m2 = ref('m2', 'A-MBSA');
    const p1 = ref('p1', 'P2');
    const p2 = ref('p2', 'P1');
    const groups = groupRelationship([
      row('3', p1, m1),
      row('1', null, null),
      row('2', p2, m1),
      row('4', p1, m1),
      row('5', ref('p3', 'P9'), m2),
    ]);
    expect(groups.map((g) => g.mbsa?.number ?? null)).toEqual(['A-MBSA', 'B-MBSA', null]);
    expect(groups[1]?.parents.map((p) => p.agreement?.number)).toEqual(['P1', 'P2']);
    expect(groups[1]?.parents[1]?.licensingIds.map((l) => l.number)).toEqual(['3', '4']);
    expect(groupRelationship([])).toEqual([]);
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

type User = { id: string; name: string; email: string; locale: string };

describe('Benefit users of the Home Use Program (R-SA-6, R-PERM-8)', () => {
  let t: TestApp;
  let admin: Session;
  let viewer: Session;
  let lid = '';
  const ada = { name: 'Ada Lind', email: 'Ada.Lind@contoso.example', locale: 'sv' };
  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2026-03-01T09:00:00Z') });
    lid = (await t.database.db.execute<{ id: string }>(sql`select id from licensing_id where number = '67012345'`)).rows[0]?.id ?? '';
    admin = await signIn(t.app, 'admin@contoso.example');
    viewer = await signIn(t.app, 'viewer@contoso.example');
  });
  afterAll(() => t.close());

  const one = async <T>(query: ReturnType<typeof sql>) => (await t.database.db.execute<T & Record<string, unknown>>(query)).rows[0] as T;
  const base = () => `/licensing-ids/${lid}/sa-benefits/HOME_USE_PROGRAM/users`;
  const remaining = async () =>
    ((await t.as(admin).get(`/licensing-ids/${lid}/sa-benefits`)).json().benefits as { benefit: string; quantityRemaining: number }[]).find(
      (b) => b.benefit === 'HOME_USE_PROGRAM',
    )?.quantityRemaining ?? -1;
  /** What a refused request must leave as it was. */
  const footprint = async () =>
    one<{ uses: string; mails: number; audits: number }>(sql`select
      (select string_agg(id::text || status::text || holder_email || holder_locale, ',' order by id) from sa_benefit_use) as uses,
      (select count(*)::int from outbox where template = 'benefitUserInstructions') as mails,
      (select count(*)::int from audit_log where action like 'sa.benefit-user.%') as audits`);
  const refused = (res: { statusCode: number; headers: Record<string, unknown>; json: () => { code: string } }) => ({
    status: res.statusCode,
    problem: String(res.headers['content-type']).includes('application/problem+json'),
    code: res.json().code,
  });

  it('R-SA-6 bad input: a benefit not yet Activated takes no user; nothing changes', async () => {
    const before = await footprint();
    expect(refused(await t.as(admin).post(base(), ada))).toEqual({ status: 409, problem: true, code: 'SA_BENEFIT_NOT_ACTIVATED' });
    expect(await footprint()).toEqual(before);
  });

  let id = '';
  it('R-SA-6: an Administrator adds a user, who takes one unit and is mailed the instructions in the chosen language; audited', async () => {
    expect((await t.as(admin).post(`/licensing-ids/${lid}/sa-benefits/HOME_USE_PROGRAM/activate`)).statusCode).toBe(200);
    const left = await remaining();
    const res = await t.as(admin).post(base(), ada);
    expect(res.statusCode, res.body).toBe(201);
    const u = res.json() as User;
    id = u.id;
    expect(u).toMatchObject({ name: 'Ada Lind', email: 'ada.lind@contoso.example', locale: 'sv' });
    expect(await remaining()).toBe(left - 1);
    const mail = await one<{ subject: string }>(
      sql`select subject from outbox where to_address = 'ada.lind@contoso.example' and template = 'benefitUserInstructions'`,
    );
    expect(mail.subject).toBe('Så använder du Home Use Program från Contoso Ltd');
    expect(((await t.as(viewer).get(base())).json().users as User[]).map((x) => x.id)).toEqual([id]);
    const entry = await one<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'sa.benefit-user.add'`);
    expect(entry.n).toBe(1);
  });

  it('R-SA-6 bad input: the same address twice, a bad address, a viewer, another benefit: refused; nothing changes', async () => {
    const before = await footprint();
    expect(refused(await t.as(admin).post(base(), ada))).toMatchObject({ status: 409, code: 'SA_BENEFIT_USER_EXISTS' });
    expect((await t.as(admin).post(base(), { ...ada, email: 'nope' })).statusCode).toBe(400);
    expect(refused(await t.as(viewer).post(base(), { ...ada, email: 'bo@contoso.example' }))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect((await t.as(admin).post(`/licensing-ids/${lid}/sa-benefits/E_LEARNING/users`, ada)).statusCode).toBe(400);
    expect(await footprint()).toEqual(before);
  });

  it('R-SA-6: edit a user (a new address is mailed), resend the instructions in their language', async () => {
    const res = await t.as(admin).put(`${base()}/${id}`, { name: 'Ada Berg', email: 'ada.berg@contoso.example', locale: 'en' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Ada Berg', email: 'ada.berg@contoso.example', locale: 'en' });
    expect((await t.as(admin).post(`${base()}/${id}/resend`)).statusCode).toBe(200);
    const mails = await one<{ n: number; subject: string }>(sql`select count(*)::int as n, max(subject) as subject from outbox
      where to_address = 'ada.berg@contoso.example' and template = 'benefitUserInstructions'`);
    expect(mails).toEqual({ n: 2, subject: 'How to use Home Use Program from Contoso Ltd' });
    const actions = await t.database.db.execute<{ action: string }>(
      sql`select action from audit_log where action like 'sa.benefit-user.%' order by id`,
    );
    expect(actions.rows.map((r) => r.action)).toEqual(['sa.benefit-user.add', 'sa.benefit-user.edit', 'sa.benefit-user.resend']);
  });

  it('R-SA-6 bad input: no more users than remain, also concurrently; nothing changes', async () => {
    const left = await remaining();
    await t.database.db.execute(sql`
      insert into sa_benefit_use (licensing_id, benefit, kind, quantity, reference, holder_name, holder_email, holder_locale)
      select ${lid}, 'HOME_USE_PROGRAM', 'BENEFIT_USER', 1, 'BU-fill-' || i, 'Filler', 'fill' || i || '@contoso.example', 'en'
      from generate_series(1, ${left}) i`);
    const before = await footprint();
    expect(refused(await t.as(admin).post(base(), { ...ada, email: 'one.more@contoso.example' }))).toMatchObject({
      status: 409,
      code: 'SA_NOT_ENOUGH_REMAINING',
    });
    expect(await footprint()).toEqual(before);
    await t.database.db.execute(sql`delete from sa_benefit_use where reference = 'BU-fill-1'`);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.as(admin).post(base(), { ...ada, email: `racer${i}@contoso.example` })),
    );
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'SA_NOT_ENOUGH_REMAINING')).toBe(true);
    expect(await remaining()).toBe(0);
  });

  it('R-SA-6: deleting a user frees its unit; audited', async () => {
    const res = await t.as(admin).delete(`${base()}/${id}`);
    expect(res.statusCode).toBe(204);
    expect(await remaining()).toBe(1);
    expect(((await t.as(admin).get(base())).json().users as User[]).some((u) => u.id === id)).toBe(false);
    expect((await t.as(admin).delete(`${base()}/${id}`)).statusCode).toBe(404);
    expect((await one<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'sa.benefit-user.delete'`)).n).toBe(1);
  });

  it('R-SA-6, R-PERM-8 bad input: an SA Manager narrowed to training vouchers may not manage this benefit; nothing changes', async () => {
    const m = await t.given.user('narrow.manager@contoso.example', {
      password: DEMO_PASSWORD,
      grants: [{ on: '67012345', roles: ['SA_MANAGER'] }],
    });
    await t.database.db.execute(sql`update role_grant set sub_roles = '{TRAINING_VOUCHERS}' where user_id = ${m.id}`);
    const narrow = await signIn(t.app, 'narrow.manager@contoso.example');
    const before = await footprint();
    const res = await t.as(narrow).post(base(), { ...ada, email: 'narrow@contoso.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('SA_BENEFIT_GROUP_NOT_HELD');
    expect(await footprint()).toEqual(before);
  });

  it('R-SA-6 bad input: on hold (HAR) users cannot be added, edited or deleted; nothing changes', async () => {
    const operator = await signIn(t.app, 'operator@northwind.example');
    expect(
      (await t.as(operator).post(`/operator/licensing-ids/${lid}/sa-benefits/HOME_USE_PROGRAM/hold`, { reason: 'Payment overdue' }))
        .statusCode,
    ).toBe(200);
    const [u] = (await t.as(admin).get(base())).json().users as User[];
    const before = await footprint();
    expect(refused(await t.as(admin).post(base(), { ...ada, email: 'held@contoso.example' })).code).toBe('SA_BENEFIT_ON_HOLD');
    expect(refused(await t.as(admin).put(`${base()}/${u?.id}`, ada)).code).toBe('SA_BENEFIT_ON_HOLD');
    expect(refused(await t.as(admin).delete(`${base()}/${u?.id}`)).code).toBe('SA_BENEFIT_ON_HOLD');
    expect(await footprint()).toEqual(before);
  });

  it('R-SA-6 bad input: expired coverage takes no user; nothing changes', async () => {
    const later = await createTestApp({ clock: fixedClock('2031-01-01T09:00:00Z') });
    try {
      const a = await signIn(later.app, 'admin@contoso.example');
      const lid2 = (await later.database.db.execute<{ id: string }>(sql`select id from licensing_id where number = '67012345'`)).rows[0]
        ?.id;
      const count = async () =>
        (await later.database.db.execute<{ n: number }>(sql`select count(*)::int as n from sa_benefit_use`)).rows[0]?.n;
      const before = await count();
      const res = await later.as(a).post(`/licensing-ids/${lid2}/sa-benefits/HOME_USE_PROGRAM/users`, ada);
      expect(refused(res)).toEqual({ status: 409, problem: true, code: 'SA_BENEFIT_EXPIRED' });
      expect(await count()).toBe(before);
    } finally {
      await later.close();
    }
  });
});

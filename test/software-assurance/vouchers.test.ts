import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

type Voucher = { id: string; voucherNumber: string; days: number; status: string; employeeEmail: string };

describe('Training vouchers (R-SA-5, R-PERM-8)', () => {
  let t: TestApp;
  let admin: Session;
  let viewer: Session;
  let operator: Session;
  let lid = '';
  const ada = { employeeName: 'Ada Lind', employeeEmail: 'ada.lind@contoso.example', locale: 'sv', days: 5 };
  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2026-03-01T09:00:00Z') });
    lid = (await t.database.db.execute<{ id: string }>(sql`select id from licensing_id where number = '67012345'`)).rows[0]?.id ?? '';
    admin = await signIn(t.app, 'admin@contoso.example');
    viewer = await signIn(t.app, 'viewer@contoso.example');
    operator = await signIn(t.app, 'operator@northwind.example');
  });
  afterAll(() => t.close());

  const one = async <T>(query: ReturnType<typeof sql>) => (await t.database.db.execute<T & Record<string, unknown>>(query)).rows[0] as T;
  const base = () => `/licensing-ids/${lid}/training-vouchers`;
  const benefit = async () =>
    (
      (await t.as(admin).get(`/licensing-ids/${lid}/sa-benefits`)).json().benefits as {
        benefit: string;
        eligibleQuantity: number;
        usedQuantity: number;
        quantityRemaining: number;
      }[]
    ).find((b) => b.benefit === 'TRAINING_VOUCHERS') ?? { eligibleQuantity: 0, usedQuantity: 0, quantityRemaining: 0 };
  /** What a refused request must leave as it was. */
  const footprint = async () =>
    one<{ uses: number; mails: number; audits: number }>(sql`select
      (select count(*)::int from sa_benefit_use) as uses,
      (select count(*)::int from outbox where template like 'voucher%') as mails,
      (select count(*)::int from audit_log where action like 'sa.voucher.%') as audits`);

  it('R-SA-5 bad input: a benefit not yet Activated takes no voucher; nothing changes', async () => {
    const before = await footprint();
    const res = await t.as(admin).post(base(), ada);
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('SA_BENEFIT_NOT_ACTIVATED');
    expect(await footprint()).toEqual(before);
  });

  it('R-SA-5: an Administrator assigns days; the employee is mailed the voucher number in the chosen language; listed; audited', async () => {
    expect((await t.as(admin).post(`/licensing-ids/${lid}/sa-benefits/TRAINING_VOUCHERS/activate`)).statusCode).toBe(200);
    const res = await t.as(admin).post(base(), ada);
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json() as Voucher;
    expect(v).toMatchObject({ days: 5, status: 'ASSIGNED', employeeEmail: 'ada.lind@contoso.example' });
    expect(v.voucherNumber).toMatch(/^TV-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const mail = await one<{ locale: string; subject: string; text: string }>(
      sql`select locale, subject, text from outbox where to_address = 'ada.lind@contoso.example' and template = 'voucherAssigned'`,
    );
    expect(mail).toMatchObject({ locale: 'sv', subject: 'Din utbildningsvoucher från Contoso Ltd: 5 dagar' });
    expect(mail.text).toContain(v.voucherNumber);
    expect(await benefit()).toMatchObject({ eligibleQuantity: 160, usedQuantity: 5, quantityRemaining: 155 });
    const list = (await t.as(viewer).get(base())).json().vouchers as Voucher[];
    expect(list.map((x) => x.id)).toEqual([v.id]);
    const entry = await one<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'sa.voucher.assign' and ${lid} = any(licensing_ids)`,
    );
    expect(entry.n).toBe(1);
  });

  it('R-SA-5 bad input: more days than remain, a bad address, a viewer: refused with their codes; nothing changes', async () => {
    const before = await footprint();
    const tooMany = await t.as(admin).post(base(), { ...ada, days: 156 });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json()).toMatchObject({ code: 'SA_NOT_ENOUGH_REMAINING' });
    expect((await t.as(admin).post(base(), { ...ada, employeeEmail: 'not-an-address' })).statusCode).toBe(400);
    expect((await t.as(admin).post(base(), { ...ada, days: 0 })).statusCode).toBe(400);
    expect((await t.as(viewer).post(base(), ada)).json().code).toBe('FORBIDDEN');
    expect(await footprint()).toEqual(before);
  });

  it('R-PERM-8: an SA Manager narrowed to other benefits cannot assign vouchers; one keeping Training Vouchers can', async () => {
    const narrowed = await t.given.signedIn('sa-elearning@contoso.example', { grants: [{ on: '67012345', roles: ['SA_MANAGER'] }] });
    await t.database.db.execute(sql`update role_grant set sub_roles = '{E_LEARNING}' where user_id = ${narrowed.id}`);
    const refused = await t.as(narrowed.session).post(base(), ada);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('SA_BENEFIT_GROUP_NOT_HELD');
    const keeper = await t.given.signedIn('sa-training@contoso.example', { grants: [{ on: '67012345', roles: ['SA_MANAGER'] }] });
    await t.database.db.execute(sql`update role_grant set sub_roles = '{TRAINING_VOUCHERS}' where user_id = ${keeper.id}`);
    const ok = await t.as(keeper.session).post(base(), { ...ada, employeeEmail: 'bo@contoso.example', locale: 'en', days: 2 });
    expect(ok.statusCode, ok.body).toBe(201);
    const mail = await one<{ subject: string }>(sql`select subject from outbox where to_address = 'bo@contoso.example'`);
    expect(mail.subject).toBe('Your training voucher from Contoso Ltd: 2 days');
  });

  it('R-SA-5: cancelling returns the days and mails the employee; a cancelled or redeemed voucher cannot be cancelled', async () => {
    const v = (await t.as(admin).post(base(), { ...ada, days: 10 })).json() as Voucher;
    const usedBefore = (await benefit()).usedQuantity;
    const res = await t.as(admin).post(`${base()}/${v.id}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('CANCELLED');
    expect((await benefit()).usedQuantity).toBe(usedBefore - 10);
    const mails = await one<{ n: number }>(sql`select count(*)::int as n from outbox where template = 'voucherCancelled'`);
    expect(mails.n).toBe(1);
    expect((await t.as(admin).post(`${base()}/${v.id}/cancel`)).json().code).toBe('SA_VOUCHER_CANCELLED');
    const spent = (await t.as(admin).post(base(), { ...ada, days: 1 })).json() as Voucher;
    await t.database.db.execute(sql`update sa_benefit_use set status = 'REDEEMED' where id = ${spent.id}`);
    const before = await footprint();
    expect((await t.as(admin).post(`${base()}/${spent.id}/cancel`)).json().code).toBe('SA_VOUCHER_REDEEMED');
    expect(await footprint()).toEqual(before);
    // A voucher is found only under its own Licensing ID.
    const other = await one<{ id: string }>(sql`select id from licensing_id where number <> '67012345' and status = 'ACTIVE' limit 1`);
    expect((await t.as(operator).get(`/operator/licensing-ids/${other.id}/sa-benefits`)).statusCode).toBe(200);
    expect((await t.as(admin).post(`/licensing-ids/${lid}/training-vouchers/00000000-0000-4000-8000-000000000000/cancel`)).statusCode).toBe(
      404,
    );
  });

  it('R-SA-5 bad input: a benefit on hold (HAR) takes no voucher; nothing changes', async () => {
    await t.as(operator).post(`/operator/licensing-ids/${lid}/sa-benefits/TRAINING_VOUCHERS/hold`, { reason: 'Payment overdue' });
    const before = await footprint();
    expect((await t.as(admin).post(base(), ada)).json().code).toBe('SA_BENEFIT_ON_HOLD');
    expect(await footprint()).toEqual(before);
    await t.as(operator).post(`/operator/licensing-ids/${lid}/sa-benefits/TRAINING_VOUCHERS/release`, { reason: 'Payment received' });
  });

  it('R-SA-5 bad input: an expired benefit takes no voucher and gives no days back', async () => {
    const old = await one<{ id: string }>(
      sql`select l.id from licensing_id l join organization o on o.id = l.organization_id where o.name = 'Contoso Ltd' and l.status <> 'ACTIVE'`,
    );
    const before = await footprint();
    const res = await t.as(admin).post(`/licensing-ids/${old.id}/training-vouchers`, ada);
    expect(res.json().code).toBe('SA_BENEFIT_EXPIRED');
    expect(await footprint()).toEqual(before);
    // A voucher assigned before the coverage ended is not cancelled afterwards: no further action (R-SA-2).
    const kept = await one<{ id: string }>(sql`
      insert into sa_benefit_use (licensing_id, benefit, kind, quantity, reference, holder_name, holder_email, holder_locale)
      values (${old.id}, 'TRAINING_VOUCHERS', 'TRAINING_VOUCHER', 2, 'TV-TEST-OLD', 'Ada Lind', 'ada.lind@contoso.example', 'en')
      returning id`);
    const cancel = await t.as(admin).post(`/licensing-ids/${old.id}/training-vouchers/${kept.id}/cancel`);
    expect(cancel.json().code).toBe('SA_BENEFIT_EXPIRED');
    expect((await one<{ status: string }>(sql`select status from sa_benefit_use where id = ${kept.id}`)).status).toBe('ASSIGNED');
  });

  it('R-SA-5: 200 concurrent assignments of 1 day with 100 days left: exactly 100 succeed, the others SA_NOT_ENOUGH_REMAINING', async () => {
    const left = (await benefit()).quantityRemaining;
    const fill = await t.as(admin).post(base(), { ...ada, days: left - 100 });
    expect(fill.statusCode, fill.body).toBe(201);
    expect((await benefit()).quantityRemaining).toBe(100);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => t.as(admin).post(base(), { ...ada, employeeEmail: `e${i}@contoso.example`, days: 1 })),
    );
    const codes = results.map((r) => (r.statusCode === 201 ? 'OK' : r.json().code));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(100);
    expect(codes.filter((c) => c === 'SA_NOT_ENOUGH_REMAINING')).toHaveLength(100);
    const sum = await one<{ used: number }>(
      sql`select sum(quantity)::int as used from sa_benefit_use where licensing_id = ${lid} and status <> 'CANCELLED'`,
    );
    expect(sum.used).toBe(160);
    expect(await benefit()).toMatchObject({ usedQuantity: 160, quantityRemaining: 0 });
  }, 120_000);
});

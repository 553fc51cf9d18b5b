import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

type Setup = { domains: string[]; accessCode: string | null; hasAccessCode: boolean; participants: number };

describe('e-Learning domains and access code (R-SA-4, R-PERM-8)', () => {
  let t: TestApp;
  let admin: Session;
  let viewer: Session;
  let outsider: Session;
  let lid = '';
  let code = '';
  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2026-03-01T09:00:00Z') });
    lid = (await t.database.db.execute<{ id: string }>(sql`select id from licensing_id where number = '67012345'`)).rows[0]?.id ?? '';
    admin = await signIn(t.app, 'admin@contoso.example');
    viewer = await signIn(t.app, 'viewer@contoso.example');
    outsider = await signIn(t.app, 'operator@northwind.example');
  });
  afterAll(() => t.close());

  const one = async <T>(query: ReturnType<typeof sql>) => (await t.database.db.execute<T & Record<string, unknown>>(query)).rows[0] as T;
  const base = () => `/licensing-ids/${lid}/e-learning`;
  const remaining = async () =>
    ((await t.as(admin).get(`/licensing-ids/${lid}/sa-benefits`)).json().benefits as { benefit: string; quantityRemaining: number }[]).find(
      (b) => b.benefit === 'E_LEARNING',
    )?.quantityRemaining ?? -1;
  /** What a refused request must leave as it was. */
  const footprint = async (app = t) =>
    (
      await app.database.db.execute<{ domains: number; codes: number; uses: number; audits: number }>(sql`select
      (select count(*)::int from sa_elearning_domain) as domains,
      (select count(*)::int from sa_elearning_code) as codes,
      (select count(*)::int from sa_benefit_use) as uses,
      (select count(*)::int from audit_log where action like 'sa.elearning.%') as audits`)
    ).rows[0];
  const expectRefused = async (
    res: { statusCode: number; headers: Record<string, unknown>; json: () => { code: string } },
    status: number,
    c: string,
  ) => {
    expect(res.statusCode).toBe(status);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(res.json().code).toBe(c);
  };

  it('R-SA-4 bad input: a benefit not yet Activated takes no domain; nothing changes', async () => {
    const before = await footprint();
    await expectRefused(await t.as(admin).post(`${base()}/domains`, { domain: 'contoso.example' }), 409, 'SA_BENEFIT_NOT_ACTIVATED');
    expect(await footprint()).toEqual(before);
  });

  it('R-SA-4: the first eligible domain generates the access code, shown to those who manage the benefit only; audited', async () => {
    expect((await t.as(admin).post(`/licensing-ids/${lid}/sa-benefits/E_LEARNING/activate`)).statusCode).toBe(200);
    const res = await t.as(admin).post(`${base()}/domains`, { domain: ' Contoso.Example ' });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json() as Setup;
    expect(s).toMatchObject({ domains: ['contoso.example'], hasAccessCode: true, participants: 0 });
    expect(s.accessCode).toMatch(/^EL-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    code = s.accessCode ?? '';
    const second = (await t.as(admin).post(`${base()}/domains`, { domain: 'fabrikam.example' })).json() as Setup;
    expect(second).toMatchObject({ domains: ['contoso.example', 'fabrikam.example'], accessCode: code });
    expect((await t.as(viewer).get(base())).json()).toMatchObject({ accessCode: null, hasAccessCode: true });
    expect((await t.as(admin).get(base())).json()).toMatchObject({ accessCode: code });
    const audits = await one<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'sa.elearning.domain.add' and ${lid} = any(licensing_ids)`,
    );
    expect(audits.n).toBe(2);
  });

  it('R-SA-4 bad input: an invalid, personal-mail or repeated domain, a viewer: refused with their codes; nothing changes', async () => {
    const before = await footprint();
    await expectRefused(await t.as(admin).post(`${base()}/domains`, { domain: 'not a domain' }), 400, 'ELEARNING_DOMAIN_INVALID');
    await expectRefused(await t.as(admin).post(`${base()}/domains`, { domain: 'gmail.com' }), 400, 'ELEARNING_DOMAIN_PERSONAL');
    await expectRefused(await t.as(admin).post(`${base()}/domains`, { domain: 'contoso.example' }), 409, 'ELEARNING_DOMAIN_EXISTS');
    await expectRefused(await t.as(viewer).post(`${base()}/domains`, { domain: 'northwind.example' }), 403, 'FORBIDDEN');
    expect(await footprint()).toEqual(before);
  });

  it('R-SA-4: an employee on an eligible domain redeems the code once; a second redemption is idempotent', async () => {
    const left = await remaining();
    const res = await t.as(viewer).post('/e-learning/redeem', { accessCode: code.toLowerCase() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ email: 'viewer@contoso.example', alreadyRedeemed: false, organization: 'Contoso Ltd' });
    const again = await t.as(viewer).post('/e-learning/redeem', { accessCode: code });
    expect(again.json()).toMatchObject({ alreadyRedeemed: true });
    expect(await remaining()).toBe(left - 1);
    expect((await t.as(viewer).get(base())).json()).toMatchObject({ participants: 1 });
  });

  it('R-SA-4 bad input: an address outside the domains, an unknown code: refused; nothing changes', async () => {
    const before = await footprint();
    await expectRefused(await t.as(outsider).post('/e-learning/redeem', { accessCode: code }), 403, 'ELEARNING_ADDRESS_NOT_ELIGIBLE');
    await expectRefused(await t.as(viewer).post('/e-learning/redeem', { accessCode: 'EL-2222-2222-2222' }), 404, 'ELEARNING_CODE_UNKNOWN');
    expect(await footprint()).toEqual(before);
  });

  it('R-SA-4 bad input: no more participants than remain; nothing changes', async () => {
    // Fill the benefit up to its last participant with uses of other addresses.
    const left = await remaining();
    await t.database.db.execute(sql`
      insert into sa_benefit_use (licensing_id, benefit, kind, quantity, reference, holder_name, holder_email, holder_locale)
      select ${lid}, 'E_LEARNING', 'E_LEARNING_PARTICIPANT', 1, 'EL-P:fill:' || i, 'Filler', 'fill' || i || '@contoso.example', 'en'
      from generate_series(1, ${left}) i`);
    expect(await remaining()).toBe(0);
    const before = await footprint();
    await expectRefused(await t.as(admin).post('/e-learning/redeem', { accessCode: code }), 409, 'SA_NOT_ENOUGH_REMAINING');
    expect(await footprint()).toEqual(before);
    // One place left and ten concurrent redemptions by two employees: exactly one participant is added.
    await t.database.db.execute(sql`delete from sa_benefit_use where reference = 'EL-P:fill:1'`);
    await t.given.user('ada.employee@contoso.example', { password: DEMO_PASSWORD });
    const ada = await signIn(t.app, 'ada.employee@contoso.example');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => t.as(i % 2 ? admin : ada).post('/e-learning/redeem', { accessCode: code })),
    );
    const won = answers.filter((r) => r.statusCode === 200);
    expect(new Set(won.map((r) => r.json().email)).size).toBe(1);
    expect(answers.filter((r) => r.statusCode !== 200).every((r) => r.json().code === 'SA_NOT_ENOUGH_REMAINING')).toBe(true);
    expect(await remaining()).toBe(0);
    await t.database.db.execute(
      sql`delete from sa_benefit_use where reference like 'EL-P:fill:%' or holder_email <> 'viewer@contoso.example'`,
    );
  });

  it('R-SA-4, R-PERM-8 bad input: an SA Manager narrowed to training vouchers may not manage this benefit; nothing changes', async () => {
    const m = await t.given.user('narrow.manager@contoso.example', {
      password: DEMO_PASSWORD,
      grants: [{ on: '67012345', roles: ['SA_MANAGER'] }],
    });
    await t.database.db.execute(sql`update role_grant set sub_roles = '{TRAINING_VOUCHERS}' where user_id = ${m.id}`);
    const narrow = await signIn(t.app, 'narrow.manager@contoso.example');
    const before = await footprint();
    const res = await t.as(narrow).post(`${base()}/domains`, { domain: 'northwind.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('SA_BENEFIT_GROUP_NOT_HELD');
    expect(await footprint()).toEqual(before);
  });

  it('R-SA-4 bad input: on hold (HAR) no domain changes and no redemption; nothing changes', async () => {
    const operator = await signIn(t.app, 'operator@northwind.example');
    expect(
      (await t.as(operator).post(`/operator/licensing-ids/${lid}/sa-benefits/E_LEARNING/hold`, { reason: 'Payment overdue' })).statusCode,
    ).toBe(200);
    const before = await footprint();
    await expectRefused(await t.as(admin).post(`${base()}/domains`, { domain: 'northwind.example' }), 409, 'SA_BENEFIT_ON_HOLD');
    await expectRefused(await t.as(admin).delete(`${base()}/domains/contoso.example`), 409, 'SA_BENEFIT_ON_HOLD');
    await expectRefused(await t.as(admin).post('/e-learning/redeem', { accessCode: code }), 409, 'SA_BENEFIT_ON_HOLD');
    expect(await footprint()).toEqual(before);
    expect(
      (await t.as(operator).post(`/operator/licensing-ids/${lid}/sa-benefits/E_LEARNING/release`, { reason: 'Payment received' }))
        .statusCode,
    ).toBe(200);
  });

  it('R-SA-4: removing the last domain retires the code; participants already counted stay', async () => {
    expect((await t.as(admin).delete(`${base()}/domains/fabrikam.example`)).json()).toMatchObject({ accessCode: code });
    const last = (await t.as(admin).delete(`${base()}/domains/contoso.example`)).json() as Setup;
    expect(last).toEqual({ domains: [], accessCode: null, hasAccessCode: false, participants: 1 });
    await expectRefused(await t.as(admin).post('/e-learning/redeem', { accessCode: code }), 404, 'ELEARNING_CODE_UNKNOWN');
    const retired = await one<{ after: { accessCodeRetired: boolean } }>(
      sql`select after from audit_log where action = 'sa.elearning.domain.remove' order by id desc limit 1`,
    );
    expect(retired.after).toEqual({ accessCodeRetired: true });
  });

  it('R-SA-4, R-SA-7: a partner the customer approved manages the domains and sees the new access code', async () => {
    const partner = await signIn(t.app, 'partner@adatum-partners.example');
    const asked = await t.as(partner).post('/partner/benefit-delegations', { licensingIds: [lid] });
    expect(asked.statusCode, asked.body).toBe(201);
    expect((await t.as(admin).post(`/benefit-delegations/${asked.json().id}/approve`)).statusCode).toBe(200);
    const res = await t.as(partner).post(`${base()}/domains`, { domain: 'contoso.example' });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json() as Setup;
    expect(s.accessCode).toMatch(/^EL-/);
    expect(s.accessCode).not.toBe(code);
  });

  it('R-SA-4 bad input: expired coverage takes no domain; nothing changes', async () => {
    const later = await createTestApp({ clock: fixedClock('2031-01-01T09:00:00Z') });
    try {
      const a = await signIn(later.app, 'admin@contoso.example');
      const id = (await later.database.db.execute<{ id: string }>(sql`select id from licensing_id where number = '67012345'`)).rows[0]?.id;
      const before = await footprint(later);
      await expectRefused(
        await later.as(a).post(`/licensing-ids/${id}/e-learning/domains`, { domain: 'contoso.example' }),
        409,
        'SA_BENEFIT_EXPIRED',
      );
      expect(await footprint(later)).toEqual(before);
    } finally {
      await later.close();
    }
  });
});

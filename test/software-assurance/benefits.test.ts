import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

type Benefit = {
  benefit: string;
  status: string;
  eligibleQuantity: number | null;
  quantityRemaining: number | null;
  expiresOn: string | null;
};

describe('Software Assurance benefits (R-SA-1, R-SA-2, R-SA-3, R-PERM-8)', () => {
  let t: TestApp;
  const clock = fixedClock('2026-03-01T09:00:00Z');
  const lid: Record<string, string> = {};
  let admin: Session;
  let viewer: Session;
  let keys: Session;
  let fabrikam: Session;
  let operator: Session;
  beforeAll(async () => {
    t = await createTestApp({ clock });
    const rows = await t.database.db.execute<{ number: string; id: string }>(sql`select number, id from licensing_id`);
    for (const r of rows.rows) lid[r.number] = r.id;
    admin = await signIn(t.app, 'admin@contoso.example');
    viewer = await signIn(t.app, 'viewer@contoso.example');
    keys = await signIn(t.app, 'keys@contoso.example');
    fabrikam = await signIn(t.app, 'admin@fabrikam.example');
    operator = await signIn(t.app, 'operator@northwind.example');
  });
  afterAll(() => t.close());

  const q = async <T>(query: ReturnType<typeof sql>) => (await t.database.db.execute<T & Record<string, unknown>>(query)).rows;
  const benefitsOf = async (who: Session, number: string) => {
    const res = await t.as(who).get(`/licensing-ids/${lid[number]}/sa-benefits`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().benefits as Benefit[];
  };
  const find = (list: Benefit[], b: string) => list.find((x) => x.benefit === b);
  const stateRows = () => q<{ n: number }>(sql`select count(*)::int as n from sa_benefit_state`);

  it('R-SA-1: the demo rules derive each benefit from the active SA coverage, in its unit; unmeasured has no quantity', async () => {
    const list = await benefitsOf(admin, '67012345');
    // 270 Office L&SA (APPLICATIONS) and 310 server L&SA (SERVERS) under coverage to 2027-06-30.
    expect(find(list, 'E_LEARNING')).toMatchObject({
      status: 'REQUIRES_ACTIVATION',
      eligibleQuantity: 270,
      quantityRemaining: 270,
      unit: 'PARTICIPANTS',
      expiresOn: '2027-06-30',
    });
    expect(find(list, 'TRAINING_VOUCHERS')).toMatchObject({ eligibleQuantity: 160, unit: 'DAYS' }); // 270 × 0.02 + 310 × 0.5, whole days
    expect(find(list, 'SUPPORT_24X7')).toMatchObject({ eligibleQuantity: 155, unit: 'SUPPORT_INCIDENTS' });
    expect(find(list, 'PLANNING_SERVICES')).toMatchObject({ eligibleQuantity: 2 }); // 8 Datacenter × 0.25
    // Benefits used without activation are available from the start.
    expect(find(list, 'MULTI_LANGUAGE_PACK')).toMatchObject({ status: 'ACTIVATED', requiresActivation: false, unit: 'DOWNLOADS' });
  });

  /** Contoso's previous enrollment, whose coverage ended 2024-06-30. */
  const expiredLicensingId = async () =>
    (
      await q<{ id: string; number: string }>(
        sql`select l.id, l.number from licensing_id l join organization o on o.id = l.organization_id where o.name = 'Contoso Ltd' and l.status <> 'ACTIVE'`,
      )
    )[0];

  it('R-SA-2: a benefit expires with its SA coverage (the previous enrollment ended 2024-06-30)', async () => {
    const old = await expiredLicensingId();
    const list = await benefitsOf(admin, old?.number ?? '');
    expect(list.length).toBeGreaterThan(0);
    for (const b of list) expect(b).toMatchObject({ status: 'EXPIRED', expiresOn: '2024-06-30' });
    expect(find(list, 'E_LEARNING')).toMatchObject({ eligibleQuantity: 0, quantityRemaining: 0 });
  });

  it('R-SA-1: eligible quantities recompute when an order arrives', async () => {
    const before = find(await benefitsOf(admin, '67012345'), 'E_LEARNING')?.eligibleQuantity ?? 0;
    const res = await t.as(operator).post('/operator/orders', {
      orderNumber: 'SA-TEST-0001',
      orderDate: '2026-02-20',
      licensingId: { program: 'ENTERPRISE', number: '67012345' },
      lines: [
        { line: 1, product: 'OFF-STD-2024', licenseType: 'LSA', quantity: 30, coverageStart: '2026-02-25', coverageEnd: '2027-06-30' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(find(await benefitsOf(admin, '67012345'), 'E_LEARNING')?.eligibleQuantity).toBe(before + 30);
  });

  it('R-SA-3: the SA Summary lists the benefits managed online over every visible Licensing ID, with organization and city', async () => {
    const res = await t.as(admin).get('/sa-summary?pageSize=200');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.length).toBe(body.total);
    expect(
      body.items.every((r: { organization: string; city: string }) => r.organization === 'Contoso Ltd' && r.city === 'Stockholm'),
    ).toBe(true);
    // Downloads and CustomerSource need no activation: not in the summary.
    expect(body.items.some((r: Benefit) => r.benefit === 'MULTI_LANGUAGE_PACK' || r.benefit === 'GLOBAL_SERVICE_MONITOR')).toBe(false);
    // The viewer sees the enrollment only; the other organization nothing of Contoso's; Product Keys has no SA access.
    const v = (await t.as(viewer).get('/sa-summary')).json();
    expect(new Set(v.items.map((r: { licensingNumber: string }) => r.licensingNumber))).toEqual(new Set(['67012345']));
    const f = (await t.as(fabrikam).get('/sa-summary')).json();
    expect(f.items).toEqual([]);
    expect(f.visibleLicensingIds).toBe(1);
    expect((await t.as(keys).get('/sa-summary')).json()).toMatchObject({ visibleLicensingIds: 0, total: 0 });
  });

  it('R-SA-3: filter, sort, paging and the 90/30-day expiry flags', async () => {
    const byBenefit = (
      await t.as(admin).get('/sa-summary?benefit=E_LEARNING&status=REQUIRES_ACTIVATION&sort=eligibleQuantity&order=desc')
    ).json();
    const quantities = byBenefit.items.map((r: Benefit) => r.eligibleQuantity);
    expect(quantities).toEqual([...quantities].sort((a: number, b: number) => b - a));
    expect(byBenefit.items.every((r: Benefit) => r.benefit === 'E_LEARNING' && r.status === 'REQUIRES_ACTIVATION')).toBe(true);
    const page1 = (await t.as(admin).get('/sa-summary?pageSize=2&page=1')).json();
    const page2 = (await t.as(admin).get('/sa-summary?pageSize=2&page=2')).json();
    expect(page1.items).toHaveLength(2);
    expect(page2.items[0]).not.toEqual(page1.items[0]);
    // The Open Value coverage ends 2026-12-31: 60 days ahead on 2026-11-01, 20 days ahead on 2026-12-11.
    clock.set(new Date('2026-11-01T09:00:00Z'));
    const soon = (await t.as(await signIn(t.app, 'admin@contoso.example')).get('/sa-summary?expiringWithin=90')).json();
    expect(soon.items.length).toBeGreaterThan(0);
    expect(
      soon.items.every(
        (r: Benefit & { expiry: { notice: string } }) => r.expiresOn === '2026-12-31' && r.expiry.notice === 'EXPIRING_SOON',
      ),
    ).toBe(true);
    expect(soon.expiring.within90).toBeGreaterThan(0);
    expect(soon.expiring.within30).toBe(0);
    clock.set(new Date('2026-12-11T09:00:00Z'));
    const urgent = (await t.as(await signIn(t.app, 'admin@contoso.example')).get('/sa-summary?expiringWithin=30')).json();
    expect(urgent.items.every((r: { expiry: { notice: string } }) => r.expiry.notice === 'EXPIRING_URGENT')).toBe(true);
    expect(urgent.expiring.within30).toBe(urgent.items.length);
    clock.set(new Date('2026-03-01T09:00:00Z'));
    admin = await signIn(t.app, 'admin@contoso.example');
  });

  it('R-SA-3: CSV and Excel exports carry the filtered rows in the user’s language', async () => {
    const csv = await t.as(admin).get('/sa-summary/export?format=csv&benefit=E_LEARNING');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('Eligible quantity');
    expect(lines.slice(1).every((l) => l.includes('e-Learning'))).toBe(true);
    const sv = await t.as(viewer).get('/sa-summary/export?format=csv');
    expect(sv.body).toContain('Berättigat antal');
    const xlsx = await t.as(admin).get('/sa-summary/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('R-SA-2: an Administrator activates a benefit in Requires Activation, audited with the Licensing ID', async () => {
    const res = await t.as(admin).post(`/licensing-ids/${lid['67012345']}/sa-benefits/E_LEARNING/activate`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ benefit: 'E_LEARNING', status: 'ACTIVATED' });
    const [entry] = await q<{ licensing_ids: string[] }>(
      sql`select licensing_ids from audit_log where action = 'sa.benefit.activate' order by id desc limit 1`,
    );
    expect(entry?.licensing_ids).toEqual([lid['67012345']]);
  });

  it('R-SA-2 bad input: activating a benefit not in Requires Activation is refused with its code and changes nothing', async () => {
    const n = (await stateRows())[0]?.n;
    const again = await t.as(admin).post(`/licensing-ids/${lid['67012345']}/sa-benefits/E_LEARNING/activate`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SA_BENEFIT_ALREADY_ACTIVATED');
    const noActivation = await t.as(admin).post(`/licensing-ids/${lid['67012345']}/sa-benefits/MULTI_LANGUAGE_PACK/activate`);
    expect(noActivation.json().code).toBe('SA_BENEFIT_NO_ACTIVATION');
    const expired = (await expiredLicensingId())?.id;
    const exp = await t.as(admin).post(`/licensing-ids/${expired}/sa-benefits/E_LEARNING/activate`);
    expect(exp.statusCode).toBe(409);
    expect(exp.json().code).toBe('SA_BENEFIT_EXPIRED');
    const unknown = await t.as(admin).post(`/licensing-ids/${lid['67012345']}/sa-benefits/DYNAMICS_CUSTOMERSOURCE/activate`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('SA_BENEFIT_NOT_OFFERED');
    expect((await t.as(admin).post(`/licensing-ids/${lid['67012345']}/sa-benefits/NOT_A_BENEFIT/activate`)).json().code).toBe(
      'VALIDATION_FAILED',
    );
    // The viewer may see but not manage.
    expect((await t.as(viewer).post(`/licensing-ids/${lid['67012345']}/sa-benefits/HOME_USE_PROGRAM/activate`)).statusCode).toBe(403);
    expect((await stateRows())[0]?.n).toBe(n);
  });

  it('R-PERM-8: an SA Manager narrowed away from a benefit group cannot activate it; one keeping it can', async () => {
    const narrowed = await t.given.signedIn('sa-narrow@contoso.example', { grants: [{ on: '67012345', roles: ['SA_MANAGER'] }] });
    await t.database.db.execute(sql`update role_grant set sub_roles = '{TRAINING_VOUCHERS}' where user_id = ${narrowed.id}`);
    const n = (await stateRows())[0]?.n;
    const refused = await t.as(narrowed.session).post(`/licensing-ids/${lid['67012345']}/sa-benefits/HOME_USE_PROGRAM/activate`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('SA_BENEFIT_GROUP_NOT_HELD');
    expect((await stateRows())[0]?.n).toBe(n);
    const allowed = await t.as(narrowed.session).post(`/licensing-ids/${lid['67012345']}/sa-benefits/TRAINING_VOUCHERS/activate`);
    expect(allowed.statusCode, allowed.body).toBe(200);
    const all = await t.given.signedIn('sa-all@contoso.example', { grants: [{ on: '67012345', roles: ['SA_MANAGER'] }] });
    expect((await t.as(all.session).post(`/licensing-ids/${lid['67012345']}/sa-benefits/HOME_USE_PROGRAM/activate`)).statusCode).toBe(200);
  });

  it('R-SA-2: ten activations of the same benefit at once: exactly one activates it, the others are told it already is; one audit entry', async () => {
    const url = `/licensing-ids/${lid['67012345']}/sa-benefits/PLANNING_SERVICES/activate`;
    const results = await Promise.all(Array.from({ length: 10 }, () => t.as(admin).post(url)));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(Array(9).fill('SA_BENEFIT_ALREADY_ACTIVATED'));
    const entries = await q<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'sa.benefit.activate' and after->>'benefit' = 'PLANNING_SERVICES'`,
    );
    expect(entries[0]?.n).toBe(1);
  });

  it('R-SA-2: the publisher sets and lifts HAR; Administrators and SA Managers are mailed in their language; audited', async () => {
    const base = `/operator/licensing-ids/${lid['67012345']}/sa-benefits/SUPPORT_24X7`;
    await t.given.user('sa-sv@contoso.example', { locale: 'sv', grants: [{ on: '67012345', roles: ['SA_MANAGER'] }] });
    const before = (await q<{ n: number }>(sql`select coalesce(max(id), 0)::int as n from outbox`))[0]?.n ?? 0;
    const held = await t.as(operator).post(`${base}/hold`, { reason: 'Payment overdue' });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json().status).toBe('HAR');
    const mails = await q<{ to_address: string; locale: string; subject: string }>(
      sql`select to_address, locale, subject from outbox where id > ${before} and template = 'benefitHeld' order by to_address`,
    );
    const to = mails.map((m) => m.to_address);
    expect(to).toContain('admin@contoso.example');
    expect(to).toContain('sa-narrow@contoso.example');
    expect(to).not.toContain('viewer@contoso.example');
    expect(mails.find((m) => m.to_address === 'admin@contoso.example')?.subject).toContain('67012345');
    expect(mails.find((m) => m.to_address === 'sa-sv@contoso.example')).toMatchObject({
      locale: 'sv',
      subject: 'Problemlösningssupport dygnet runt på 67012345 är pausad',
    });
    // On hold: the customer cannot activate it, and the publisher cannot hold it twice.
    const blocked = await t.as(admin).post(`/licensing-ids/${lid['67012345']}/sa-benefits/SUPPORT_24X7/activate`);
    expect(blocked.json().code).toBe('SA_BENEFIT_ON_HOLD');
    expect((await t.as(operator).post(`${base}/hold`, { reason: 'Payment overdue' })).json().code).toBe('SA_BENEFIT_ON_HOLD');
    const lifted = await t.as(operator).post(`${base}/release`, { reason: 'Payment received' });
    expect(lifted.json().status).toBe('REQUIRES_ACTIVATION');
    expect((await t.as(operator).post(`${base}/release`, { reason: 'Payment received' })).json().code).toBe('SA_BENEFIT_NOT_ON_HOLD');
    const released = await q<{ n: number }>(
      sql`select count(*)::int as n from outbox where id > ${before} and template = 'benefitReleased'`,
    );
    expect(released[0]?.n).toBe(mails.length);
    const audits = await q<{ action: string; licensing_ids: string[]; organization: string }>(
      sql`select a.action, a.licensing_ids, o.name as organization from audit_log a join organization o on o.id = a.organization_id
        where a.action in ('sa.benefit.hold', 'sa.benefit.release') order by a.id`,
    );
    // Filed under the customer's organization, not the publisher's.
    expect(audits.every((a) => a.organization === 'Contoso Ltd')).toBe(true);
    expect(audits.map((a) => a.action)).toEqual(['sa.benefit.hold', 'sa.benefit.release']);
    expect(audits[0]?.licensing_ids).toEqual([lid['67012345']]);
    // An expired benefit takes no hold.
    const expired = (await expiredLicensingId())?.id;
    expect(
      (await t.as(operator).post(`/operator/licensing-ids/${expired}/sa-benefits/E_LEARNING/hold`, { reason: 'Payment overdue' })).json()
        .code,
    ).toBe('SA_BENEFIT_EXPIRED');
  });

  it('R-SA-1: the publisher reads and replaces the rules; a bad rule is refused and nothing changes', async () => {
    const current = (await t.as(operator).get('/operator/sa-benefit-rules')).json().rules;
    expect(current.length).toBeGreaterThan(0);
    const bad = await t
      .as(operator)
      .put('/operator/sa-benefit-rules', { rules: [{ benefit: 'E_LEARNING', pools: [], productCodes: [], perLicense: 1 }] });
    expect(bad.json().code).toBe('SA_RULE_INVALID');
    const unmeasured = await t.as(operator).put('/operator/sa-benefit-rules', {
      rules: [{ benefit: 'DYNAMICS_CUSTOMERSOURCE', pools: ['APPLICATIONS'], productCodes: [], perLicense: 2 }],
    });
    expect(unmeasured.json().code).toBe('SA_RULE_INVALID');
    const unknown = await t.as(operator).put('/operator/sa-benefit-rules', {
      rules: [{ benefit: 'E_LEARNING', pools: [], productCodes: ['NO-SUCH'], perLicense: 1 }],
    });
    expect(unknown.json().code).toBe('SA_RULE_PRODUCT_UNKNOWN');
    expect((await t.as(operator).get('/operator/sa-benefit-rules')).json().rules).toEqual(current);
    const next = [...current, { benefit: 'DYNAMICS_CUSTOMERSOURCE', pools: ['SERVERS'], productCodes: [], perLicense: null }];
    const ok = await t.as(operator).put('/operator/sa-benefit-rules', { rules: next });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(find(await benefitsOf(admin, '67012345'), 'DYNAMICS_CUSTOMERSOURCE')).toMatchObject({
      eligibleQuantity: null,
      quantityRemaining: null,
      unit: 'UNMEASURED',
    });
    expect((await t.as(admin).put('/operator/sa-benefit-rules', { rules: current })).statusCode).toBe(403);
  });
});

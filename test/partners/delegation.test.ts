import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

/**
 * R-SA-7, partner permission to manage benefits, on a real database: Adatum (partner of record of
 * Contoso's Enterprise and Select Plus Licensing IDs) asks, Contoso's Administrator decides, and
 * the permission is read by authorize() on every request through the BENEFIT_DELEGATE policy row.
 */
describe('partner permission to manage benefits (R-SA-7)', () => {
  let t: TestApp;
  let adatum: Session;
  let proseware: Session;
  let admin: Session;
  const ids: Record<string, string> = {};
  const lid = (n: string) => ids[n] ?? '';
  const q = async <T extends Record<string, unknown>>(text: ReturnType<typeof sql>) => (await t.database.db.execute<T>(text)).rows;
  const mailsTo = (to: string, template: string) =>
    q<{ subject: string; locale: string }>(
      sql`select subject, locale from outbox where to_address = ${to} and template = ${template} order by id`,
    );
  const written = async () =>
    (
      await q<{
        n: number;
      }>(sql`select (select count(*) from benefit_delegation)::int + (select count(*) from benefit_delegation_licensing_id)::int
        + (select count(*) from audit_log where action like 'benefit-delegation.%')::int + (select count(*) from outbox)::int
        + (select count(*) from benefit_delegation where status <> 'PENDING')::int as n`)
    )[0]?.n;
  const activate = (who: Session, number: string, benefit: string) =>
    t.as(who).post(`/licensing-ids/${lid(number)}/sa-benefits/${benefit}/activate`);

  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '1000' } });
    for (const n of ['67012345', '8765-4321', '67099999'])
      ids[n] = (await q<{ id: string }>(sql`select id from licensing_id where number = ${n}`))[0]?.id ?? '';
    adatum = await signIn(t.app, 'partner@adatum-partners.example');
    proseware = await signIn(t.app, 'partner@proseware.example');
    admin = await signIn(t.app, 'admin@contoso.example');
  }, 120_000);
  afterAll(() => t.close());

  it('R-SA-7: a Swedish Administrator is asked in Swedish; the partner hears the answer', async () => {
    await t.given.user('admin-sv@contoso.example', { locale: 'sv', grants: [{ on: '67012345', roles: ['ADMINISTRATOR'] }] });
    const d = (await t.as(adatum).post('/partner/benefit-delegations', { licensingIds: [lid('67012345')] })).json();
    const [sv] = await mailsTo('admin-sv@contoso.example', 'delegationRequested');
    expect(sv?.locale).toBe('sv');
    expect(sv?.subject).toBe('Adatum Licensing Partners ber om att få hantera era Software Assurance-förmåner');
    await t.as(adatum).post(`/partner/benefit-delegations/${d.id}/withdraw`);
    expect(await mailsTo('admin-sv@contoso.example', 'delegationWithdrawn')).toHaveLength(1);
  });

  it('R-SA-7: bad input is refused with a stable code and nothing written', async () => {
    const refused = async (who: Session, body: object, status: number, code: string) => {
      const before = await written();
      const res = await t.as(who).post('/partner/benefit-delegations', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
      expect(await written()).toBe(before);
    };
    await refused(adatum, { licensingIds: [] }, 400, 'VALIDATION_FAILED');
    await refused(adatum, { licensingIds: ['not-a-uuid'] }, 400, 'VALIDATION_FAILED');
    // A Licensing ID the partner does not serve is as unknown as one that does not exist.
    await refused(adatum, { licensingIds: [lid('67099999')] }, 404, 'NOT_FOUND');
    await refused(proseware, { licensingIds: [lid('67012345')] }, 404, 'NOT_FOUND');
    // The request must originate with a partner: a customer cannot make one.
    await refused(admin, { licensingIds: [lid('67012345')] }, 403, 'FORBIDDEN');
    // Deciding a request that does not exist.
    const before = await written();
    const res = await t.as(admin).post('/benefit-delegations/00000000-0000-4000-8000-000000000000/approve');
    expect(res.statusCode).toBe(404);
    expect(await written()).toBe(before);
    // Granting reaches every Licensing ID named: an Administrator of only one of them may not approve it.
    const both = (await t.as(adatum).post('/partner/benefit-delegations', { licensingIds: [lid('67012345'), lid('8765-4321')] })).json();
    const narrow = await t.given.signedIn('admin-sp@contoso.example', { grants: [{ on: '8765-4321', roles: ['ADMINISTRATOR'] }] });
    const partial = await t.as(narrow.session).post(`/benefit-delegations/${both.id}/approve`);
    expect(partial.statusCode).toBe(403);
    expect((await q<{ status: string }>(sql`select status from benefit_delegation where id = ${both.id}`))[0]?.status).toBe('PENDING');
    await t.as(adatum).post(`/partner/benefit-delegations/${both.id}/withdraw`);
  });

  it('R-SA-7: request → approve → the partner activates an SA benefit → removed → refused at once', async () => {
    // Before any permission the partner of record sees contacts, not benefits.
    expect((await activate(adatum, '67012345', 'E_LEARNING')).statusCode).toBe(403);
    const asked = await t.as(adatum).post('/partner/benefit-delegations', { licensingIds: [lid('67012345')] });
    expect(asked.statusCode, asked.body).toBe(201);
    const d = asked.json();
    expect(d).toMatchObject({ status: 'PENDING', partner: { number: 'P-100200' }, customer: { name: 'Contoso Ltd' } });
    expect(d.licensingIds.map((l: { number: string }) => l.number)).toEqual(['67012345']);
    expect(await mailsTo('admin@contoso.example', 'delegationRequested')).toHaveLength(3);
    // Asking twice for the same Licensing ID while one stands.
    const twice = await t.as(adatum).post('/partner/benefit-delegations', { licensingIds: [lid('67012345')] });
    expect(twice.json().code).toBe('BENEFIT_DELEGATION_EXISTS');
    // Pending is not yet permission.
    expect((await activate(adatum, '67012345', 'E_LEARNING')).statusCode).toBe(403);
    // The partner cannot approve its own request; the customer sees it.
    expect((await t.as(adatum).post(`/benefit-delegations/${d.id}/approve`)).statusCode).toBe(404);
    const list = (await t.as(admin).get('/benefit-delegations')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(d.id);

    const approved = await t.as(admin).post(`/benefit-delegations/${d.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'APPROVED', changedBy: 'admin@contoso.example' });
    expect(await mailsTo('orders@adatum-partners.example', 'delegationApproved')).toHaveLength(1);

    const activated = await activate(adatum, '67012345', 'E_LEARNING');
    expect(activated.statusCode, activated.body).toBe(200);
    expect(activated.json().status).toBe('ACTIVATED');
    expect((await t.as(adatum).get(`/licensing-ids/${lid('67012345')}/sa-benefits`)).statusCode).toBe(200);
    // Only the Licensing IDs approved: the Select Plus one Adatum also serves is not its to manage.
    expect((await t.as(adatum).get(`/licensing-ids/${lid('8765-4321')}/sa-benefits`)).statusCode).toBe(403);
    // The SA Summary lists the delegated Licensing ID's benefits to the partner.
    const summary = (await t.as(adatum).get('/sa-summary')).json();
    expect(summary.items.length).toBeGreaterThan(0);

    // Removing an approved permission, not a pending one; the partner cannot withdraw it now.
    expect((await t.as(adatum).post(`/partner/benefit-delegations/${d.id}/withdraw`)).json().code).toBe('BENEFIT_DELEGATION_NOT_PENDING');
    const removed = await t.as(admin).post(`/benefit-delegations/${d.id}/remove`);
    expect(removed.json().status).toBe('REMOVED');
    expect(await mailsTo('orders@adatum-partners.example', 'delegationRemoved')).toHaveLength(1);
    // At once: the very next request is refused, with the reason.
    const after = await t.as(adatum).get(`/licensing-ids/${lid('67012345')}/sa-benefits`);
    expect(after.statusCode).toBe(403);
    expect(after.json().code).toBe('BENEFIT_DELEGATION_ENDED');
    expect((await activate(adatum, '67012345', 'TRAINING_VOUCHERS')).json().code).toBe('BENEFIT_DELEGATION_ENDED');
    expect((await t.as(admin).post(`/benefit-delegations/${d.id}/remove`)).json().code).toBe('BENEFIT_DELEGATION_NOT_APPROVED');

    const audited = await q<{ action: string; licensing_ids: string[] }>(
      sql`select action, licensing_ids from audit_log where target_id = ${d.id} order by id`,
    );
    expect(audited.map((a) => a.action)).toEqual(['benefit-delegation.request', 'benefit-delegation.approve', 'benefit-delegation.remove']);
    for (const a of audited) expect(a.licensing_ids).toEqual([lid('67012345')]);
  });

  it('R-SA-7: a denied request gives nothing and says why; a pending one can be withdrawn', async () => {
    const d = (await t.as(adatum).post('/partner/benefit-delegations', { licensingIds: [lid('8765-4321')] })).json();
    const denied = await t.as(admin).post(`/benefit-delegations/${d.id}/deny`);
    expect(denied.json().status).toBe('DENIED');
    expect(await mailsTo('orders@adatum-partners.example', 'delegationDenied')).toHaveLength(1);
    const refused = await t.as(adatum).get(`/licensing-ids/${lid('8765-4321')}/sa-benefits`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('BENEFIT_DELEGATION_ENDED');
    expect((await t.as(admin).post(`/benefit-delegations/${d.id}/approve`)).json().code).toBe('BENEFIT_DELEGATION_NOT_PENDING');

    const again = (await t.as(adatum).post('/partner/benefit-delegations', { licensingIds: [lid('8765-4321')] })).json();
    const withdrawn = await t.as(adatum).post(`/partner/benefit-delegations/${again.id}/withdraw`);
    expect(withdrawn.json().status).toBe('WITHDRAWN');
    expect(await mailsTo('admin@contoso.example', 'delegationWithdrawn')).toHaveLength(3);
    const mine = (await t.as(adatum).get('/partner/benefit-delegations')).json();
    expect(mine.items.map((i: { status: string }) => i.status)).toEqual(expect.arrayContaining(['WITHDRAWN', 'DENIED', 'REMOVED']));
    // Another partner's list is its own.
    expect(
      (await t.as(proseware).get('/partner/benefit-delegations'))
        .json()
        .items.every((i: { partner: { number: string } }) => i.partner.number === 'P-300400'),
    ).toBe(true);
  });

  it('R-SA-7: several partners hold it at once; a partner not approved is refused', async () => {
    // Contoso's Select Plus Licensing ID moves to Proseware; Adatum keeps serving the Enterprise one.
    const prosewareOrg = (await q<{ id: string }>(sql`select organization_id as id from channel_partner where number = 'P-300400'`))[0]?.id;
    await q(sql`update partner_of_record set partner_organization_id = ${prosewareOrg} where licensing_id = ${lid('8765-4321')}`);
    const a = (await t.as(adatum).post('/partner/benefit-delegations', { licensingIds: [lid('67012345')] })).json();
    const p = (await t.as(proseware).post('/partner/benefit-delegations', { licensingIds: [lid('8765-4321')] })).json();
    expect(p.customer.name).toBe('Contoso Ltd');
    expect((await t.as(admin).post(`/benefit-delegations/${a.id}/approve`)).json().status).toBe('APPROVED');
    expect((await t.as(admin).post(`/benefit-delegations/${p.id}/approve`)).json().status).toBe('APPROVED');
    expect((await t.as(adatum).get(`/licensing-ids/${lid('67012345')}/sa-benefits`)).statusCode).toBe(200);
    expect((await t.as(proseware).get(`/licensing-ids/${lid('8765-4321')}/sa-benefits`)).statusCode).toBe(200);
    // Each only where approved: Proseware knows nothing of the Enterprise Licensing ID.
    expect((await t.as(proseware).get(`/licensing-ids/${lid('67012345')}/sa-benefits`)).statusCode).toBe(404);
    // Removing one leaves the other standing.
    await t.as(admin).post(`/benefit-delegations/${p.id}/remove`);
    expect((await t.as(proseware).get(`/licensing-ids/${lid('8765-4321')}/sa-benefits`)).json().code).toBe('BENEFIT_DELEGATION_ENDED');
    expect((await t.as(adatum).get(`/licensing-ids/${lid('67012345')}/sa-benefits`)).statusCode).toBe(200);
    // The FAQ's "view product keys": the keys of the approved Licensing ID, and only its.
    expect((await t.as(adatum).get(`/licensing-ids/${lid('67012345')}/keys`)).statusCode).toBe(200);
    const keys = (await t.as(adatum).get('/product-keys')).json();
    expect(JSON.stringify(keys)).not.toContain(lid('8765-4321'));
    expect(await mailsTo('admin@contoso.example', 'delegationRequested')).toHaveLength(7);
  });
});

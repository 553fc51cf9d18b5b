import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

const tailspin = {
  organization: { name: 'Tailspin Toys', domains: ['tailspin.example'], country: 'SE' },
  number: '03T55555-EA',
  program: 'ENTERPRISE',
  priceLevel: 'B',
  startDate: '2026-01-01',
  endDate: '2028-12-31',
  mbsaNumber: '03T55555',
  licensingIds: [
    { number: '68055501', name: 'Tailspin Enterprise Enrollment' },
    { number: '68055502', name: 'Tailspin Second Enrollment' },
  ],
  contacts: [
    { type: 'PRIMARY_CONTACT', name: 'Pia Lund', email: 'pia@tailspin.example', locale: 'sv' },
    { type: 'ONLINE_SERVICES_MANAGER', name: 'Olle Ek', email: 'olle@tailspin.example' },
  ],
};

const wingtip = {
  name: 'Wingtip Partners',
  country: 'se',
  domains: ['wingtip.example'],
  number: 'p-500600',
  notificationEmail: 'licensing@wingtip.example',
  users: [{ email: 'wanda@wingtip.example', firstName: 'Wanda', lastName: 'Wing', locale: 'sv' }],
};

describe('channel partners (issue 12, R-REL-6)', () => {
  let t: TestApp;
  let operator: Session;
  let wanda: Session;
  let agreementId = '';
  let wingtipId = '';
  const clock = fixedClock('2026-03-01T09:00:00Z');
  beforeAll(async () => {
    t = await createTestApp({ clock });
    operator = await signIn(t.app, 'operator@northwind.example');
  });
  afterAll(() => t.close());

  const q = async <T extends Record<string, unknown>>(text: ReturnType<typeof sql>) => (await t.database.db.execute<T>(text)).rows;
  const count = async (text: ReturnType<typeof sql>) => Number((await q<{ n: string }>(text))[0]?.n ?? 0);
  const written = async () => ({
    organizations: await count(sql`select count(*) as n from organization`),
    partners: await count(sql`select count(*) as n from channel_partner`),
    ofRecord: await count(sql`select count(*) as n from partner_of_record`),
    users: await count(sql`select count(*) as n from "user"`),
    contacts: await count(sql`select count(*) as n from contact`),
    grants: await count(sql`select count(*) as n from role_grant where active`),
    outbox: await count(sql`select count(*) as n from outbox`),
    audit: await count(sql`select count(*) as n from audit_log`),
  });
  const mail = async (to: string, template: string) =>
    (
      await q<{ subject: string; text: string }>(
        sql`select subject, text from outbox where to_address = ${to} and template = ${template} order by id desc limit 1`,
      )
    )[0];

  it('the publisher registers a partner with a user, who is invited in their language and registers as a partner user', async () => {
    const res = await t.as(operator).post('/operator/partners', wingtip);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    wingtipId = body.id;
    expect(body).toMatchObject({
      name: 'Wingtip Partners',
      country: 'SE',
      number: 'P-500600',
      notificationEmail: 'licensing@wingtip.example',
      users: [{ email: 'wanda@wingtip.example', status: 'invited' }],
      licensingIdCount: 0,
      customerCount: 0,
    });
    const welcome = await mail('wanda@wingtip.example', 'partnerWelcome');
    expect(welcome?.subject).toBe('Wingtip Partners är kanalpartner i Licensing Service Center');
    const token = /register\?token=([\w-]+)/.exec(welcome?.text ?? '')?.[1] ?? '';
    const reg = await t.as(null).post('/auth/register', { token, firstName: 'Wanda', lastName: 'Wing', password: 'wanda-password-long-1' });
    expect(reg.statusCode).toBe(201);
    wanda = await signIn(t.app, 'wanda@wingtip.example', 'wanda-password-long-1');
    const me = await t.as(wanda).get('/me');
    expect(me.json().organization).toMatchObject({ name: 'Wingtip Partners', isChannelPartner: true });
    const own = await t.as(wanda).get('/partner');
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ number: 'P-500600', users: [{ email: 'wanda@wingtip.example', status: 'active' }] });
    // Nobody serves yet: no customers.
    expect((await t.as(wanda).get('/partner/customers')).json()).toEqual({ items: [], nextCursor: null });
    const [entry] = await q<{ action: string }>(
      sql`select action from audit_log where action = 'partner.register' and target_id = ${wingtipId}`,
    );
    expect(entry).toBeDefined();
  });

  it('bad partner registrations are refused with stable codes and write nothing', async () => {
    const before = await written();
    const cases: [object, number, string][] = [
      [{ ...wingtip, domains: ['other-wingtip.example'] }, 409, 'PARTNER_NUMBER_TAKEN'],
      [{ ...wingtip, number: 'P-1', domains: ['contoso.example'] }, 409, 'PARTNER_DOMAIN_TAKEN'],
      [
        { ...wingtip, number: 'P-2', domains: ['fresh.example'], users: [{ email: 'x@elsewhere.example', firstName: 'X', lastName: 'Y' }] },
        400,
        'PARTNER_USER_OUTSIDE_DOMAINS',
      ],
      [
        { ...wingtip, number: 'P-3', domains: ['gmail.com'], users: [{ email: 'x@gmail.com', firstName: 'X', lastName: 'Y' }] },
        400,
        'PERSONAL_ACCOUNT',
      ],
      [{ ...wingtip, number: 'P 4 with spaces', domains: ['fresh2.example'] }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await t.as(operator).post('/operator/partners', body);
      expect(res.statusCode, code).toBe(status);
      expect(res.json().code, code).toBe(code);
    }
    expect(await written()).toEqual(before);
  });

  it('R-REL-6: the publisher records the partner of an agreement; partner, replaced partner and the customer’s Administrators are told', async () => {
    const onboard = await t.as(operator).post('/operator/agreements', tailspin);
    expect(onboard.statusCode).toBe(201);
    agreementId = onboard.json().id;
    const res = await t.as(operator).put(`/operator/agreements/${agreementId}/partner`, { partnerId: wingtipId });
    expect(res.statusCode).toBe(200);
    expect(await mail('licensing@wingtip.example', 'partnerAssigned')).toBeDefined();
    const contacts = await q<{ number: string; name: string; email: string }>(sql`
      select l.number, c.name, c.email from contact c join licensing_id l on l.id = c.licensing_id
      where c.type = 'CHANNEL_PARTNER' and l.record_id = ${agreementId} order by l.number`);
    expect(contacts).toEqual([
      { number: '68055501', name: 'Wingtip Partners', email: 'licensing@wingtip.example' },
      { number: '68055502', name: 'Wingtip Partners', email: 'licensing@wingtip.example' },
    ]);
    const [entry] = await q<{ licensing_ids: string[] }>(
      sql`select licensing_ids from audit_log where action = 'partner.assign' and target_id = ${agreementId}`,
    );
    expect(entry?.licensing_ids).toHaveLength(2);
    // Recording the same partner again changes nothing and mails no one.
    const before = await written();
    expect((await t.as(operator).put(`/operator/agreements/${agreementId}/partner`, { partnerId: wingtipId })).statusCode).toBe(200);
    expect(await written()).toEqual(before);
  });

  it('R-REL-6: a partner user sees the customers it serves with their agreements and contacts, nothing of others', async () => {
    const list = await t.as(wanda).get('/partner/customers');
    expect(list.json().items).toMatchObject([{ name: 'Tailspin Toys', agreementCount: 1, licensingIdCount: 2 }]);
    const orgId = list.json().items[0].id;
    const detail = await t.as(wanda).get(`/partner/customers/${orgId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().agreements[0].contacts.map((c: { type: string }) => c.type)).toEqual([
      'PRIMARY_CONTACT',
      'ONLINE_SERVICES_MANAGER',
    ]);
    const contoso = (await q<{ id: string }>(sql`select id from organization where name = 'Contoso Ltd'`))[0]?.id;
    expect((await t.as(wanda).get(`/partner/customers/${contoso}`)).statusCode).toBe(404);
    // Adatum, Contoso's partner, sees Contoso and not Tailspin.
    const adatum = await signIn(t.app, 'partner@adatum-partners.example');
    expect((await t.as(adatum).get(`/partner/customers/${orgId}`)).statusCode).toBe(404);
  });

  it('R-REL-6: the partner changes the Online Services Manager: roles move, old and new contact are mailed, the change is audited', async () => {
    const res = await t.as(wanda).put(`/partner/agreements/${agreementId}/contacts/ONLINE_SERVICES_MANAGER`, {
      name: 'Nina Ny',
      email: 'nina@tailspin.example',
      locale: 'sv',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().contacts).toContainEqual(
      expect.objectContaining({ type: 'ONLINE_SERVICES_MANAGER', email: 'nina@tailspin.example' }),
    );
    const roles = await q<{ email: string; active: boolean }>(sql`
      select u.email, g.active from role_grant g join "user" u on u.id = g.user_id join licensing_id l on l.id = g.licensing_id
      where l.number = '68055501' and g.role = 'ONLINE_SERVICES_MANAGER' and g.source = 'CONTACT' order by u.email`);
    expect(roles.filter((r) => r.active).map((r) => r.email)).toEqual(['nina@tailspin.example']);
    expect(await mail('olle@tailspin.example', 'contactEnded')).toBeDefined();
    expect(await mail('nina@tailspin.example', 'contactWelcome')).toBeDefined();
    const wandaId = (await q<{ id: string }>(sql`select id from "user" where email = 'wanda@wingtip.example'`))[0]?.id;
    const [entry] = await q<{ actor_user_id: string; licensing_ids: string[] }>(sql`
      select actor_user_id, licensing_ids from audit_log where action = 'relationship.contact-change' and target_id = ${agreementId}`);
    expect(entry?.actor_user_id).toBe(wandaId);
  });

  it('R-REL-6: the customer cannot change its own contacts, not even its Administrator (403), and nothing is written', async () => {
    const [mailRow] = await q<{ text: string }>(
      sql`select text from outbox where to_address = 'pia@tailspin.example' and template = 'contactWelcome'`,
    );
    const token = /register\?token=([\w-]+)/.exec(mailRow?.text ?? '')?.[1] ?? '';
    expect(
      (await t.as(null).post('/auth/register', { token, firstName: 'Pia', lastName: 'Lund', password: 'pia-password-long-1' })).statusCode,
    ).toBe(201);
    const pia = await signIn(t.app, 'pia@tailspin.example', 'pia-password-long-1');
    const before = await written();
    const res = await t.as(pia).put(`/partner/agreements/${agreementId}/contacts/ONLINE_SERVICES_MANAGER`, {
      name: 'Pia Lund',
      email: 'pia@tailspin.example',
    });
    expect(res.statusCode).toBe(403);
    expect((await t.as(pia).get('/partner/customers')).statusCode).toBe(200);
    expect((await t.as(pia).get('/partner/customers')).json().items).toEqual([]);
    expect((await t.as(pia).get('/partner')).statusCode).toBe(403);
    expect(
      (
        await t
          .as(pia)
          .put(`/operator/agreements/${agreementId}/contacts/ONLINE_SERVICES_MANAGER`, { name: 'P', email: 'pia@tailspin.example' })
      ).statusCode,
    ).toBe(403);
    expect(await written()).toEqual(before);
  });

  it('a partner changing a customer it does not serve gets 404, and nothing is written', async () => {
    const adatum = await signIn(t.app, 'partner@adatum-partners.example');
    const before = await written();
    const res = await t.as(adatum).put(`/partner/agreements/${agreementId}/contacts/ONLINE_SERVICES_MANAGER`, {
      name: 'Adam Intruder',
      email: 'adam@tailspin.example',
    });
    expect(res.statusCode).toBe(404);
    expect(await written()).toEqual(before);
  });

  it('a partner serving only part of an agreement may not change its contacts (NOT_PARTNER_OF_EVERY_LICENSING_ID)', async () => {
    const adatumId =
      (await q<{ id: string }>(sql`select organization_id as id from channel_partner where number = 'P-100200'`))[0]?.id ?? '';
    // One of the two Licensing IDs moves to Adatum by a direct record, as a completed change of partner would.
    await t.database.db.execute(sql`
      update partner_of_record set partner_organization_id = ${adatumId} where licensing_id = (select id from licensing_id where number = '68055502')`);
    const before = await written();
    const res = await t
      .as(wanda)
      .put(`/partner/agreements/${agreementId}/contacts/PRIMARY_CONTACT`, { name: 'X', email: 'x@tailspin.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('NOT_PARTNER_OF_EVERY_LICENSING_ID');
    expect(await written()).toEqual(before);
  });

  it('a personal address as contact is refused (PERSONAL_ACCOUNT) and nothing is written', async () => {
    await t.database.db.execute(sql`
      update partner_of_record set partner_organization_id = ${wingtipId} where licensing_id = (select id from licensing_id where number = '68055502')`);
    const before = await written();
    const res = await t.as(wanda).put(`/partner/agreements/${agreementId}/contacts/PRIMARY_CONTACT`, { name: 'X', email: 'x@gmail.com' });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('PERSONAL_ACCOUNT');
    expect(await written()).toEqual(before);
  });

  it('the publisher adds a user to a partner; an address outside its domains is refused', async () => {
    const ok = await t
      .as(operator)
      .post(`/operator/partners/${wingtipId}/users`, { email: 'will@wingtip.example', firstName: 'Will', lastName: 'Wing' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().users.map((u: { email: string }) => u.email)).toEqual(['wanda@wingtip.example', 'will@wingtip.example']);
    const bad = await t
      .as(operator)
      .post(`/operator/partners/${wingtipId}/users`, { email: 'will@contoso.example', firstName: 'W', lastName: 'W' });
    expect(bad.json().code).toBe('PARTNER_USER_OUTSIDE_DOMAINS');
    const list = await t.as(operator).get('/operator/partners');
    expect(list.json().items.map((p: { number: string }) => p.number)).toEqual(['P-100200', 'P-300400', 'P-500600']);
  });

  it('R-REL-6: the demo partner Adatum changes a contact of Contoso’s onboarded Enterprise agreement', async () => {
    const adatum = await signIn(t.app, 'partner@adatum-partners.example');
    const list = await t.as(adatum).get('/partner/customers');
    const contoso = list.json().items.find((c: { name: string }) => c.name === 'Contoso Ltd');
    expect(contoso, JSON.stringify(contoso)).toMatchObject({ agreementCount: 2, licensingIdCount: 3 });
    const detail = await t.as(adatum).get(`/partner/customers/${contoso.id}`);
    const ea = detail.json().agreements.find((a: { number: string }) => a.number === '01E73628-EA');
    const res = await t.as(adatum).put(`/partner/agreements/${ea.id}/contacts/ONLINE_SERVICES_MANAGER`, {
      name: 'Olof Nyberg',
      email: 'olof@contoso.example',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await mail('viewer@contoso.example', 'contactEnded')).toBeDefined();
  });

  it('R-REL-6: an onboarded agreement names its channel partner by partner number; an unknown number is refused and nothing is written', async () => {
    const body = {
      ...tailspin,
      organization: { name: 'Northwind Traders', domains: ['northwind-traders.example'], country: 'SE' },
      number: 'NT-EA-1',
      mbsaNumber: 'NT-MBSA',
      licensingIds: [{ number: '68066601', name: 'Northwind Traders Enrollment' }],
      contacts: [],
    };
    const before = await written();
    const refused = await t.as(operator).post('/operator/agreements', { ...body, channelPartnerNumber: 'P-NOBODY' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toContainEqual(expect.objectContaining({ field: 'channelPartnerNumber', code: 'UNKNOWN_PARTNER' }));
    expect(await written()).toEqual(before);
    const res = await t.as(operator).post('/operator/agreements', { ...body, channelPartnerNumber: 'p-500600' });
    expect(res.statusCode, res.body).toBe(201);
    const customers = (await t.as(wanda).get('/partner/customers?q=Northwind')).json().items;
    expect(customers).toMatchObject([{ name: 'Northwind Traders', agreementCount: 1, licensingIdCount: 1 }]);
    // The same agreement again is a replay, partner number included.
    expect((await t.as(operator).post('/operator/agreements', { ...body, channelPartnerNumber: 'P-500600' })).statusCode).toBe(200);
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

const enterprise = (over: Record<string, unknown> = {}) => ({
  organization: { name: 'Tailspin Toys', domains: ['tailspin.example'], country: 'se' },
  number: '03T55555-EA',
  program: 'ENTERPRISE',
  priceLevel: 'B',
  startDate: '2026-01-01',
  endDate: '2028-12-31',
  mbsaNumber: '03T55555',
  licensingIds: [{ number: '68055501', name: 'Tailspin Enterprise Enrollment' }],
  contacts: [
    { type: 'PRIMARY_CONTACT', name: 'Pia Lund', email: 'pia@tailspin.example', locale: 'sv' },
    { type: 'SA_MANAGER', name: 'Sam Berg', email: 'sam@tailspin.example' },
    { type: 'ONLINE_SERVICES_MANAGER', name: 'Olle Ek', email: 'olle@tailspin.example' },
  ],
  ...over,
});

describe('the publisher onboards customers (issue 12)', () => {
  let t: TestApp;
  let operator: Session;
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
    agreements: await count(sql`select count(*) as n from agreement`),
    records: await count(sql`select count(*) as n from agreement_record`),
    licensingIds: await count(sql`select count(*) as n from licensing_id`),
    contacts: await count(sql`select count(*) as n from contact`),
    users: await count(sql`select count(*) as n from "user"`),
    grants: await count(sql`select count(*) as n from role_grant`),
    outbox: await count(sql`select count(*) as n from outbox`),
    audit: await count(sql`select count(*) as n from audit_log`),
  });
  const post = (body: object, headers: Record<string, string> = {}) => t.as(operator, { headers }).post('/operator/agreements', body);
  const grantsOf = (email: string, number: string) =>
    q<{ role: string; source: string; active: boolean }>(sql`
      select g.role, g.source, g.active from role_grant g join "user" u on u.id = g.user_id join licensing_id l on l.id = g.licensing_id
      where u.email = ${email} and l.number = ${number} order by g.role`);

  it('R-REL-6, R-REL-7: onboards an organization with an MBSA, an Enterprise enrollment and three contacts who get their roles and a welcome mail', async () => {
    const before = await written();
    const res = await post(enterprise());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      number: '03T55555-EA',
      programCode: 'ENTERPRISE',
      mbsaNumber: '03T55555',
      priceLevel: 'B',
      organization: { name: 'Tailspin Toys', domains: ['tailspin.example'] },
      licensingIds: [{ number: '68055501', kind: 'ENROLLMENT', status: 'ACTIVE', priceLevel: 'B', endDate: '2028-12-31' }],
    });
    expect(body.contacts.map((c: { type: string; registered: boolean }) => [c.type, c.registered])).toEqual([
      ['PRIMARY_CONTACT', false],
      ['SA_MANAGER', false],
      ['ONLINE_SERVICES_MANAGER', false],
    ]);
    const after = await written();
    expect(after).toMatchObject({
      organizations: before.organizations + 1,
      agreements: before.agreements + 2,
      records: before.records + 1,
      licensingIds: before.licensingIds + 1,
      contacts: before.contacts + 3,
      users: before.users + 3,
      grants: before.grants + 3,
    });
    expect(await grantsOf('pia@tailspin.example', '68055501')).toEqual([{ role: 'ADMINISTRATOR', source: 'CONTACT', active: true }]);
    expect(await grantsOf('sam@tailspin.example', '68055501')).toEqual([{ role: 'SA_MANAGER', source: 'CONTACT', active: true }]);
    expect(await grantsOf('olle@tailspin.example', '68055501')).toEqual([
      { role: 'ONLINE_SERVICES_MANAGER', source: 'CONTACT', active: true },
    ]);
    const mails = await q<{ to_address: string; subject: string; text: string; locale: string }>(
      sql`select to_address, subject, text, locale from outbox where template = 'contactWelcome' order by to_address`,
    );
    expect(mails.map((m) => m.to_address)).toEqual(['olle@tailspin.example', 'pia@tailspin.example', 'sam@tailspin.example']);
    expect(mails[1]?.subject).toBe('Du är kontakt för avtal 03T55555-EA i Licensing Service Center');
    expect(mails[1]?.text).toContain('Primär kontakt');
    expect(mails[1]?.text).toContain('Tailspin Enterprise Enrollment (68055501)');
    expect(mails[1]?.text).toMatch(/http:\/\/lsc\.test\/register\?token=[\w-]+/);
    const [entry] = await q<{ after: { number: string; licensingIds: string[] } }>(
      sql`select after from audit_log where action = 'relationship.agreement-onboard' and target_id = ${body.id}`,
    );
    expect(entry?.after).toMatchObject({ number: '03T55555-EA', licensingIds: ['68055501'] });
  });

  it('R-REL-6: a welcomed contact registers from the mail and lands as Administrator of the Licensing ID', async () => {
    const [mail] = await q<{ text: string }>(
      sql`select text from outbox where to_address = 'pia@tailspin.example' and template = 'contactWelcome'`,
    );
    const token = /register\?token=([\w-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
    const reg = await t.as(null).post('/auth/register', { token, firstName: 'Pia', lastName: 'Lund', password: 'pia-password-long-1' });
    expect(reg.statusCode).toBe(201);
    const pia = await signIn(t.app, 'pia@tailspin.example', 'pia-password-long-1');
    const summary = await t.as(pia).get('/licensing-ids');
    expect(summary.json().items).toMatchObject([{ number: '68055501', roles: ['ADMINISTRATOR'] }]);
  });

  it('the same agreement again answers 200 with the existing rows and writes nothing', async () => {
    const before = await written();
    const res = await post(enterprise());
    expect(res.statusCode).toBe(200);
    expect(res.headers['idempotent-replayed']).toBe('true');
    expect(res.json()).toMatchObject({ number: '03T55555-EA', licensingIds: [{ number: '68055501' }] });
    expect(await written()).toEqual(before);
  });

  it('the same agreement number with other content is AGREEMENT_CONFLICT (409), nothing written', async () => {
    const before = await written();
    const res = await post(enterprise({ priceLevel: 'C' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('AGREEMENT_CONFLICT');
    expect(await written()).toEqual(before);
  });

  it('an Idempotency-Key is honoured like orders: the same body replays, another body is IDEMPOTENCY_KEY_REUSED', async () => {
    const body = enterprise({
      number: '03T55555-SEL',
      program: 'SELECT',
      licensingIds: [{ number: '77000001', name: 'Tailspin Select' }],
      contacts: [],
    });
    const first = await post(body, { 'idempotency-key': 'onboard-key-1' });
    expect(first.statusCode).toBe(201);
    const again = await post(body, { 'idempotency-key': 'onboard-key-1' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const other = await post({ ...body, number: '03T55555-SEL2' }, { 'idempotency-key': 'onboard-key-1' });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('bad input is refused with stable codes and nothing is written', async () => {
    const cases: [object, string, string][] = [
      [enterprise({ number: 'X-1', program: 'ENTERPRISE_PLATINUM' }), 'program', 'UNKNOWN_PROGRAM'],
      // Fabrikam's MBSA: a Licensing ID under a parent of another organization.
      [
        enterprise({ number: 'X-2', mbsaNumber: '02F11111', licensingIds: [{ number: '68099902', name: 'x' }] }),
        'mbsaNumber',
        'PARENT_OF_OTHER_ORGANIZATION',
      ],
      [
        enterprise({ number: '02F11111-EA', mbsaNumber: null, licensingIds: [{ number: '68099903', name: 'x' }] }),
        'number',
        'PARENT_OF_OTHER_ORGANIZATION',
      ],
      [
        enterprise({ number: 'X-4', contacts: [{ type: 'PRIMARY_CONTACT', name: 'P', email: 'someone@gmail.com' }] }),
        'contacts.0.email',
        'PERSONAL_ACCOUNT',
      ],
      [enterprise({ number: 'X-5', program: 'OPEN_VALUE' }), 'mbsaNumber', 'MBSA_NOT_ALLOWED'],
      [enterprise({ number: 'X-6' }), 'licensingIds.0.number', 'LICENSING_ID_TAKEN'],
      [
        enterprise({ number: 'X-7', organization: { name: 'Not Contoso', domains: ['contoso.example'], country: 'SE' } }),
        'organization.domains',
        'ORGANIZATION_CONFLICT',
      ],
      [
        enterprise({ number: 'X-8', licensingIds: [{ number: '68099908', name: 'x', endDate: '2020-01-01' }] }),
        'licensingIds.0.endDate',
        'END_BEFORE_START',
      ],
    ];
    const before = await written();
    for (const [body, field, code] of cases) {
      const res = await post(body);
      expect(res.statusCode, code).toBe(400);
      expect(res.json().code).toBe('AGREEMENT_INVALID');
      expect(res.json().errors).toContainEqual(expect.objectContaining({ field, code, message: expect.any(String) }));
    }
    expect(await written()).toEqual(before);
  });

  it('R-REL-7: an agreement of an organization that exists is added to it, and a registered contact gets a notice, not a welcome', async () => {
    const res = await post({
      organization: { name: 'Contoso Ltd', domains: ['contoso.example'], country: 'SE' },
      number: 'V5550001',
      program: 'OPEN_LICENSE',
      startDate: '2026-02-01',
      endDate: '2028-01-31',
      licensingIds: [{ number: 'V5550001', name: 'Contoso Open License 2026', authorizationNumber: 'AUTH-5551' }],
      contacts: [{ type: 'PRIMARY_CONTACT', name: 'Anna Lind', email: 'admin@contoso.example' }],
    });
    expect(res.statusCode).toBe(201);
    const contoso = await q<{ id: string }>(sql`select id from organization where name = 'Contoso Ltd'`);
    expect(res.json().organization.id).toBe(contoso[0]?.id);
    expect(res.json().licensingIds[0]).toMatchObject({ kind: 'LICENSE', authorizationNumber: 'AUTH-5551' });
    const mails = await q<{ template: string }>(
      sql`select template from outbox where to_address = 'admin@contoso.example' and subject like '%V5550001%'`,
    );
    expect(mails.map((m) => m.template)).toEqual(['contactNotice']);
    expect(await grantsOf('admin@contoso.example', 'V5550001')).toEqual([{ role: 'ADMINISTRATOR', source: 'CONTACT', active: true }]);
  });

  it('R-REL-6: the publisher changes a contact: the old role ends, the new begins, both are mailed and it is audited', async () => {
    const [record] = await q<{ id: string }>(sql`select id from agreement_record where number = '03T55555-EA'`);
    const res = await t
      .as(operator)
      .put(`/operator/agreements/${record?.id}/contacts/ONLINE_SERVICES_MANAGER`, { name: 'Nora Sund', email: 'nora@tailspin.example' });
    expect(res.statusCode).toBe(200);
    expect(res.json().contacts).toContainEqual(
      expect.objectContaining({ type: 'ONLINE_SERVICES_MANAGER', email: 'nora@tailspin.example' }),
    );
    expect(await grantsOf('olle@tailspin.example', '68055501')).toEqual([
      { role: 'ONLINE_SERVICES_MANAGER', source: 'CONTACT', active: false },
    ]);
    expect(await grantsOf('nora@tailspin.example', '68055501')).toEqual([
      { role: 'ONLINE_SERVICES_MANAGER', source: 'CONTACT', active: true },
    ]);
    const ended = await q<{ text: string }>(
      sql`select text from outbox where to_address = 'olle@tailspin.example' and template = 'contactEnded'`,
    );
    expect(ended[0]?.text).toContain('Nora Sund (nora@tailspin.example)');
    expect(
      await count(sql`select count(*) as n from outbox where to_address = 'nora@tailspin.example' and template = 'contactWelcome'`),
    ).toBe(1);
    const [entry] = await q<{ before: unknown; after: unknown }>(
      sql`select before, after from audit_log where action = 'relationship.contact-change' and target_id = ${record?.id}`,
    );
    expect(entry?.before).toMatchObject({ type: 'ONLINE_SERVICES_MANAGER', contact: { email: 'olle@tailspin.example' } });
    expect(entry?.after).toMatchObject({ contact: { email: 'nora@tailspin.example' } });
    // The same contact again changes nothing.
    const before = await written();
    const again = await t
      .as(operator)
      .put(`/operator/agreements/${record?.id}/contacts/ONLINE_SERVICES_MANAGER`, { name: 'Nora Sund', email: 'nora@tailspin.example' });
    expect(again.statusCode).toBe(200);
    expect(await written()).toEqual(before);
  });

  it('R-REL-6: a customer’s Administrator cannot change contacts: every operator route refuses them, nothing written', async () => {
    const [record] = await q<{ id: string }>(sql`select id from agreement_record where number = '03T55555-EA'`);
    const pia = await signIn(t.app, 'pia@tailspin.example', 'pia-password-long-1');
    const before = await written();
    const change = await t
      .as(pia)
      .put(`/operator/agreements/${record?.id}/contacts/PRIMARY_CONTACT`, { name: 'Mallory', email: 'mallory@tailspin.example' });
    expect(change.statusCode).toBe(403);
    expect((await t.as(pia).post('/operator/agreements', enterprise({ number: 'X-9' }))).statusCode).toBe(403);
    expect((await t.as(pia).get(`/operator/agreements/${record?.id}`)).statusCode).toBe(403);
    expect(await written()).toEqual(before);
  });

  it('renewal of an enrollment under the same MBSA sets a later end date and tells its Administrators', async () => {
    const [lid] = await q<{ id: string }>(sql`select id from licensing_id where number = '68055501'`);
    const res = await t.as(operator).post(`/operator/licensing-ids/${lid?.id}/renewal`, { endDate: '2031-12-31' });
    expect(res.statusCode).toBe(204);
    expect((await q<{ end_date: string }>(sql`select end_date from licensing_id where id = ${lid?.id}`))[0]?.end_date).toBe('2031-12-31');
    expect(
      await count(sql`select count(*) as n from outbox where template = 'enrollmentRenewed' and to_address = 'pia@tailspin.example'`),
    ).toBe(1);
    const earlier = await t.as(operator).post(`/operator/licensing-ids/${lid?.id}/renewal`, { endDate: '2030-01-01' });
    expect(earlier.json().code).toBe('RENEWAL_NOT_LATER');
    const [open] = await q<{ id: string }>(sql`select id from licensing_id where number = 'V5550001'`);
    const notEnrollment = await t.as(operator).post(`/operator/licensing-ids/${open?.id}/renewal`, { endDate: '2031-12-31' });
    expect(notEnrollment.json().code).toBe('NOT_AN_ENROLLMENT');
  });

  it('expiry: a Licensing ID whose term ended turns expired when the clock passes its end', async () => {
    const res = await post(
      enterprise({
        number: '03T55555-EA2',
        endDate: '2026-06-30',
        licensingIds: [{ number: '68055502', name: 'Short enrollment' }],
        contacts: [],
      }),
    );
    expect(res.json().licensingIds[0].status).toBe('ACTIVE');
    clock.set(new Date('2026-07-01T00:00:01Z'));
    try {
      // The operator's session ended with the months that passed.
      const later = await signIn(t.app, 'operator@northwind.example');
      const run = await t.as(later).post('/operator/expiry');
      expect(run.statusCode, run.body).toBe(200);
      expect(run.json().expired).toContain('68055502');
      expect(run.json().expired).not.toContain('68055501');
      expect((await q<{ status: string }>(sql`select status from licensing_id where number = '68055502'`))[0]?.status).toBe('EXPIRED');
      expect(await count(sql`select count(*) as n from audit_log where action = 'relationship.licensing-id-expire'`)).toBeGreaterThan(0);
    } finally {
      clock.set(new Date('2026-03-01T09:00:00Z'));
    }
  });

  it('change of ownership of an Open License: it moves to the other organization, old roles end, the new contacts take over', async () => {
    const [record] = await q<{ id: string }>(sql`select id from agreement_record where number = 'V5550001'`);
    const [tailspin] = await q<{ id: string }>(sql`select id from organization where name = 'Tailspin Toys'`);
    const res = await t.as(operator).post(`/operator/agreements/${record?.id}/ownership`, {
      organizationId: tailspin?.id,
      contacts: [{ type: 'PRIMARY_CONTACT', name: 'Pia Lund', email: 'pia@tailspin.example' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().organization.name).toBe('Tailspin Toys');
    expect(await grantsOf('admin@contoso.example', 'V5550001')).toEqual([{ role: 'ADMINISTRATOR', source: 'CONTACT', active: false }]);
    expect(await grantsOf('pia@tailspin.example', 'V5550001')).toEqual([{ role: 'ADMINISTRATOR', source: 'CONTACT', active: true }]);
    expect(
      await count(sql`select count(*) as n from outbox where template = 'ownershipEnded' and to_address = 'admin@contoso.example'`),
    ).toBe(1);
    const [enterpriseRecord] = await q<{ id: string }>(sql`select id from agreement_record where number = '03T55555-EA'`);
    const refused = await t.as(operator).post(`/operator/agreements/${enterpriseRecord?.id}/ownership`, { organizationId: tailspin?.id });
    expect(refused.json().code).toBe('NOT_AN_OPEN_LICENSE');
  });

  it('issue 12: the onboarding, contact-change and ownership entries name their Licensing IDs, so the customer’s Administrator reads them in their audit view', async () => {
    const pia = await signIn(t.app, 'pia@tailspin.example', 'pia-password-long-1');
    const res = await t.as(pia).get('/audit?limit=200');
    expect(res.statusCode, res.body).toBe(200);
    const seen = (res.json().items as { action: string; licensingIds: { number: string }[]; detailWithheld: boolean }[])
      .filter((e) => e.action.startsWith('relationship.'))
      .map((e) => [e.action, e.licensingIds.map((l) => l.number).join(','), e.detailWithheld]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['relationship.agreement-onboard', '68055501', false],
        ['relationship.contact-change', '68055501', false],
        ['relationship.ownership-change', 'V5550001', false],
      ]),
    );
    // Contoso's Administrator gave the Open License away: its change of owner is no longer theirs to read.
    const anna = await signIn(t.app, 'admin@contoso.example');
    const theirs = (await t.as(anna).get('/audit?action=relationship.ownership-change')).json().items;
    expect(theirs).toEqual([]);
  });

  it('the operator lists and searches organizations with their agreements', async () => {
    const res = await t.as(operator).get('/operator/organizations?q=tailspin');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toMatchObject([{ name: 'Tailspin Toys', domains: ['tailspin.example'] }]);
    const numbers = res.json().items[0].agreements.map((a: { number: string }) => a.number);
    expect(numbers).toEqual(expect.arrayContaining(['03T55555-EA', '03T55555-SEL', 'V5550001']));
    const detail = await t.as(operator).get(`/operator/organizations/${res.json().items[0].id}`);
    expect(detail.json().agreements.length).toBe(numbers.length);
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deprovisionAfterGrace, sendScheduledActivations } from '../../src/modules/online-services/schedule.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

type Res = { statusCode: number; body: string; headers: Record<string, unknown>; json: () => { code: string } };

describe('online service activation (R-OS-1…R-OS-7)', () => {
  let t: TestApp;
  let admin: Session;
  let viewer: Session;
  let operator: Session;
  let contoso = '';
  let seq = 0;
  const clock = fixedClock('2026-03-01T09:00:00Z');
  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await signIn(t.app, 'admin@contoso.example');
    viewer = await signIn(t.app, 'viewer@contoso.example');
    operator = await signIn(t.app, 'operator@northwind.example');
    contoso = (await rows<{ id: string }>(sql`select id from organization where name = 'Contoso Ltd'`))[0]?.id ?? '';
    const family = (await rows<{ family_id: string }>(sql`select family_id from product where code = 'CLOUD-MAIL-P1'`))[0]?.family_id;
    await t.database.db.execute(sql`insert into product (code, family_id, name, version, pool, category, requires_key) values
      ('CLOUD-ARCHIVE', ${family}, 'Northwind Cloud Archiving', '1', 'APPLICATIONS', 'Online services', false)`);
  });
  afterAll(() => t.close());

  async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
    return (await t.database.db.execute<T & Record<string, unknown>>(q)).rows as T[];
  }
  const expectRefused = (res: Res, status: number, code: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(res.json().code).toBe(code);
  };

  /** A Contoso enrollment administered by the demo Administrator, with an OSM contact if given. */
  async function enrollment(opts: { osm?: string; program?: string; name?: string; start?: string; end?: string } = {}) {
    seq += 1;
    const number = `OS${String(seq).padStart(6, '0')}`;
    const [l] = await rows<{ id: string }>(sql`
      insert into licensing_id (organization_id, program_code, kind, number, name, start_date, end_date)
      values (${contoso}, ${opts.program ?? 'ENTERPRISE'}, ${opts.program ? 'LICENSE' : 'ENROLLMENT'}, ${number},
        ${opts.name ?? `Contoso Online ${seq}`}, ${opts.start ?? '2025-07-01'}, ${opts.end ?? '2028-06-30'})
      returning id`);
    const id = l?.id ?? '';
    await t.database.db.execute(sql`insert into role_grant (user_id, licensing_id, role, source)
      select id, ${id}, 'ADMINISTRATOR', 'ADMIN' from "user" where email = 'admin@contoso.example'`);
    if (opts.osm) {
      await t.database.db.execute(
        sql`insert into contact (licensing_id, type, name, email) values (${id}, 'ONLINE_SERVICES_MANAGER', 'Olle Osm', ${opts.osm})`,
      );
    }
    return { id, number, program: opts.program ?? 'ENTERPRISE' };
  }

  const order = (l: { number: string; program: string }, lines: { product?: string; start?: string }[], orderDate = '2026-02-20') => {
    seq += 1;
    return t.as(operator).post('/operator/orders', {
      orderNumber: `OS-ORDER-${seq}`,
      orderDate,
      licensingId: { program: l.program, number: l.number },
      lines: lines.map((x) => ({
        product: x.product ?? 'CLOUD-MAIL-P1',
        licenseType: 'ONLINE_SERVICE',
        quantity: 10,
        coverageStart: x.start ?? '2026-03-01',
        coverageEnd: '2027-02-28',
      })),
    });
  };

  const mailsTo = (to: string) =>
    rows<{ template: string; subject: string; text: string; locale: string }>(
      sql`select template, subject, text, locale from outbox where to_address = ${to} order by id`,
    );
  const tokenIn = (text: string) => /\/online-services\/activate\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
  const events = (licensingId: string) =>
    rows<{ type: string; data: Record<string, unknown> }>(
      sql`select type, data from provisioning_event where subject = ${`licensing-id:${licensingId}`} order by created_at, id`,
    );
  const overviewOf = async (who: Session, licensingId: string) => {
    const res = await t.as(who).get('/online-services');
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { enrollments: { id: string; services: Record<string, unknown>[]; account: unknown }[] }).enrollments.find(
      (e) => e.id === licensingId,
    );
  };

  it('R-OS-1: the first order of a service mails the OSM an activation link in their language; a second order mails nothing more', async () => {
    await t.given.user('osm1@contoso.example', { locale: 'sv', firstName: 'Olle' });
    const l = await enrollment({ osm: 'osm1@contoso.example' });
    expect((await order(l, [{}])).statusCode).toBe(201);
    const mails = await mailsTo('osm1@contoso.example');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.locale).toBe('sv');
    expect(mails[0]?.subject).toBe(
      'Logga in eller registrera dig för att börja använda din nya prenumeration: Northwind Cloud Mail Plan 1',
    );
    expect(mails[0]?.text).toContain('2026-08-20');
    expect(tokenIn(mails[0]?.text ?? '')).toHaveLength(43);
    // Only the hash of the link is kept.
    const stored = await rows<{ token_hash: string }>(sql`select token_hash from service_activation where licensing_id = ${l.id}`);
    expect(stored[0]?.token_hash).not.toContain(tokenIn(mails[0]?.text ?? ''));
    expect((await order(l, [{}])).statusCode).toBe(201);
    expect(await mailsTo('osm1@contoso.example')).toHaveLength(1);
    // R-OS-2: the Administrator sees who received it and when.
    const view = await overviewOf(admin, l.id);
    expect(view?.services[0]).toMatchObject({
      activation: 'MAILED',
      recipientEmail: 'osm1@contoso.example',
      mailedAt: '2026-03-01T09:00:00.000Z',
    });
    const audits = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'online-services.activation-mail' and target_id = ${l.id}`,
    );
    expect(audits[0]?.n).toBe(1);
  });

  it('R-OS-1: with no OSM listed, the Administrators are mailed to set the subscription contact', async () => {
    const l = await enrollment();
    const before = (await mailsTo('admin@contoso.example')).filter((m) => m.template === 'contactMissing').length;
    expect((await order(l, [{}])).statusCode).toBe(201);
    const after = (await mailsTo('admin@contoso.example')).filter((m) => m.template === 'contactMissing');
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)?.subject).toBe(`Name an Online Services Manager for ${l.number}`);
    expect((await overviewOf(admin, l.id))?.services[0]).toMatchObject({ activation: 'CONTACT_MISSING', recipientEmail: null });
  });

  it('R-OS-5, R-OS-3: whoever holds the link links the enrollment to a new account; the service is provisioned; a second link is refused', async () => {
    const l = await enrollment({ osm: 'osm2@contoso.example' });
    await order(l, [{}]);
    const token = tokenIn((await mailsTo('osm2@contoso.example'))[0]?.text ?? '');
    const info = await t.as(null).get(`/online-services/activation-links/${token}`);
    expect(info.statusCode, info.body).toBe(200);
    expect(info.json()).toMatchObject({
      expired: false,
      expiresOn: '2026-08-20',
      service: 'Northwind Cloud Mail Plan 1',
      linkedAccount: null,
    });
    const res = await t.as(null).post(`/online-services/activation-links/${token}/activate`, {
      newAccount: { name: 'Contoso Cloud', adminEmail: 'it@contoso.example' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ licensingId: l.id, account: { name: 'Contoso Cloud' }, status: 'ACTIVE' });
    expect(await events(l.id)).toEqual([
      expect.objectContaining({ type: 'service.activation', data: expect.objectContaining({ services: ['CLOUD-MAIL-P1'], how: 'LINK' }) }),
    ]);
    const view = await overviewOf(admin, l.id);
    expect(view?.account).toMatchObject({ name: 'Contoso Cloud', status: 'ACTIVE' });
    expect(view?.services[0]).toMatchObject({ activation: 'LINKED', subscription: 'ACTIVE' });
    // R-OS-5: an enrollment links to exactly one account.
    expectRefused(
      await t
        .as(null)
        .post(`/online-services/activation-links/${token}/activate`, { newAccount: { name: 'Other', adminEmail: 'x@contoso.example' } }),
      409,
      'ENROLLMENT_ALREADY_LINKED',
    );
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from service_enrollment where licensing_id = ${l.id}`))[0]?.n).toBe(1);
  });

  it('R-OS-5: a signed-in global admin links another enrollment to the same account; someone else may not choose it', async () => {
    const account = (await rows<{ id: string }>(sql`select id from service_account where name = 'Contoso Cloud'`))[0]?.id ?? '';
    const it1 = await t.given.signedIn('it@contoso.example');
    const l = await enrollment({ osm: 'osm3@contoso.example' });
    await order(l, [{}]);
    const token = tokenIn((await mailsTo('osm3@contoso.example'))[0]?.text ?? '');
    expect((await t.as(it1.session).get(`/online-services/activation-links/${token}`)).json()).toMatchObject({
      accounts: [{ id: account, name: 'Contoso Cloud', role: 'GLOBAL' }],
    });
    expectRefused(
      await t.as(viewer).post(`/online-services/activation-links/${token}/activate`, { accountId: account }),
      403,
      'SERVICE_ACCOUNT_NOT_ADMINISTERED',
    );
    expectRefused(
      await t.as(null).post(`/online-services/activation-links/${token}/activate`, { accountId: account }),
      403,
      'SERVICE_ACCOUNT_NOT_ADMINISTERED',
    );
    const res = await t.as(it1.session).post(`/online-services/activation-links/${token}/activate`, { accountId: account });
    expect(res.statusCode, res.body).toBe(201);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from service_enrollment where account_id = ${account}`))[0]?.n).toBe(2);
  });

  it('R-OS-4: no activation mail when the enrollment is already linked: a new service goes to its account', async () => {
    const l = (
      await rows<{ licensing_id: string; number: string }>(sql`
      select e.licensing_id, l.number from service_enrollment e join licensing_id l on l.id = e.licensing_id
      join contact c on c.licensing_id = l.id where c.email = 'osm2@contoso.example'`)
    )[0];
    const target = { number: l?.number ?? '', program: 'ENTERPRISE' };
    expect((await order(target, [{ product: 'CLOUD-ARCHIVE' }])).statusCode).toBe(201);
    expect(await mailsTo('osm2@contoso.example')).toHaveLength(1);
    const evs = await events(l?.licensing_id ?? '');
    // Events of one transaction share its time: found by content, not by position.
    expect(evs).toContainEqual({
      type: 'service.activation',
      data: expect.objectContaining({ services: ['CLOUD-ARCHIVE'], how: 'LINKED' }),
    });
  });

  it('R-OS-4: no activation mail when the OSM’s domain is verified on an account: auto-provisioned there', async () => {
    const account = (await rows<{ id: string }>(sql`select id from service_account where name = 'Contoso Cloud'`))[0]?.id ?? '';
    const verified = await t
      .as(operator)
      .post(`/operator/online-services/accounts/${account}/domains`, { domain: 'Contoso-Cloud.example' });
    expect(verified.statusCode, verified.body).toBe(200);
    const l = await enrollment({ osm: 'osm4@contoso-cloud.example' });
    expect((await order(l, [{}])).statusCode).toBe(201);
    expect(await mailsTo('osm4@contoso-cloud.example')).toEqual([]);
    expect((await overviewOf(admin, l.id))?.account).toMatchObject({ id: account, how: 'AUTO_DOMAIN' });
    expect((await events(l.id))[0]).toMatchObject({ type: 'service.activation', data: { how: 'AUTO_DOMAIN' } });
    // The domain of one account is not verified on another.
    const other = (
      await rows<{ id: string }>(sql`insert into service_account (name, created_at) values ('Elsewhere', now()) returning id`)
    )[0]?.id;
    expectRefused(
      await t.as(operator).post(`/operator/online-services/accounts/${other}/domains`, { domain: 'contoso-cloud.example' }),
      409,
      'SERVICE_ACCOUNT_DOMAIN_TAKEN',
    );
  });

  it('R-OS-4: no activation mail when the OSM is already a global or billing admin of an account', async () => {
    const account = (await rows<{ id: string }>(sql`select id from service_account where name = 'Elsewhere'`))[0]?.id ?? '';
    await t.database.db.execute(
      sql`insert into service_account_admin (account_id, email, role) values (${account}, 'billing@fabrikam.example', 'BILLING')`,
    );
    const l = await enrollment({ osm: 'billing@fabrikam.example' });
    expect((await order(l, [{}])).statusCode).toBe(201);
    expect(await mailsTo('billing@fabrikam.example')).toEqual([]);
    expect((await overviewOf(admin, l.id))?.account).toMatchObject({ id: account, how: 'AUTO_ADMIN' });
  });

  it('R-OS-4: a future usage date waits; the scheduled job mails it within 48 hours of that date', async () => {
    const l = await enrollment({ osm: 'osm5@contoso.example' });
    expect((await order(l, [{ start: '2026-04-01' }])).statusCode).toBe(201);
    expect(await mailsTo('osm5@contoso.example')).toEqual([]);
    expect((await overviewOf(admin, l.id))?.services[0]).toMatchObject({ activation: 'SCHEDULED', usageDate: '2026-04-01' });
    expect(await sendScheduledActivations({ db: t.database.db, config: t.config }, new Date('2026-03-29T00:00:00Z'))).toBe(0);
    expect(await mailsTo('osm5@contoso.example')).toEqual([]);
    expect(await sendScheduledActivations({ db: t.database.db, config: t.config }, new Date('2026-03-30T00:00:00Z'))).toBe(1);
    expect((await mailsTo('osm5@contoso.example')).map((m) => m.template)).toEqual(['activationLink']);
  });

  it('R-OS-4: no order, no mail: an enrollment without an online-service order has nothing to resend', async () => {
    const l = await enrollment({ osm: 'osm6@contoso.example' });
    const product = (await rows<{ id: string }>(sql`select id from product where code = 'CLOUD-MAIL-P1'`))[0]?.id;
    expectRefused(
      await t.as(admin).post(`/licensing-ids/${l.id}/online-services/${product}/activation-mail`, {}),
      409,
      'NO_ONLINE_SERVICE_ORDER',
    );
    expect(await mailsTo('osm6@contoso.example')).toEqual([]);
    expect(await overviewOf(admin, l.id)).toBeUndefined();
  });

  it('R-OS-2: the Administrator resends to the same contact or to a new subscription contact (who then holds the OSM role); others may not', async () => {
    const l = await enrollment({ osm: 'osm7@contoso.example' });
    await order(l, [{}]);
    const product = (await rows<{ id: string }>(sql`select id from product where code = 'CLOUD-MAIL-P1'`))[0]?.id;
    const url = `/licensing-ids/${l.id}/online-services/${product}/activation-mail`;
    const same = await t.as(admin).post(url, {});
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toEqual({ to: ['osm7@contoso.example'] });
    const [first, second] = await mailsTo('osm7@contoso.example');
    // The resend replaces the link: only the newest works.
    expect((await t.as(null).get(`/online-services/activation-links/${tokenIn(first?.text ?? '')}`)).statusCode).toBe(404);
    expect((await t.as(null).get(`/online-services/activation-links/${tokenIn(second?.text ?? '')}`)).statusCode).toBe(200);
    const newOsm = await t.given.user('newosm@contoso.example');
    const moved = await t.as(admin).post(url, { contact: { name: 'Nina New', email: 'NewOsm@contoso.example' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await mailsTo('newosm@contoso.example')).toHaveLength(1);
    expect(await rows(sql`select name, email from contact where licensing_id = ${l.id} and type = 'ONLINE_SERVICES_MANAGER'`)).toEqual([
      { name: 'Nina New', email: 'newosm@contoso.example' },
    ]);
    expect(await rows(sql`select role from role_grant where user_id = ${newOsm.id} and licensing_id = ${l.id} and active`)).toEqual([
      { role: 'ONLINE_SERVICES_MANAGER' },
    ]);
    expect((await overviewOf(admin, l.id))?.services[0]).toMatchObject({ recipientEmail: 'newosm@contoso.example', mailCount: 3 });
    const audits = await rows<{ action: string }>(
      sql`select action from audit_log where target_id = ${l.id} and action like 'online-services.%' order by id`,
    );
    expect(audits.map((a) => a.action)).toEqual([
      'online-services.activation-mail',
      'online-services.activation-mail',
      'online-services.subscription-contact',
      'online-services.activation-mail',
    ]);
    // The viewer of the same organization holds no role here: forbidden, and nothing sent.
    expectRefused(await t.as(viewer).post(url, {}), 403, 'FORBIDDEN');
    expect(await mailsTo('newosm@contoso.example')).toHaveLength(1);
    expectRefused(await t.as(admin).post(url, { contact: { name: 'Bad', email: 'not-an-address' } }), 400, 'VALIDATION_FAILED');
    expectRefused(
      await t.as(admin).post(url, { contact: { name: 'Nul\u0000Byte', email: 'nul@contoso.example' } }),
      400,
      'INVALID_CHARACTERS',
    );
  });

  it('R-OS-3: the link expires six months after the original purchase date: following or resending it is refused', async () => {
    const l = await enrollment({ osm: 'osm8@contoso.example' });
    await order(l, [{}], '2025-09-15');
    const token = tokenIn((await mailsTo('osm8@contoso.example'))[0]?.text ?? '');
    expect((await t.as(null).get(`/online-services/activation-links/${token}`)).json()).toMatchObject({
      expiresOn: '2026-03-15',
      expired: false,
    });
    clock.set(new Date('2026-03-15T00:00:00Z'));
    try {
      const later = await signIn(t.app, 'admin@contoso.example');
      expect((await t.as(null).get(`/online-services/activation-links/${token}`)).json()).toMatchObject({ expired: true });
      expectRefused(
        await t.as(null).post(`/online-services/activation-links/${token}/activate`, {
          newAccount: { name: 'Late', adminEmail: 'late@contoso.example' },
        }),
        410,
        'ACTIVATION_LINK_EXPIRED',
      );
      const product = (await rows<{ id: string }>(sql`select id from product where code = 'CLOUD-MAIL-P1'`))[0]?.id;
      expectRefused(
        await t.as(later).post(`/licensing-ids/${l.id}/online-services/${product}/activation-mail`, {}),
        410,
        'ACTIVATION_LINK_EXPIRED',
      );
      expect(await rows(sql`select 1 from service_enrollment where licensing_id = ${l.id}`)).toEqual([]);
    } finally {
      clock.set(new Date('2026-03-01T09:00:00Z'));
    }
  });

  it('R-OS-6: a renewal under the same organization name joins the account without a mail; the old subscriptions go In Grace, then are de-provisioned', async () => {
    const old = await enrollment({ osm: 'osm9@contoso.example', name: 'Contoso Renewing', start: '2023-03-01', end: '2026-02-28' });
    await order(old, [{ start: '2025-03-01' }], '2025-12-01');
    const token = tokenIn((await mailsTo('osm9@contoso.example'))[0]?.text ?? '');
    await t.as(null).post(`/online-services/activation-links/${token}/activate`, {
      newAccount: { name: 'Renewing Tenant', adminEmail: 'r@contoso.example' },
    });
    const next = await enrollment({ osm: 'osm9@contoso.example', name: 'Contoso Renewing', start: '2026-03-01', end: '2029-02-28' });
    expect((await order(next, [{}])).statusCode).toBe(201);
    expect(await mailsTo('osm9@contoso.example')).toHaveLength(1);
    const nextView = await overviewOf(admin, next.id);
    expect(nextView).toMatchObject({ account: { name: 'Renewing Tenant', how: 'RENEWAL' } });
    expect(nextView?.services[0]).toMatchObject({ activation: 'RENEWED', subscription: 'ACTIVE' });
    expect((await overviewOf(admin, old.id))?.services[0]).toMatchObject({ subscription: 'IN_GRACE', graceEndsOn: '2026-05-30' });
    expect((await events(next.id)).map((e) => e.type).sort()).toEqual(['service.activation', 'service.renewal']);
    expect(await deprovisionAfterGrace({ db: t.database.db, config: t.config }, new Date('2026-05-29T23:00:00Z'))).toBe(0);
    expect(await deprovisionAfterGrace({ db: t.database.db, config: t.config }, new Date('2026-05-30T00:00:00Z'))).toBe(1);
    expect((await overviewOf(admin, old.id))?.services[0]).toMatchObject({ subscription: 'DEPROVISIONED' });
    expect((await events(old.id)).at(-1)?.type).toBe('service.deprovision');
    expect((await mailsTo('admin@contoso.example')).at(-1)?.template).toBe('subscriptionsDeprovisioned');
  });

  it('R-OS-6: an add-on needs its base service on the same enrollment: an order without it is refused and nothing is recorded', async () => {
    const set = await t.as(operator).put('/operator/online-services/add-ons', { addOn: 'CLOUD-ARCHIVE', base: 'CLOUD-MAIL-P1' });
    expect(set.statusCode, set.body).toBe(200);
    const l = await enrollment({ osm: 'osm10@contoso.example' });
    const before = await rows<{ n: number }>(sql`select count(*)::int as n from license_order`);
    expectRefused((await order(l, [{ product: 'CLOUD-ARCHIVE' }])) as Res, 400, 'ADDON_WITHOUT_BASE');
    expect(await rows<{ n: number }>(sql`select count(*)::int as n from license_order`)).toEqual(before);
    expect(await mailsTo('osm10@contoso.example')).toEqual([]);
    expect((await order(l, [{ product: 'CLOUD-ARCHIVE' }, {}])).statusCode).toBe(201);
    // The same product cannot be its own base.
    expectRefused(
      await t.as(operator).put('/operator/online-services/add-ons', { addOn: 'CLOUD-ARCHIVE', base: 'CLOUD-ARCHIVE' }),
      404,
      'NOT_FOUND',
    );
    await t.database.db.execute(sql`delete from service_add_on`);
  });

  it('R-OS-7: an Open program is activated with its single-use OSA key, shows pending until provisioning confirms it; a reused key is refused', async () => {
    const l = await enrollment({ osm: 'osm11@contoso.example', program: 'OPEN_VALUE' });
    expect((await order(l, [{}])).statusCode).toBe(201);
    const mail = (await mailsTo('osm11@contoso.example'))[0];
    expect(mail?.template).toBe('activationLinkOpen');
    const key = /\*\*([2-9B-Y-]{29})\*\*/.exec(mail?.text ?? '')?.[1] ?? '';
    expect(key).toHaveLength(29);
    const osm = await t.given.signedIn('osm11@contoso.example');
    const redeemed = await t
      .as(osm.session)
      .post('/online-services/osa-activations', { key: key.toLowerCase(), account: { newAccount: { name: 'Open Tenant' } } });
    expect(redeemed.statusCode, redeemed.body).toBe(201);
    expect(redeemed.json()).toMatchObject({ status: 'PENDING', account: { name: 'Open Tenant' } });
    expect((await overviewOf(admin, l.id))?.account).toMatchObject({ status: 'PENDING', how: 'KEY' });
    expectRefused(
      await t.as(osm.session).post('/online-services/osa-activations', { key, account: { newAccount: { name: 'Again' } } }),
      409,
      'OSA_KEY_USED',
    );
    expectRefused(
      await t
        .as(osm.session)
        .post('/online-services/osa-activations', { key: 'BBBBB-BBBBB-BBBBB-BBBBB-BBBBB', account: { newAccount: { name: 'X' } } }),
      404,
      'OSA_KEY_UNKNOWN',
    );
    expectRefused(await t.as(admin).post(`/operator/online-services/enrollments/${l.id}/confirm`), 403, 'FORBIDDEN');
    const confirmed = await t.as(operator).post(`/operator/online-services/enrollments/${l.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((await overviewOf(admin, l.id))?.account).toMatchObject({ status: 'ACTIVE' });
    expect((await mailsTo('osm11@contoso.example')).at(-1)?.template).toBe('activationConfirmed');
    expectRefused(await t.as(operator).post(`/operator/online-services/enrollments/${l.id}/confirm`), 409, 'ACTIVATION_NOT_PENDING');
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

type Offer = { productId: string; code: string; name: string; category: string };
type Service = { code: string; refusal: string | null };

describe('The publisher’s reservation back office (R-RES-4)', () => {
  const clock = fixedClock('2026-03-06T16:00:00Z');
  let t: TestApp;
  let operator: Session;
  let admin: Session;
  const ids: Record<string, string> = {};
  const products: Record<string, string> = {};

  const one = async <T>(q: ReturnType<typeof sql>) => (await t.database.db.execute<T & Record<string, unknown>>(q)).rows[0] as T;
  /** What a refused request must leave as it was. */
  const footprint = () =>
    one<{ offers: string; locks: number; mails: number; audits: number }>(sql`select
      (select string_agg(product_id::text || category::text, ',' order by product_id) from reservation_offer) as offers,
      (select count(*)::int from reservation_price_lock) as locks,
      (select count(*)::int from outbox where template like 'priceLock%') as mails,
      (select count(*)::int from audit_log where action like 'reservation.%') as audits`);
  const refusalsOf = async (lid = ids.enrollment) => {
    const res = await t.as(admin).get(`/licensing-ids/${lid}/reservations/services`);
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries((res.json().services as Service[]).map((s) => [s.code, s.refusal]));
  };
  const locks = (lid = ids.enrollment) => `/operator/licensing-ids/${lid}/reservation-price-locks`;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    for (const [k, n] of Object.entries({ enrollment: '67012345', pcn: '8765-4321' })) {
      ids[k] = (await one<{ id: string }>(sql`select id from licensing_id where number = ${n}`)).id;
    }
    for (const code of ['CLOUD-MAIL-P1', 'CLOUD-MAIL-P2', 'CLOUD-MAIL-ARCHIVE', 'CLOUD-MAIL-VOICE', 'OFF-PP-2024']) {
      products[code] = (await one<{ id: string }>(sql`select id from product where code = ${code}`)).id;
    }
    operator = await signIn(t.app, 'operator@northwind.example');
    admin = await signIn(t.app, 'admin@contoso.example');
  });
  afterAll(() => t.close());

  it('R-RES-4: lists the online services with their category; an on-premises product is not one', async () => {
    const res = await t.as(operator).get('/operator/reservation-offers');
    expect(res.statusCode, res.body).toBe(200);
    const byCode = Object.fromEntries((res.json().items as Offer[]).map((o) => [o.code, o.category]));
    expect(byCode).toMatchObject({
      'CLOUD-MAIL-P1': 'LICENSE_RESERVATION_ONLY',
      'CLOUD-MAIL-P2': 'STANDARD',
      'CLOUD-MAIL-ARCHIVE': 'LICENSE_RESERVATION_ONLY',
      'CLOUD-MAIL-VOICE': 'NOT_CONFIGURED',
    });
    expect(byCode['OFF-PP-2024']).toBeUndefined();
    // A customer is no operator.
    expect((await t.as(admin).get('/operator/reservation-offers')).statusCode).toBe(403);
  });

  it('R-RES-4: a service set to STANDARD becomes reservable for the customer; set back to NOT_CONFIGURED, the partner must order it', async () => {
    expect((await refusalsOf())['CLOUD-MAIL-VOICE']).toBe('RESERVATION_NOT_CONFIGURED');
    const auditsBefore = (await footprint()).audits;
    const set = await t.as(operator).put(`/operator/reservation-offers/${products['CLOUD-MAIL-VOICE']}`, { category: 'STANDARD' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ code: 'CLOUD-MAIL-VOICE', category: 'STANDARD' });
    expect((await refusalsOf())['CLOUD-MAIL-VOICE']).toBeNull();
    const reserved = await t.as(admin).post(`/licensing-ids/${ids.enrollment}/reservations`, {
      productId: products['CLOUD-MAIL-VOICE'],
      action: 'ADD_LICENSE',
      quantity: 3,
      usageDate: '2026-04-01',
      acceptTerms: true,
    });
    expect(reserved.statusCode, reserved.body).toBe(201);
    const entry = await one<{ before: unknown; after: unknown; target_id: string }>(
      sql`select before, after, target_id from audit_log where action = 'reservation.offer.set' order by id desc limit 1`,
    );
    expect(entry).toEqual({
      target_id: products['CLOUD-MAIL-VOICE'],
      before: { productCode: 'CLOUD-MAIL-VOICE', category: 'NOT_CONFIGURED' },
      after: { productCode: 'CLOUD-MAIL-VOICE', category: 'STANDARD' },
    });

    expect(
      (await t.as(operator).put(`/operator/reservation-offers/${products['CLOUD-MAIL-VOICE']}`, { category: 'NOT_CONFIGURED' })).statusCode,
    ).toBe(200);
    expect((await refusalsOf())['CLOUD-MAIL-VOICE']).toBe('RESERVATION_NOT_CONFIGURED');
    const refused = await t.as(admin).post(`/licensing-ids/${ids.enrollment}/reservations`, {
      productId: products['CLOUD-MAIL-VOICE'],
      action: 'ADD_LICENSE',
      quantity: 3,
      usageDate: '2026-04-01',
      acceptTerms: true,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('RESERVATION_NOT_CONFIGURED');
    // Setting the category a service already has records nothing.
    expect(
      (await t.as(operator).put(`/operator/reservation-offers/${products['CLOUD-MAIL-VOICE']}`, { category: 'NOT_CONFIGURED' })).statusCode,
    ).toBe(200);
    // One submission and two category changes: three entries.
    expect((await footprint()).audits).toBe(auditsBefore + 3);
  });

  it('R-RES-4: setting a category refuses an unknown product, a product that is no online service, and NUL', async () => {
    const before = await footprint();
    const unknown = await t.as(operator).put('/operator/reservation-offers/00000000-0000-4000-8000-000000000000', { category: 'STANDARD' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json().code).toBe('RESERVATION_OFFER_UNKNOWN_PRODUCT');
    const onPrem = await t.as(operator).put(`/operator/reservation-offers/${products['OFF-PP-2024']}`, { category: 'STANDARD' });
    expect(onPrem.statusCode).toBe(409);
    expect(onPrem.json().code).toBe('RESERVATION_OFFER_NOT_ONLINE_SERVICE');
    const nul = await t.as(operator).put(`/operator/reservation-offers/${products['CLOUD-MAIL-VOICE']}`, { category: 'STANDARD\u0000' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().code).toBe('INVALID_CHARACTERS');
    const bad = await t.as(operator).put(`/operator/reservation-offers/${products['CLOUD-MAIL-VOICE']}`, { category: 'CHEAP' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    expect(await footprint()).toEqual(before);
  });

  it('R-RES-4: a fixed price opens a License Reservation Only service; removing it closes it again; the Administrators are mailed each time', async () => {
    expect((await refusalsOf())['CLOUD-MAIL-ARCHIVE']).toBe('RESERVATION_NEEDS_PRIOR_PURCHASE');
    expect((await t.as(operator).get(locks())).json()).toMatchObject({ licensingId: { number: '67012345', mayLock: true }, items: [] });
    // A second Administrator who reads Swedish: each Administrator hears in their own language.
    await t.given.user('admin-sv@contoso.example', {
      firstName: 'Sara',
      locale: 'sv',
      grants: [{ on: ids.enrollment ?? '', roles: ['ADMINISTRATOR'] }],
    });
    const mailsBefore = (await footprint()).mails;

    const added = await t.as(operator).post(locks(), { productId: products['CLOUD-MAIL-ARCHIVE'] });
    expect(added.statusCode, added.body).toBe(201);
    expect((added.json().items as Offer[]).map((o) => o.code)).toEqual(['CLOUD-MAIL-ARCHIVE']);
    expect((await refusalsOf())['CLOUD-MAIL-ARCHIVE']).toBeNull();
    const addMail = await one<{ to_address: string; subject: string; text: string }>(
      sql`select to_address, subject, text from outbox where template = 'priceLockAdded' and to_address = 'admin@contoso.example'`,
    );
    expect(addMail.to_address).toBe('admin@contoso.example');
    expect(addMail.subject).toContain('67012345');
    expect(addMail.text).toContain('without a prior purchase');
    const svMail = await one<{ subject: string; text: string }>(
      sql`select subject, text from outbox where template = 'priceLockAdded' and to_address = 'admin-sv@contoso.example'`,
    );
    expect(svMail.subject).toBe('Fast pris för Northwind Cloud Mail Archiving add-on på 67012345');
    expect(svMail.text).toContain('Hej Sara');
    expect(
      await one(
        sql`select after from audit_log where action = 'reservation.price-lock.add' and ${ids.enrollment}::uuid = any(licensing_ids)`,
      ),
    ).toEqual({ after: { productCode: 'CLOUD-MAIL-ARCHIVE', fixedPrice: true } });

    const again = await t.as(operator).post(locks(), { productId: products['CLOUD-MAIL-ARCHIVE'] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('RESERVATION_PRICE_LOCK_EXISTS');

    const removed = await t.as(operator).delete(`${locks()}/${products['CLOUD-MAIL-ARCHIVE']}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().items).toEqual([]);
    expect((await refusalsOf())['CLOUD-MAIL-ARCHIVE']).toBe('RESERVATION_NEEDS_PRIOR_PURCHASE');
    expect((await one<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'reservation.price-lock.remove'`)).n).toBe(
      1,
    );
    const removeMail = await one<{ to_address: string }>(
      sql`select to_address from outbox where template = 'priceLockRemoved' and to_address = 'admin@contoso.example'`,
    );
    expect(removeMail.to_address).toBe('admin@contoso.example');
    // One mail per Administrator per change, each in the Administrator's own language.
    const sent = await one<{ n: number; foreign: number }>(sql`select count(*)::int as n,
      count(*) filter (where o.locale <> u.locale)::int as foreign
      from outbox o join "user" u on u.email = o.to_address where o.template like 'priceLock%'`);
    expect(sent).toEqual({ n: mailsBefore + 4, foreign: 0 });
  });

  it('R-RES-4: price locks refuse an unknown Licensing ID or product, a product that is no online service, a non-Enterprise program, an absent lock', async () => {
    const before = await footprint();
    const nil = '00000000-0000-4000-8000-000000000000';
    const noLid = await t.as(operator).post(locks(nil), { productId: products['CLOUD-MAIL-ARCHIVE'] });
    expect(noLid.statusCode).toBe(404);
    expect(noLid.json().code).toBe('NOT_FOUND');
    expect((await t.as(operator).get(locks(nil))).statusCode).toBe(404);
    const noProduct = await t.as(operator).post(locks(), { productId: nil });
    expect(noProduct.statusCode).toBe(404);
    expect(noProduct.json().code).toBe('RESERVATION_OFFER_UNKNOWN_PRODUCT');
    const onPrem = await t.as(operator).post(locks(), { productId: products['OFF-PP-2024'] });
    expect(onPrem.statusCode).toBe(409);
    expect(onPrem.json().code).toBe('RESERVATION_OFFER_NOT_ONLINE_SERVICE');
    const pcn = await t.as(operator).post(locks(ids.pcn), { productId: products['CLOUD-MAIL-ARCHIVE'] });
    expect(pcn.statusCode).toBe(409);
    expect(pcn.json().code).toBe('RESERVATION_PRICE_LOCK_PROGRAM_NOT_ELIGIBLE');
    expect((await t.as(operator).get(locks(ids.pcn))).json().licensingId.mayLock).toBe(false);
    const absent = await t.as(operator).delete(`${locks()}/${products['CLOUD-MAIL-P2']}`);
    expect(absent.statusCode).toBe(404);
    expect(absent.json().code).toBe('RESERVATION_PRICE_LOCK_UNKNOWN');
    const nul = await t.as(operator).post(locks(), { productId: `${products['CLOUD-MAIL-ARCHIVE']}\u0000` });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().code).toBe('INVALID_CHARACTERS');
    // A customer's Administrator cannot fix their own prices.
    expect((await t.as(admin).post(locks(), { productId: products['CLOUD-MAIL-ARCHIVE'] })).statusCode).toBe(403);
    expect(await footprint()).toEqual(before);
  });

  it('R-RES-4: two operators adding the same fixed price at once add it (and mail) once', async () => {
    const [a, b] = await Promise.all([
      t.as(operator).post(locks(), { productId: products['CLOUD-MAIL-P2'] }),
      t.as(operator).post(locks(), { productId: products['CLOUD-MAIL-P2'] }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect(
      (await one<{ n: number }>(sql`select count(*)::int as n from reservation_price_lock where licensing_id = ${ids.enrollment}`)).n,
    ).toBe(1);
  });
});

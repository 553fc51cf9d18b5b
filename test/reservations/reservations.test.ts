import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

type Reservation = { id: string; quantity: number; action: string; cancellable: boolean; cancelledAt: string | null; submittedAt: string };
type History = { groups: { id: string; name: string; reserved: Record<string, number>; items: Reservation[] }[] };

describe('Online service reservations (R-RES-1…R-RES-5, R-PERM-9)', () => {
  const clock = fixedClock('2026-03-06T16:00:00Z'); // a Friday afternoon
  let t: TestApp;
  const ids: Record<string, string> = {};
  const products: Record<string, string> = {};

  const one = async <T>(q: ReturnType<typeof sql>) => (await t.database.db.execute<T & Record<string, unknown>>(q)).rows[0] as T;
  /** A fresh session for the user, at the clock's time (the clock moves by days here). */
  const as = async (email: string) => {
    const u = await one<{ id: string }>(sql`select id from "user" where email = ${email}`);
    return t.as(await t.given.session(u.id));
  };
  const admin = () => as('admin@contoso.example');
  const input = (over: Record<string, unknown> = {}) => ({
    productId: products['CLOUD-MAIL-P2'],
    action: 'ADD_LICENSE',
    quantity: 10,
    usageDate: '2026-04-01',
    acceptTerms: true,
    ...over,
  });
  const reserve = async (who: Awaited<ReturnType<typeof as>>, over: Record<string, unknown> = {}, lid = ids.enrollment) =>
    who.post(`/licensing-ids/${lid}/reservations`, input(over));
  /** What a refused request must leave as it was. */
  const footprint = () =>
    one<{ reservations: number; mails: number; audits: number }>(sql`select
      (select count(*)::int from reservation) as reservations,
      (select count(*)::int from outbox where template like 'reservation%') as mails,
      (select count(*)::int from audit_log where action like 'reservation.%') as audits`);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    for (const [k, n] of Object.entries({ enrollment: '67012345', expired: '54011111', pcn: '8765-4321' })) {
      ids[k] = (await one<{ id: string }>(sql`select id from licensing_id where number = ${n}`)).id;
    }
    for (const code of ['CLOUD-MAIL-P1', 'CLOUD-MAIL-P2', 'CLOUD-MAIL-ARCHIVE', 'CLOUD-MAIL-VOICE', 'OFF-PP-2024']) {
      products[code] = (await one<{ id: string }>(sql`select id from product where code = ${code}`)).id;
    }
  });
  afterAll(() => t.close());

  it('R-PERM-9: an Online Services Manager without Manage Reservation is refused (403); with it, reserves', async () => {
    const before = await footprint();
    const plain = await t.given.signedIn('osm-plain@contoso.example', {
      grants: [{ on: ids.enrollment ?? '', roles: ['ONLINE_SERVICES_MANAGER'] }],
    });
    const osm = t.as(plain.session);
    for (const res of [await reserve(osm), await osm.get(`/licensing-ids/${ids.enrollment}/reservations/services`)]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    expect((await osm.get('/reservations/licensing-ids')).json().items).toEqual([]);
    // The role alone lacks the action on another organization's enrollment too: 404 as the guard answers.
    const fabrikam = (await one<{ id: string }>(sql`select id from licensing_id where number = '67099999'`)).id;
    expect((await reserve(osm, {}, fabrikam)).statusCode).toBe(404);
    // A Licensing Info Viewer holds no reservations.create at all.
    expect((await reserve(await as('viewer@contoso.example'))).statusCode).toBe(403);
    expect(await footprint()).toEqual(before);

    const granted = await t.given.signedIn('osm-manage@contoso.example', {
      grants: [{ on: ids.enrollment ?? '', roles: ['ONLINE_SERVICES_MANAGER'], manageReservation: true }],
    });
    const res = await reserve(t.as(granted.session), { quantity: 1 });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('R-RES-1: a Select Plus PCN cannot reserve; an on-premises product is not an online service', async () => {
    const a = await admin();
    const before = await footprint();
    const pcn = await reserve(a, {}, ids.pcn);
    expect(pcn.statusCode).toBe(409);
    expect(pcn.headers['content-type']).toContain('application/problem+json');
    expect(pcn.json().code).toBe('RESERVATION_PROGRAM_NOT_ELIGIBLE');
    const office = await reserve(a, { productId: products['OFF-PP-2024'] });
    expect(office.statusCode).toBe(400);
    expect(office.json().code).toBe('RESERVATION_NOT_ONLINE_SERVICE');
    const list = (await a.get('/reservations/licensing-ids')).json().items as { number: string; refusal: string | null }[];
    expect(list.find((l) => l.number === '67012345')?.refusal).toBeNull();
    expect(list.find((l) => l.number === '8765-4321')?.refusal).toBe('RESERVATION_PROGRAM_NOT_ELIGIBLE');
    expect(await footprint()).toEqual(before);
  });

  it('R-RES-2: usage date from today to six months ahead; none on an expired enrollment', async () => {
    const a = await admin();
    const before = await footprint();
    for (const usageDate of ['2026-03-05', '2026-09-07']) {
      const res = await reserve(a, { usageDate });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('RESERVATION_USAGE_DATE_OUT_OF_WINDOW');
    }
    const expired = await reserve(a, {}, ids.expired);
    expect(expired.statusCode).toBe(409);
    expect(expired.json().code).toBe('RESERVATION_ENROLLMENT_EXPIRED');
    // NUL bytes and malformed dates are refused cleanly.
    expect((await reserve(a, { usageDate: '2026-04-0\u0000' })).statusCode).toBe(400);
    expect(await footprint()).toEqual(before);
    for (const usageDate of ['2026-03-06', '2026-09-06']) expect((await reserve(a, { usageDate, quantity: 1 })).statusCode).toBe(201);
  });

  it('R-RES-2: none in the last month before the enrollment expires', async () => {
    const saved = clock.now();
    clock.set(new Date('2027-06-05T10:00:00Z'));
    try {
      const res = await reserve(await admin(), { usageDate: '2027-06-10' });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('RESERVATION_ENROLLMENT_LAST_MONTH');
    } finally {
      clock.set(saved);
    }
  });

  it('R-RES-4: not configured → the partner must order (named); License Reservation Only needs a purchase or a fixed price; agreements before 2011 need the uEA amendment', async () => {
    const a = await admin();
    const voice = await reserve(a, { productId: products['CLOUD-MAIL-VOICE'] });
    expect(voice.statusCode).toBe(409);
    expect(voice.json()).toMatchObject({
      code: 'RESERVATION_NOT_CONFIGURED',
      partner: { name: 'Adatum Licensing Partners', number: 'P-100200' },
    });
    const archive = await reserve(a, { productId: products['CLOUD-MAIL-ARCHIVE'] });
    expect(archive.statusCode).toBe(409);
    expect(archive.json().code).toBe('RESERVATION_NEEDS_PRIOR_PURCHASE');
    // Plan 1 was bought before (an online service order line): reservable, Step-up License too.
    expect((await reserve(a, { productId: products['CLOUD-MAIL-P1'], action: 'STEP_UP_LICENSE', quantity: 5 })).statusCode).toBe(201);
    // A fixed price opens the add-on.
    await t.database.db.execute(
      sql`insert into reservation_price_lock (licensing_id, product_id) values (${ids.enrollment}, ${products['CLOUD-MAIL-ARCHIVE']})`,
    );
    expect((await reserve(a, { productId: products['CLOUD-MAIL-ARCHIVE'], quantity: 2 })).statusCode).toBe(201);
    const services = (await a.get(`/licensing-ids/${ids.enrollment}/reservations/services`)).json();
    expect(Object.fromEntries((services.services as { code: string; refusal: string | null }[]).map((s) => [s.code, s.refusal]))).toEqual({
      'CLOUD-MAIL-ARCHIVE': null,
      'CLOUD-MAIL-P1': null,
      'CLOUD-MAIL-P2': null,
      'CLOUD-MAIL-VOICE': 'RESERVATION_NOT_CONFIGURED',
    });

    await t.database.db.execute(
      sql`update agreement set start_date = '2010-07-01', updated_ea_amendment = false where number = '01E73628-EA'`,
    );
    try {
      const old = await reserve(a);
      expect(old.statusCode).toBe(409);
      expect(old.json().code).toBe('RESERVATION_AGREEMENT_NOT_ELIGIBLE');
      await t.database.db.execute(sql`update agreement set updated_ea_amendment = true where number = '01E73628-EA'`);
      expect((await reserve(a, { quantity: 1 })).statusCode).toBe(201);
    } finally {
      await t.database.db.execute(sql`update agreement set start_date = '2019-07-01' where number = '01E73628-EA'`);
    }
  });

  it('R-RES-5: submitting needs the commitment terms accepted explicitly; nothing is saved otherwise', async () => {
    const a = await admin();
    const before = await footprint();
    const refused = await reserve(a, { acceptTerms: false });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('RESERVATION_TERMS_NOT_ACCEPTED');
    const { acceptTerms: _, ...missing } = input();
    const absent = await a.post(`/licensing-ids/${ids.enrollment}/reservations`, missing);
    expect(absent.statusCode).toBe(400);
    expect(absent.json().code).toBe('VALIDATION_FAILED');
    expect(await footprint()).toEqual(before);
  });

  it('R-RES-3, R-RES-5: submitted, mailed (en/sv) and audited; cancellable within 72 hours across the weekend, then refused naming the partner; history and true-up', async () => {
    clock.set(new Date('2026-03-06T16:30:00Z'));
    const a = await admin();
    await t.database.db.execute(sql`update "user" set locale = 'sv' where email = 'osm-manage@contoso.example'`);
    const res = await reserve(a, { quantity: 40, usageDate: '2026-05-01' });
    expect(res.statusCode, res.body).toBe(201);
    const early = res.json() as Reservation;
    expect(early).toMatchObject({ quantity: 40, cancellable: true, cancelledAt: null });
    const mail = await one<{ subject: string; text: string }>(sql`
      select subject, text from outbox where template = 'reservationSubmitted' and to_address = 'admin@contoso.example' order by id desc limit 1`);
    expect(mail.subject).toBe('Reservation on 67012345: 40 × Northwind Cloud Mail Plan 2');
    expect(mail.text).toContain('2026-03-09 16:30 UTC');
    expect(
      (
        await one<{ n: number }>(
          sql`select count(*)::int as n from audit_log where action = 'reservation.submit' and after->>'reservationId' = ${early.id}`,
        )
      ).n,
    ).toBe(1);

    clock.set(new Date('2026-03-07T10:00:00Z')); // Saturday
    const late = (await reserve(await admin(), { quantity: 7, usageDate: '2026-05-01' })).json() as Reservation;

    // Monday 16:30 exactly: still within 72 elapsed hours of the Friday submission.
    clock.set(new Date('2026-03-09T16:30:00Z'));
    const history = (await (await admin()).get('/reservations?view=reservation')).json() as History;
    const items = history.groups[0]?.items ?? [];
    const cancellable = items.filter((r) => r.cancellable);
    expect(items.slice(0, cancellable.length).every((r) => r.cancellable)).toBe(true);
    expect(cancellable.map((r) => r.id).slice(0, 2)).toEqual([late.id, early.id]);

    // R-PERM-9: an Online Services Manager without Manage Reservation may not cancel (403); another organization does not see it (404).
    const plain = await as('osm-plain@contoso.example');
    const notAllowed = await plain.post(`/reservations/${early.id}/cancel`);
    expect(notAllowed.statusCode).toBe(403);
    expect(notAllowed.json().code).toBe('FORBIDDEN');
    expect((await (await as('admin@fabrikam.example')).post(`/reservations/${early.id}/cancel`)).statusCode).toBe(404);

    // Cancel by another reserver: the submitter (Administrator) and the canceller are mailed, in their languages.
    const osm = await as('osm-manage@contoso.example');
    const cancelled = await osm.post(`/reservations/${early.id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ cancellable: false });
    const sv = await one<{ subject: string }>(sql`
      select subject from outbox where template = 'reservationCancelled' and to_address = 'osm-manage@contoso.example'`);
    expect(sv.subject).toBe('Reservation avbokad på 67012345: 40 × Northwind Cloud Mail Plan 2');
    expect(
      (
        await one<{ n: number }>(
          sql`select count(*)::int as n from outbox where template = 'reservationCancelled' and to_address = 'admin@contoso.example'`,
        )
      ).n,
    ).toBe(1);
    expect((await one<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'reservation.cancel'`)).n).toBe(1);
    const again = await osm.post(`/reservations/${early.id}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('RESERVATION_ALREADY_CANCELLED');

    // 72 hours after Saturday 10:00 have passed: a commitment now; the partner is named.
    clock.set(new Date('2026-03-10T10:00:01Z'));
    const tooLate = await (await admin()).post(`/reservations/${late.id}/cancel`);
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json()).toMatchObject({
      code: 'RESERVATION_CANCEL_WINDOW_PASSED',
      partner: { name: 'Adatum Licensing Partners', email: 'orders@adatum-partners.example' },
    });

    // By service: one group per service with what stays reserved.
    const byService = (await (await admin()).get('/reservations?view=service')).json() as History;
    const plan2 = byService.groups.find((g) => g.id === products['CLOUD-MAIL-P2']);
    expect(plan2?.items.some((r) => r.id === early.id && r.cancelledAt !== null)).toBe(true);
    const byLid = (await (await admin()).get('/reservations?view=licensing-id')).json() as History;
    expect(byLid.groups.map((g) => g.id)).toEqual([ids.enrollment]);

    // True-up: every reservation past its window and not cancelled, per service and action.
    const trueUp = (await (await admin()).get(`/licensing-ids/${ids.enrollment}/reservations/true-up`)).json();
    expect(trueUp.enrollment.anniversary).toBe('2026-07-01');
    expect(trueUp.pending).toBe(0);
    const line = (code: string, action: string) =>
      (trueUp.lines as { serviceCode: string; action: string; quantity: number }[]).find(
        (l) => l.serviceCode === code && l.action === action,
      )?.quantity;
    // Plan 2 Add License: 1 (OSM) + 1 + 1 (window edges) + 1 (uEA) + 7 (Saturday); the 40 was cancelled.
    expect(line('CLOUD-MAIL-P2', 'ADD_LICENSE')).toBe(11);
    expect(line('CLOUD-MAIL-P1', 'STEP_UP_LICENSE')).toBe(5);
    expect(line('CLOUD-MAIL-ARCHIVE', 'ADD_LICENSE')).toBe(2);
    expect(trueUp.reservedTotal).toBe(18);
    expect(plan2?.reserved.ADD_LICENSE).toBe(11);
  });

  it('counts are atomic: 50 concurrent reservations and cancellations on one enrollment leave history, running total and true-up in agreement', async () => {
    clock.set(new Date('2026-03-16T09:00:00Z'));
    const a = await admin();
    const first = await Promise.all(Array.from({ length: 25 }, (_, i) => reserve(a, { quantity: i + 1, usageDate: '2026-04-15' })));
    expect(first.every((r) => r.statusCode === 201)).toBe(true);
    const toCancel = first.map((r) => (r.json() as Reservation).id);
    // 25 more reservations while each earlier one is cancelled twice at once (only one of the pair may count).
    const mixed = await Promise.all([
      ...Array.from({ length: 25 }, (_, i) =>
        reserve(a, { quantity: 100 + i, usageDate: '2026-04-15', action: i % 2 ? 'STEP_UP_LICENSE' : 'ADD_LICENSE' }),
      ),
      ...toCancel.flatMap((id) => [a.post(`/reservations/${id}/cancel`), a.post(`/reservations/${id}/cancel`)]),
    ]);
    expect(mixed.slice(0, 25).every((r) => r.statusCode === 201)).toBe(true);
    const cancels = mixed.slice(25).map((r) => r.statusCode);
    expect(cancels.filter((s) => s === 200)).toHaveLength(25);
    expect(cancels.filter((s) => s === 409)).toHaveLength(25);

    const history = (await a.get('/reservations?view=licensing-id')).json() as History;
    const items = history.groups.find((g) => g.id === ids.enrollment)?.items ?? [];
    const live = items.filter((r) => !r.cancelledAt).reduce((n, r) => n + r.quantity, 0);
    const stored = await one<{ total: number }>(
      sql`select sum(quantity)::int as total from reservation_total where licensing_id = ${ids.enrollment}`,
    );
    expect(stored.total).toBe(live);
    expect((await one<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'reservation.cancel'`)).n).toBe(26);

    clock.set(new Date('2026-03-19T09:00:01Z')); // past every window
    const trueUp = (await (await admin()).get(`/licensing-ids/${ids.enrollment}/reservations/true-up`)).json();
    const owed = (trueUp.lines as { quantity: number }[]).reduce((n, l) => n + l.quantity, 0);
    expect(trueUp.pending).toBe(0);
    expect(owed).toBe(live);
    expect(trueUp.reservedTotal).toBe(live);
    expect(live).toBe(18 + Array.from({ length: 25 }, (_, i) => 100 + i).reduce((x, y) => x + y, 0));
  });
  it('R-RES-5: the answer to a submission is the reservation exactly as the history then shows it (the answer is built from what the one write statement stored, not read back)', async () => {
    clock.set(new Date('2026-03-06T16:00:00.123Z'));
    const a = await admin();
    const res = await reserve(a, { quantity: 3, usageDate: '2026-04-02' });
    expect(res.statusCode, res.body).toBe(201);
    const answered = res.json() as Reservation;
    const history = (await a.get('/reservations?view=reservation')).json() as History;
    const shown = history.groups.flatMap((g) => g.items).find((r) => r.id === answered.id);
    expect(shown).toEqual(answered);
    expect(answered.submittedAt).toBe('2026-03-06T16:00:00.123Z');
  });
});

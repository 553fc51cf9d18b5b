import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

type Product = { productId: string; productCode: string; purchased: number; assigned: number; remaining: number };
type Assignment = { id: string; productId: string; productName: string; name: string; email: string; locale: string };
type Res = { statusCode: number; headers: Record<string, unknown>; body: string; json: () => { code: string } };

describe('Subscription assignments by the Subscriptions Manager (R-PERM-2)', () => {
  const clock = fixedClock('2026-03-01T09:00:00Z');
  let t: TestApp;
  let manager: Session;
  let viewer: Session;
  let admin: Session;
  let lid = '';
  let pcn = '';
  let enterprise = '';
  let professional = '';
  let office = '';
  beforeAll(async () => {
    t = await createTestApp({ clock });
    const id = async (q: ReturnType<typeof sql>) => (await t.database.db.execute<{ id: string }>(q)).rows[0]?.id ?? '';
    lid = await id(sql`select id from licensing_id where number = '67012345'`);
    pcn = await id(sql`select id from licensing_id where number = '8765-4321'`);
    enterprise = await id(sql`select id from product where code = 'DEV-SUB-ENT'`);
    professional = await id(sql`select id from product where code = 'DEV-SUB-PRO'`);
    office = await id(sql`select id from product where code = 'OFF-PP-2024'`);
    manager = await signIn(t.app, 'subscriptions@contoso.example');
    viewer = await signIn(t.app, 'viewer@contoso.example');
    admin = await signIn(t.app, 'admin@contoso.example');
  });
  afterAll(() => t.close());

  const one = async <T>(q: ReturnType<typeof sql>) => (await t.database.db.execute<T & Record<string, unknown>>(q)).rows[0] as T;
  const base = () => `/licensing-ids/${lid}/subscriptions`;
  const products = async (): Promise<Product[]> => (await t.as(manager).get(base())).json().products;
  const product = async (id: string) => (await products()).find((p) => p.productId === id);
  const ada = { productId: '', name: 'Ada Lind', email: 'Ada.Lind@contoso.example', locale: 'sv', acknowledgePurchaseObligation: true };
  const assign = (body: object, who = manager) => t.as(who).post(`${base()}/assignments`, body);
  /** What a refused request must leave as it was. */
  const footprint = async () =>
    one<{ rows: string; counts: string; mails: number; audits: number }>(sql`select
      (select string_agg(id::text || coalesce(end_reason::text, '-'), ',' order by id) from subscription_assignment) as rows,
      (select string_agg(product_id::text || ':' || assigned, ',' order by product_id) from subscription_count) as counts,
      (select count(*)::int from outbox where template like 'subscription%') as mails,
      (select count(*)::int from audit_log where action like 'subscriptions.%') as audits`);
  const refused = (res: Res) => ({
    status: res.statusCode,
    problem: String(res.headers['content-type']).includes('application/problem+json'),
    code: res.json().code,
  });

  it('R-PERM-2: the Subscriptions Manager sees its Licensing ID and what is purchased there: subscription lines only, not online services', async () => {
    const ids = (await t.as(manager).get('/subscriptions/licensing-ids')).json().licensingIds as { id: string }[];
    expect(ids.map((l) => l.id)).toEqual([lid]);
    const list = await products();
    expect(list.map((p) => [p.productCode, p.purchased, p.assigned, p.remaining])).toEqual([
      ['DEV-SUB-ENT', 5, 0, 5],
      ['DEV-SUB-PRO', 2, 0, 2],
    ]);
    // The viewer holds no subscriptions.assign: none listed, and the products are forbidden.
    expect((await t.as(viewer).get('/subscriptions/licensing-ids')).json().licensingIds).toEqual([]);
    expect(refused(await t.as(viewer).get(base()))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('R-PERM-2 bad input: no acknowledgement of the purchase obligation, a product not purchased, NUL, a bad address, a viewer: refused; nothing changes', async () => {
    const before = await footprint();
    const body = { ...ada, productId: enterprise };
    expect(refused(await assign({ ...body, acknowledgePurchaseObligation: undefined }))).toEqual({
      status: 400,
      problem: true,
      code: 'SUBSCRIPTION_OBLIGATION_NOT_ACKNOWLEDGED',
    });
    expect(refused(await assign({ ...body, acknowledgePurchaseObligation: false }))).toMatchObject({
      code: 'SUBSCRIPTION_OBLIGATION_NOT_ACKNOWLEDGED',
    });
    expect(refused(await assign({ ...body, productId: office }))).toEqual({
      status: 409,
      problem: true,
      code: 'SUBSCRIPTION_NOT_PURCHASED',
    });
    expect(refused(await assign({ ...body, name: 'Ada\u0000Lind' }))).toEqual({ status: 400, problem: true, code: 'INVALID_CHARACTERS' });
    expect(refused(await assign({ ...body, email: 'ada.lind' }))).toEqual({ status: 400, problem: true, code: 'VALIDATION_FAILED' });
    expect(refused(await assign({ ...body, locale: 'de' }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(refused(await assign(body, viewer))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await footprint()).toEqual(before);
  });

  let adaId = '';
  it('R-PERM-2: assign a subscription to a named person: one unit taken, instructions mailed in the chosen language, audited', async () => {
    const res = await assign({ ...ada, productId: enterprise });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json() as unknown as Assignment;
    adaId = a.id;
    expect(a).toMatchObject({ name: 'Ada Lind', email: 'ada.lind@contoso.example', locale: 'sv', productId: enterprise });
    // The answer is built from what the one write statement stored, not read back: the list must show the same.
    const listed = (await t.as(manager).get(`${base()}/assignments?productId=${enterprise}`)).json() as unknown as { items: Assignment[] };
    expect(listed.items.find((x) => x.id === a.id)).toEqual(a);
    expect(await product(enterprise)).toMatchObject({ purchased: 5, assigned: 1, remaining: 4 });
    const mail = await one<{ subject: string; text: string }>(
      sql`select subject, text from outbox where to_address = 'ada.lind@contoso.example' and template = 'subscriptionAssigned'`,
    );
    expect(mail.subject).toBe('Din prenumeration på Northwind Studio Subscription Enterprise från Contoso Ltd');
    const entry = await one<{ after: { email: string; obligationAcknowledged: boolean } }>(
      sql`select after from audit_log where action = 'subscriptions.assign'`,
    );
    expect(entry.after).toMatchObject({ email: 'ada.lind@contoso.example', obligationAcknowledged: true });
  });

  it('R-PERM-2 bad input: the same person twice on the same product is refused (any letter case); on another product they may have one', async () => {
    const before = await footprint();
    expect(refused(await assign({ ...ada, productId: enterprise, email: 'ADA.LIND@contoso.example' }))).toEqual({
      status: 409,
      problem: true,
      code: 'SUBSCRIPTION_ALREADY_ASSIGNED',
    });
    expect(await footprint()).toEqual(before);
    expect((await assign({ ...ada, productId: professional })).statusCode).toBe(201);
  });

  it('R-PERM-2: the list is paged by name, filtered by product and searched by name or address', async () => {
    for (const [name, email] of [
      ['Bo Ek', 'bo.ek@contoso.example'],
      ['Cecilia Holm', 'cecilia.holm@contoso.example'],
    ]) {
      expect((await assign({ productId: enterprise, name, email, locale: 'en', acknowledgePurchaseObligation: true })).statusCode).toBe(
        201,
      );
    }
    const page1 = (await t.as(manager).get(`${base()}/assignments?limit=2`)).json() as unknown as {
      items: Assignment[];
      nextCursor: string;
    };
    expect(page1.items.map((a) => a.name)).toEqual(['Ada Lind', 'Ada Lind']);
    const page2 = (await t.as(manager).get(`${base()}/assignments?limit=2&cursor=${page1.nextCursor}`)).json() as unknown as {
      items: Assignment[];
      nextCursor: string | null;
    };
    expect(page2.items.map((a) => a.name)).toEqual(['Bo Ek', 'Cecilia Holm']);
    expect(page2.nextCursor).toBeNull();
    const pro = (await t.as(manager).get(`${base()}/assignments?productId=${professional}`)).json() as unknown as { items: Assignment[] };
    expect(pro.items.map((a) => a.email)).toEqual(['ada.lind@contoso.example']);
    const found = (await t.as(manager).get(`${base()}/assignments?q=HOLM`)).json() as unknown as { items: Assignment[] };
    expect(found.items.map((a) => a.name)).toEqual(['Cecilia Holm']);
    expect(refused(await t.as(manager).get(`${base()}/assignments?cursor=forged`))).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
  });

  it('R-PERM-2: reassign to another person: the old holder is mailed that it ended, the new one the instructions; the count stays', async () => {
    const res = await t
      .as(manager)
      .post(`${base()}/assignments/${adaId}/reassign`, { name: 'Dan Berg', email: 'dan.berg@contoso.example', locale: 'en' });
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json() as unknown as Assignment;
    expect(a).toMatchObject({ name: 'Dan Berg', email: 'dan.berg@contoso.example', productId: enterprise });
    expect(await product(enterprise)).toMatchObject({ assigned: 3, remaining: 2 });
    const mails = await t.database.db.execute<{ to_address: string; template: string; subject: string }>(sql`
      select to_address, template, subject from outbox where template like 'subscription%' and to_address in ('ada.lind@contoso.example', 'dan.berg@contoso.example')
      order by id`);
    expect(mails.rows.slice(-2)).toEqual([
      {
        to_address: 'ada.lind@contoso.example',
        template: 'subscriptionEnded',
        subject: 'Din prenumeration på Northwind Studio Subscription Enterprise från Contoso Ltd har upphört',
      },
      {
        to_address: 'dan.berg@contoso.example',
        template: 'subscriptionAssigned',
        subject: 'Your Northwind Studio Subscription Enterprise subscription from Contoso Ltd',
      },
    ]);
    const entry = await one<{ before: { email: string }; after: { email: string } }>(
      sql`select before, after from audit_log where action = 'subscriptions.reassign'`,
    );
    expect([entry.before.email, entry.after.email]).toEqual(['ada.lind@contoso.example', 'dan.berg@contoso.example']);
    adaId = a.id;
  });

  it('R-PERM-2 bad input: reassign to the same person, to one who has it already, an ended or unknown assignment, through another Licensing ID: refused; nothing changes', async () => {
    const before = await footprint();
    const to = (email: string) => ({ name: 'X Y', email, locale: 'en' });
    const path = (id: string, on = lid) => `/licensing-ids/${on}/subscriptions/assignments/${id}/reassign`;
    expect(refused(await t.as(manager).post(path(adaId), to('Dan.Berg@contoso.example')))).toMatchObject({
      status: 409,
      code: 'SUBSCRIPTION_ALREADY_ASSIGNED',
    });
    expect(refused(await t.as(manager).post(path(adaId), to('bo.ek@contoso.example')))).toMatchObject({
      status: 409,
      code: 'SUBSCRIPTION_ALREADY_ASSIGNED',
    });
    const ended = await one<{ id: string }>(sql`select id from subscription_assignment where end_reason = 'REASSIGNED'`);
    expect(refused(await t.as(manager).post(path(ended.id), to('new@contoso.example')))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    // The Administrator holds the action on the PCN too, but the assignment is the enrollment's.
    expect(refused(await t.as(admin).post(path(adaId, pcn), to('new@contoso.example')))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(refused(await t.as(admin).delete(`/licensing-ids/${pcn}/subscriptions/assignments/${adaId}`))).toMatchObject({ status: 404 });
    expect(await footprint()).toEqual(before);
  });

  it('R-PERM-2: remove an assignment: its unit returns, the person is mailed, audited; removing it again is 404', async () => {
    const res = await t.as(manager).delete(`${base()}/assignments/${adaId}`);
    expect(res.statusCode, res.body).toBe(204);
    expect(await product(enterprise)).toMatchObject({ assigned: 2, remaining: 3 });
    const mail = await one<{ n: number }>(
      sql`select count(*)::int as n from outbox where to_address = 'dan.berg@contoso.example' and template = 'subscriptionEnded'`,
    );
    expect(mail.n).toBe(1);
    expect((await one<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'subscriptions.remove'`)).n).toBe(1);
    expect((await t.as(manager).delete(`${base()}/assignments/${adaId}`)).statusCode).toBe(404);
  });

  it('R-PERM-2: never more than purchased: the last one goes, the next is refused SUBSCRIPTIONS_NONE_REMAINING', async () => {
    expect(await product(professional)).toMatchObject({ purchased: 2, assigned: 1, remaining: 1 });
    const p = { productId: professional, locale: 'en', acknowledgePurchaseObligation: true };
    expect((await assign({ ...p, name: 'Eva Ek', email: 'eva@contoso.example' })).statusCode).toBe(201);
    const before = await footprint();
    expect(refused(await assign({ ...p, name: 'Filip Ek', email: 'filip@contoso.example' }))).toEqual({
      status: 409,
      problem: true,
      code: 'SUBSCRIPTIONS_NONE_REMAINING',
    });
    expect(await footprint()).toEqual(before);
  });

  it('R-PERM-2: the same person assigned from several requests at once: exactly one succeeds, the others SUBSCRIPTION_ALREADY_ASSIGNED', async () => {
    const before = (await product(enterprise))?.assigned ?? 0;
    const same = {
      productId: enterprise,
      name: 'Gun Ek',
      email: 'gun.ek@contoso.example',
      locale: 'en',
      acknowledgePurchaseObligation: true,
    };
    const results = await Promise.all(Array.from({ length: 6 }, () => assign(same)));
    const codes = results.map((r) => (r.statusCode === 201 ? 'OK' : r.json().code)).sort();
    expect(codes).toEqual(['OK', ...Array(5).fill('SUBSCRIPTION_ALREADY_ASSIGNED')].sort());
    expect(await product(enterprise)).toMatchObject({ assigned: before + 1 });
  });

  it('R-PERM-2: N concurrent assignments against M remaining: exactly M succeed, the count never passes what is purchased', async () => {
    const left = (await product(enterprise))?.remaining ?? 0;
    expect(left).toBe(2);
    const n = 12;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        assign({
          productId: enterprise,
          name: `Racer ${i}`,
          email: `racer${i}@contoso.example`,
          locale: 'en',
          acknowledgePurchaseObligation: true,
        }),
      ),
    );
    const codes = results.map((r) => (r.statusCode === 201 ? 'OK' : r.json().code));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(left);
    expect(codes.filter((c) => c !== 'OK')).toEqual(Array(n - left).fill('SUBSCRIPTIONS_NONE_REMAINING'));
    expect(await product(enterprise)).toMatchObject({ purchased: 5, assigned: 5, remaining: 0 });
    const open = await one<{ n: number }>(
      sql`select count(*)::int as n from subscription_assignment where product_id = ${enterprise} and ended_at is null`,
    );
    expect(open.n).toBe(5);
  });

  it('R-PERM-2: the Administrator of the Licensing ID assigns too (the policy grants it subscriptions.assign)', async () => {
    const list = (await t.as(admin).get(base())).json().products as Product[];
    expect(list.map((p) => p.remaining)).toEqual([0, 0]);
  });

  it('R-PERM-2: after the term ends nothing is purchased: the product stays listed with its people, new assignments are refused, removal still works', async () => {
    clock.set(new Date('2027-07-01T09:00:00Z'));
    manager = await signIn(t.app, 'subscriptions@contoso.example'); // the old session has long expired
    expect(await product(enterprise)).toMatchObject({ purchased: 0, assigned: 5, remaining: 0 });
    expect(refused(await assign({ ...ada, productId: enterprise, email: 'late@contoso.example' }))).toMatchObject({
      status: 409,
      code: 'SUBSCRIPTION_NOT_PURCHASED',
    });
    const [first] = (
      (await t.as(manager).get(`${base()}/assignments?productId=${enterprise}&limit=1`)).json() as unknown as {
        items: Assignment[];
      }
    ).items;
    expect((await t.as(manager).delete(`${base()}/assignments/${first?.id}`)).statusCode).toBe(204);
    expect(await product(enterprise)).toMatchObject({ purchased: 0, assigned: 4, remaining: 0 });
  });
});

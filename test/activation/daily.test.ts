import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { createCatalog, type KeyRow, keyOf, licensingIdOf, order } from '../keys/helpers.js';

/** Issue 15: the activations-per-day chart of a key, from the activations counted in SQL per UTC day. */
describe('activations per day of a key', () => {
  const clock = fixedClock(new Date());
  let t: TestApp;
  let admin: Session;
  let fabrikam: Session;
  let mak: KeyRow;
  const dayOf = (daysAgo: number) =>
    new Date(Date.UTC(clock.now().getUTCFullYear(), clock.now().getUTCMonth(), clock.now().getUTCDate() - daysAgo));
  const at = (daysAgo: number, hour: number) => new Date(dayOf(daysAgo).getTime() + hour * 3_600_000);
  const ymd = (d: Date) => d.toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { SIGN_IN_IP_LIMIT: '1000', ACTIVATION_IP_LIMIT: '100000', ACTIVATION_KEY_LIMIT: '100000' } });
    const operator = await signIn(t.app, 'operator@northwind.example');
    admin = await signIn(t.app, 'admin@contoso.example');
    fabrikam = await signIn(t.app, 'admin@fabrikam.example');
    await createCatalog(t.app, operator);
    const lid = await licensingIdOf(t.database.db, '67012345');
    await order(t.app, operator, { program: 'ENTERPRISE', number: '67012345' }, [
      { product: 'WIN11-ENT', licenseType: 'LSA', quantity: 800 },
    ]);
    await t.as(operator).post(`/operator/licensing-ids/${lid}/keys/issue`);
    mak = await keyOf(t.app, admin, lid, 'WIN11-ENT', 'MAK');
    // Six machines: three today, two two days ago (one at 00:00 and one at 23:59 UTC), one 40 days ago.
    const when = [at(0, 1), at(0, 2), at(0, 3), dayOf(2), new Date(dayOf(1).getTime() - 60_000), at(40, 12)];
    for (const [i, stamp] of when.entries()) {
      const res = await t.as(null).post('/activations', { productKey: mak.productKey, productCode: 'WIN11-ENT', fingerprint: `pc-${i}` });
      expect(res.statusCode).toBe(201);
      await t.database.db.execute(
        sql`update activation set activated_at = ${stamp.toISOString()}::timestamptz where id = ${res.json().activationId}`,
      );
    }
  });
  afterAll(() => t.close());

  it('counts the activations of each UTC day of the last 30 (the default), oldest first, quiet days as 0', async () => {
    const res = await t.as(admin).get(`/product-keys/${mak.id}/activations/daily`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.key).toEqual({ id: mak.id, type: 'MAK', lastFive: mak.lastFive });
    expect(body.days).toHaveLength(30);
    expect(body.days[0].day).toBe(ymd(dayOf(29)));
    expect(body.days[29]).toEqual({ day: ymd(dayOf(0)), count: 3 });
    expect(body.days[27]).toEqual({ day: ymd(dayOf(2)), count: 2 });
    expect(body.days[28]).toEqual({ day: ymd(dayOf(1)), count: 0 });
    // The one 40 days ago is outside the window.
    expect(body.days.reduce((n: number, d: { count: number }) => n + d.count, 0)).toBe(5);
  });

  it('looks further back when asked: days=60 includes the activation 40 days ago', async () => {
    const body = (await t.as(admin).get(`/product-keys/${mak.id}/activations/daily?days=60`)).json();
    expect(body.days).toHaveLength(60);
    expect(body.days.find((d: { day: string }) => d.day === ymd(dayOf(40)))?.count).toBe(1);
    expect(body.days.reduce((n: number, d: { count: number }) => n + d.count, 0)).toBe(6);
  });

  it("another organization's key answers 404, like a key that does not exist", async () => {
    const foreign = await t.as(fabrikam).get(`/product-keys/${mak.id}/activations/daily`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    expect((await t.as(admin).get('/product-keys/00000000-0000-4000-8000-000000000000/activations/daily')).statusCode).toBe(404);
  });

  it('bad input is refused with problem+json: days out of range, not a number, NUL; a key id that is not one', async () => {
    for (const q of ['days=0', 'days=367', 'days=-1', 'days=ten', 'days=1.5']) {
      const res = await t.as(admin).get(`/product-keys/${mak.id}/activations/daily?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const nul = await t.as(admin).get(`/product-keys/${mak.id}/activations/daily?days=3%00`);
    expect(nul.statusCode).toBe(400);
    expect(nul.json().code).toBe('INVALID_CHARACTERS');
    expect((await t.as(admin).get('/product-keys/not-a-key/activations/daily')).json().code).toBe('VALIDATION_FAILED');
    expect((await t.as(null).get(`/product-keys/${mak.id}/activations/daily`)).statusCode).toBe(401);
  });
});

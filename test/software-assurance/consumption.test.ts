import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

type Benefit = { benefit: string; eligibleQuantity: number | null; usedQuantity: number | null; quantityRemaining: number | null };

describe('Software Assurance consumption: remaining = eligible − used (R-SA-5)', () => {
  let t: TestApp;
  let admin: Session;
  let lid = '';
  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2026-03-01T09:00:00Z') });
    lid = (await t.database.db.execute<{ id: string }>(sql`select id from licensing_id where number = '67012345'`)).rows[0]?.id ?? '';
    admin = await signIn(t.app, 'admin@contoso.example');
  });
  afterAll(() => t.close());

  const use = (quantity: number, reference: string, status = 'ASSIGNED') =>
    t.database.db.execute(sql`
      insert into sa_benefit_use (licensing_id, benefit, kind, quantity, status, reference, holder_name, holder_email, holder_locale)
      values (${lid}, 'TRAINING_VOUCHERS', 'TRAINING_VOUCHER', ${quantity}, ${status}::sa_use_status, ${reference}, 'Ada', 'ada@contoso.example', 'en')`);
  const vouchers = async () => {
    const res = await t.as(admin).get(`/licensing-ids/${lid}/sa-benefits`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().benefits as Benefit[]).find((b) => b.benefit === 'TRAINING_VOUCHERS');
  };

  it('R-SA-5: the uses of a benefit not cancelled are what it has used; the benefit page and the SA Summary show both', async () => {
    expect(await vouchers()).toMatchObject({ eligibleQuantity: 160, usedQuantity: 0, quantityRemaining: 160 });
    await use(5, 'TEST-A');
    await use(3, 'TEST-B', 'REDEEMED');
    await use(40, 'TEST-C', 'CANCELLED');
    expect(await vouchers()).toMatchObject({ eligibleQuantity: 160, usedQuantity: 8, quantityRemaining: 152 });
    const summary = await t.as(admin).get('/sa-summary?benefit=TRAINING_VOUCHERS&q=67012345');
    expect(summary.json().items[0]).toMatchObject({ licensingNumber: '67012345', usedQuantity: 8, quantityRemaining: 152 });
    const other = (await t.as(admin).get(`/licensing-ids/${lid}/sa-benefits`)).json().benefits as Benefit[];
    // Another benefit of the same Licensing ID is untouched.
    expect(other.find((b) => b.benefit === 'E_LEARNING')).toMatchObject({ usedQuantity: 0 });
  });

  it('R-SA-5: a use takes at least one unit (the database refuses zero)', async () => {
    await expect(use(0, 'TEST-ZERO')).rejects.toThrow();
  });
});

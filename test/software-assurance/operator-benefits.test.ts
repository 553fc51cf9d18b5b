import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

/** The publisher's back office for benefits: finding a Licensing ID by number, and the reason given for HAR. */
describe('The publisher’s benefits of a Licensing ID (R-SA-1, R-SA-2)', () => {
  let t: TestApp;
  const clock = fixedClock('2026-03-01T09:00:00Z');
  const lid: Record<string, string> = {};
  let admin: Session;
  let operator: Session;
  beforeAll(async () => {
    t = await createTestApp({ clock });
    const rows = await t.database.db.execute<{ number: string; id: string }>(sql`select number, id from licensing_id`);
    for (const r of rows.rows) lid[r.number] = r.id;
    admin = await signIn(t.app, 'admin@contoso.example');
    operator = await signIn(t.app, 'operator@northwind.example');
  });
  afterAll(() => t.close());

  const q = async <T>(query: ReturnType<typeof sql>) => (await t.database.db.execute<T & Record<string, unknown>>(query)).rows;
  const states = () =>
    q<{
      s: string | null;
    }>(sql`select string_agg(licensing_id::text || benefit::text || on_hold::text, ',' order by licensing_id, benefit) as s
      from sa_benefit_state`);
  const counts = () =>
    q<{ audits: number; mails: number }>(
      sql`select (select count(*)::int from audit_log) as audits, (select count(*)::int from outbox) as mails`,
    );

  it('R-SA-1: the publisher finds any customer’s Licensing ID by its number or its beginning, with its organization', async () => {
    const exact = await t.as(operator).get('/operator/sa-benefits/licensing-ids?number=67012345');
    expect(exact.statusCode, exact.body).toBe(200);
    expect(exact.json().items).toEqual([
      expect.objectContaining({ id: lid['67012345'], number: '67012345', organization: 'Contoso Ltd', programCode: expect.any(String) }),
    ]);
    const prefix = (await t.as(operator).get('/operator/sa-benefits/licensing-ids?number=6701')).json().items as { number: string }[];
    expect(prefix.map((i) => i.number)).toContain('67012345');
    expect(prefix.every((i) => i.number.startsWith('6701'))).toBe(true);
    // A LIKE wildcard is a character to find, not a pattern: nothing matches it.
    expect((await t.as(operator).get('/operator/sa-benefits/licensing-ids?number=%25')).json().items).toEqual([]);
    expect((await t.as(operator).get('/operator/sa-benefits/licensing-ids?number=99999999')).json().items).toEqual([]);
  });

  it('R-SA-1 bad input: no number, or a customer asking, is refused', async () => {
    const empty = await t.as(operator).get('/operator/sa-benefits/licensing-ids?number=%20');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('VALIDATION_FAILED');
    expect((await t.as(admin).get('/operator/sa-benefits/licensing-ids?number=67012345')).statusCode).toBe(403);
  });

  it('R-SA-2: the reason for setting and lifting HAR is mailed to the managers and audited', async () => {
    const base = `/operator/licensing-ids/${lid['67012345']}/sa-benefits/E_LEARNING`;
    const before = (await q<{ n: number }>(sql`select coalesce(max(id), 0)::int as n from outbox`))[0]?.n ?? 0;
    const held = await t.as(operator).post(`${base}/hold`, { reason: '  Invoice 4711 is overdue  ' });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json().status).toBe('HAR');
    // The publisher sees when and why the benefit was held; the customer's own view has no such list.
    const seen = (await t.as(operator).get(`/operator/licensing-ids/${lid['67012345']}/sa-benefits`)).json();
    expect(seen.holds).toEqual([{ benefit: 'E_LEARNING', since: '2026-03-01T09:00:00Z', reason: 'Invoice 4711 is overdue' }]);
    expect(seen.benefits.find((b: { benefit: string }) => b.benefit === 'E_LEARNING').status).toBe('HAR');
    expect((await t.as(admin).get(`/licensing-ids/${lid['67012345']}/sa-benefits`)).json().holds).toBeUndefined();
    const released = await t.as(operator).post(`${base}/release`, { reason: 'Invoice 4711 was paid' });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().status).toBe('REQUIRES_ACTIVATION');
    expect((await t.as(operator).get(`/operator/licensing-ids/${lid['67012345']}/sa-benefits`)).json().holds).toEqual([]);
    const mails = await q<{ template: string; text: string }>(
      sql`select template, text from outbox where id > ${before} and to_address = 'admin@contoso.example' order by id`,
    );
    expect(mails.map((m) => m.template)).toEqual(['benefitHeld', 'benefitReleased']);
    expect(mails[0]?.text).toContain('The publisher’s reason: Invoice 4711 is overdue');
    expect(mails[1]?.text).toContain('The publisher’s reason: Invoice 4711 was paid');
    const audits = await q<{ action: string; reason: string }>(
      sql`select action, after->>'reason' as reason from audit_log where action in ('sa.benefit.hold', 'sa.benefit.release') order by id`,
    );
    expect(audits).toEqual([
      { action: 'sa.benefit.hold', reason: 'Invoice 4711 is overdue' },
      { action: 'sa.benefit.release', reason: 'Invoice 4711 was paid' },
    ]);
  });

  it('R-SA-2 bad input: HAR without a reason, with a blank one or one with a NUL is refused; nothing changes, no mail, no audit', async () => {
    const url = `/operator/licensing-ids/${lid['67012345']}/sa-benefits/TRAINING_VOUCHERS/hold`;
    const [s0, c0] = [await states(), await counts()];
    for (const body of [{}, { reason: '   ' }, { reason: `overdue${String.fromCharCode(0)}` }, { reason: 'x'.repeat(501) }]) {
      const res = await t.as(operator).post(url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(['VALIDATION_FAILED', 'INVALID_CHARACTERS']).toContain(res.json().code);
    }
    expect(await states()).toEqual(s0);
    expect(await counts()).toEqual(c0);
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/platform/auth/secrets.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

type Provider = { id: string; number: string; name: string; credentialIssuedAt: string | null };
type Voucher = { id: string; voucherNumber: string; status: string; redeemedAt: string | null; redeemedBy: string | null };

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('Training providers redeem training vouchers with their own credential (R-SA-5)', () => {
  let t: TestApp;
  let admin: Session;
  let operator: Session;
  let lid = '';
  let expiredLid = '';
  let provider: Provider;
  let token = '';
  const ada = { employeeName: 'Ada Lind', employeeEmail: 'ada.lind@contoso.example', locale: 'sv', days: 3 };
  const learnwell = { name: 'Learnwell Training AB', number: 'TP-1001', contactEmail: 'api@learnwell.example', contactLocale: 'sv' };

  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2026-03-01T09:00:00Z') });
    const db = t.database.db;
    lid = (await db.execute<{ id: string }>(sql`select id from licensing_id where number = '67012345'`)).rows[0]?.id ?? '';
    expiredLid =
      (
        await db.execute<{ id: string }>(
          sql`select l.id from licensing_id l join organization o on o.id = l.organization_id where o.name = 'Contoso Ltd' and l.status <> 'ACTIVE' limit 1`,
        )
      ).rows[0]?.id ?? '';
    admin = await signIn(t.app, 'admin@contoso.example');
    operator = await signIn(t.app, 'operator@northwind.example');
    expect((await t.as(admin).post(`/licensing-ids/${lid}/sa-benefits/TRAINING_VOUCHERS/activate`)).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const one = async <T>(query: ReturnType<typeof sql>) => (await t.database.db.execute<T & Record<string, unknown>>(query)).rows[0] as T;
  const assign = async (over: Partial<typeof ada> = {}) => {
    const res = await t.as(admin).post(`/licensing-ids/${lid}/training-vouchers`, { ...ada, ...over });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Voucher;
  };
  const redeem = (number: string, as = token) => t.as(bearer(as)).post(`/training-provider/vouchers/${number}/redeem`);
  /** What a refused redemption must leave as it was. */
  const footprint = async () =>
    one<{ uses: string; mails: number; audits: number }>(sql`select
      (select string_agg(id::text || status::text || coalesce(redeemed_by::text, ''), ',' order by id) from sa_benefit_use) as uses,
      (select count(*)::int from outbox) as mails,
      (select count(*)::int from audit_log) as audits`);

  it('R-SA-5: the publisher registers a provider under a unique number; a second one under it is refused, nothing written', async () => {
    const res = await t.as(operator).post('/operator/training-providers', learnwell);
    expect(res.statusCode, res.body).toBe(201);
    provider = res.json() as Provider;
    expect(provider).toMatchObject({ number: 'TP-1001', name: 'Learnwell Training AB', credentialIssuedAt: null });
    const before = await footprint();
    const taken = await t.as(operator).post('/operator/training-providers', { ...learnwell, name: 'Other' });
    expect(taken.statusCode).toBe(409);
    expect(taken.headers['content-type']).toContain('application/problem+json');
    expect(taken.json().code).toBe('TRAINING_PROVIDER_NUMBER_TAKEN');
    expect(
      (await t.as(operator).post('/operator/training-providers', { ...learnwell, number: 'TP-2', contactEmail: 'nope' })).statusCode,
    ).toBe(400);
    const nul = await t.as(operator).post('/operator/training-providers', { ...learnwell, number: 'TP-3', name: 'Bad\u0000Name' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().code).toBe('INVALID_CHARACTERS');
    // Only the publisher keeps the register.
    expect((await t.as(admin).post('/operator/training-providers', { ...learnwell, number: 'TP-4' })).statusCode).toBe(403);
    expect(await footprint()).toEqual(before);
    const audited = await one<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'training-provider.register'`);
    expect(audited.n).toBe(1);
  });

  it('R-SA-5: a credential is issued once (only its hash kept), mailed about and audited; rotating it ends the old one', async () => {
    const res = await t.as(operator).post(`/operator/training-providers/${provider.id}/credential`);
    expect(res.statusCode, res.body).toBe(201);
    const first = res.json().token as string;
    expect(first).toMatch(/^tpc_[A-Za-z0-9_-]{40,}$/);
    expect(res.json().provider.credentialIssuedAt).toBe('2026-03-01T09:00:00.000Z');
    const stored = await one<{ token_hash: string }>(
      sql`select token_hash from training_provider_credential where provider_id = ${provider.id}`,
    );
    expect(stored.token_hash).toBe(sha256(first));
    const leaked = await one<{ n: number }>(sql`select count(*)::int as n from outbox where text like ${`%${first}%`}`);
    expect(leaked.n).toBe(0);
    const mail = await one<{ locale: string; subject: string }>(
      sql`select locale, subject from outbox where to_address = 'api@learnwell.example' and template = 'credentialIssued'`,
    );
    expect(mail).toEqual({ locale: 'sv', subject: 'Nya API-uppgifter för Learnwell Training AB' });
    expect((await t.as(bearer(first)).get('/training-provider/vouchers/TV-NONE-NONE-NONE')).json().code).toBe('SA_VOUCHER_UNKNOWN');

    const rotated = await t.as(operator).post(`/operator/training-providers/${provider.id}/credential`);
    expect(rotated.statusCode).toBe(201);
    token = rotated.json().token as string;
    expect(token).not.toBe(first);
    const old = await t.as(bearer(first)).get('/training-provider/vouchers/TV-NONE-NONE-NONE');
    expect(old.statusCode).toBe(401);
    expect(old.json().code).toBe('UNAUTHENTICATED');
    expect((await t.as(bearer(token)).get('/training-provider/vouchers/TV-NONE-NONE-NONE')).statusCode).toBe(404);
    const issued = await one<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'training-provider.credential.issue'`,
    );
    expect(issued.n).toBe(2);
    const listed = (await t.as(operator).get('/operator/training-providers')).json().items as Provider[];
    expect(listed.map((p) => [p.number, p.credentialIssuedAt !== null])).toEqual([['TP-1001', true]]);
  });

  it('R-SA-5: a provider looks up a voucher by its number and redeems it whole; the customer sees it redeemed; mailed and audited', async () => {
    const v = await assign();
    const usedBefore = await one<{ used: number }>(
      sql`select coalesce(sum(quantity), 0)::int as used from sa_benefit_use where licensing_id = ${lid} and status <> 'CANCELLED'`,
    );
    const look = await t.as(bearer(token)).get(`/training-provider/vouchers/${v.voucherNumber.toLowerCase()}`);
    expect(look.statusCode, look.body).toBe(200);
    expect(look.json()).toMatchObject({
      voucherNumber: v.voucherNumber,
      days: 3,
      status: 'ASSIGNED',
      employeeName: 'Ada Lind',
      organization: 'Contoso Ltd',
      redeemable: true,
      refusal: null,
    });

    const res = await redeem(v.voucherNumber);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'REDEEMED',
      redeemedAt: '2026-03-01T09:00:00.000Z',
      redeemedByYou: true,
      redeemable: false,
    });
    // Its days stay used: the voucher is spent, not returned.
    const usedAfter = await one<{ used: number }>(
      sql`select coalesce(sum(quantity), 0)::int as used from sa_benefit_use where licensing_id = ${lid} and status <> 'CANCELLED'`,
    );
    expect(usedAfter.used).toBe(usedBefore.used);

    const listed = ((await t.as(admin).get(`/licensing-ids/${lid}/training-vouchers`)).json().vouchers as Voucher[]).find(
      (x) => x.id === v.id,
    );
    expect(listed).toMatchObject({ status: 'REDEEMED', redeemedBy: 'Learnwell Training AB', redeemedAt: '2026-03-01T09:00:00.000Z' });

    const employee = await one<{ locale: string; subject: string }>(
      sql`select locale, subject from outbox where to_address = 'ada.lind@contoso.example' and template = 'voucherRedeemed'`,
    );
    expect(employee).toEqual({ locale: 'sv', subject: 'Din utbildningsvoucher har lösts in hos Learnwell Training AB' });
    const managers = await t.database.db.execute<{ to_address: string }>(
      sql`select to_address from outbox where template = 'voucherRedeemedManagers' order by to_address`,
    );
    expect(managers.rows.map((r) => r.to_address)).toContain('admin@contoso.example');
    const entry = await one<{ actor_user_id: string; after: { providerNumber: string } }>(
      sql`select actor_user_id, after from audit_log where action = 'sa.voucher.redeem' and ${lid} = any(licensing_ids)`,
    );
    expect(entry).toMatchObject({ actor_user_id: provider.id, after: { providerNumber: 'TP-1001' } });

    // A redeemed voucher cannot be cancelled by the customer, nor redeemed again.
    const before = await footprint();
    const cancel = await t.as(admin).post(`/licensing-ids/${lid}/training-vouchers/${v.id}/cancel`);
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json().code).toBe('SA_VOUCHER_REDEEMED');
    const again = await redeem(v.voucherNumber);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SA_VOUCHER_REDEEMED');
    expect(await footprint()).toEqual(before);
  });

  it('R-SA-5 bad input: unknown, cancelled, expired-benefit and on-hold vouchers are refused with their codes; nothing changes', async () => {
    const cancelled = await assign({ employeeEmail: 'bo@contoso.example' });
    expect((await t.as(admin).post(`/licensing-ids/${lid}/training-vouchers/${cancelled.id}/cancel`)).statusCode).toBe(200);
    const held = await assign({ employeeEmail: 'cy@contoso.example' });
    await t.database.db.execute(sql`
      insert into sa_benefit_use (licensing_id, benefit, kind, quantity, reference, holder_name, holder_email, holder_locale)
      values (${expiredLid}, 'TRAINING_VOUCHERS', 'TRAINING_VOUCHER', 2, 'TV-OLDD-OLDD-OLDD', 'Ada Lind', 'ada.lind@contoso.example', 'en')`);

    const before = await footprint();
    const unknown = await redeem('TV-2222-3333-4444');
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'SA_VOUCHER_UNKNOWN']);
    const gone = await redeem(cancelled.voucherNumber);
    expect([gone.statusCode, gone.json().code]).toEqual([409, 'SA_VOUCHER_CANCELLED']);
    const expired = await redeem('TV-OLDD-OLDD-OLDD');
    expect([expired.statusCode, expired.json().code]).toEqual([409, 'SA_BENEFIT_EXPIRED']);
    expect((await t.as(bearer(token)).get('/training-provider/vouchers/TV-OLDD-OLDD-OLDD')).json()).toMatchObject({
      redeemable: false,
      refusal: 'SA_BENEFIT_EXPIRED',
    });
    expect(await footprint()).toEqual(before);

    expect(
      (await t.as(operator).post(`/operator/licensing-ids/${lid}/sa-benefits/TRAINING_VOUCHERS/hold`, { reason: 'Payment overdue' }))
        .statusCode,
    ).toBe(200);
    const beforeHold = await footprint();
    const onHold = await redeem(held.voucherNumber);
    expect([onHold.statusCode, onHold.json().code]).toEqual([409, 'SA_BENEFIT_ON_HOLD']);
    expect(await footprint()).toEqual(beforeHold);
    expect(
      (await t.as(operator).post(`/operator/licensing-ids/${lid}/sa-benefits/TRAINING_VOUCHERS/release`, { reason: 'Payment received' }))
        .statusCode,
    ).toBe(200);
    expect((await redeem(held.voucherNumber)).statusCode).toBe(200);
  });

  it('R-SA-5: two providers redeeming the same voucher at once: exactly one succeeds, the other SA_VOUCHER_REDEEMED', async () => {
    const other = (
      await t.as(operator).post('/operator/training-providers', { ...learnwell, name: 'Second Provider', number: 'TP-1002' })
    ).json().id as string;
    const otherToken = (await t.as(operator).post(`/operator/training-providers/${other}/credential`)).json().token as string;
    for (let round = 0; round < 5; round++) {
      const v = await assign({ employeeEmail: `race${round}@contoso.example`, days: 1 });
      const results = await Promise.all([redeem(v.voucherNumber), redeem(v.voucherNumber, otherToken), redeem(v.voucherNumber)]);
      const codes = results.map((r) => (r.statusCode === 200 ? 'OK' : r.json().code)).sort();
      expect(codes).toEqual(['OK', 'SA_VOUCHER_REDEEMED', 'SA_VOUCHER_REDEEMED']);
      const mails = await one<{ n: number }>(
        sql`select count(*)::int as n from outbox where template = 'voucherRedeemed' and to_address = ${`race${round}@contoso.example`}`,
      );
      expect(mails.n).toBe(1);
    }
  });

  it('R-SA-5: a revoked credential is refused 401; the contact is mailed; revoking none is refused', async () => {
    const v = await assign({ employeeEmail: 'dee@contoso.example' });
    const res = await t.as(operator).delete(`/operator/training-providers/${provider.id}/credential`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().credentialIssuedAt).toBeNull();
    const before = await footprint();
    const refused = await redeem(v.voucherNumber);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await t.as(bearer(token)).get(`/training-provider/vouchers/${v.voucherNumber}`)).statusCode).toBe(401);
    expect(await footprint()).toEqual(before);
    const mail = await one<{ subject: string }>(
      sql`select subject from outbox where to_address = 'api@learnwell.example' and template = 'credentialRevoked'`,
    );
    expect(mail.subject).toBe('API-uppgifterna för Learnwell Training AB har återkallats');
    const none = await t.as(operator).delete(`/operator/training-providers/${provider.id}/credential`);
    expect([none.statusCode, none.json().code]).toEqual([409, 'TRAINING_PROVIDER_NO_CREDENTIAL']);
    const revoked = await one<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'training-provider.credential.revoke'`,
    );
    expect(revoked.n).toBe(1);
    expect((await t.as(operator).post('/operator/training-providers/00000000-0000-4000-8000-000000000000/credential')).statusCode).toBe(
      404,
    );
  });

  it('R-SA-5: a provider credential reaches nothing but the provider routes; users and anonymous callers never reach those', async () => {
    const issued = (await t.as(operator).post(`/operator/training-providers/${provider.id}/credential`)).json().token as string;
    const asProvider = t.as(bearer(issued));
    for (const res of [
      await asProvider.get('/me'),
      await asProvider.get('/api/openapi.json'),
      await asProvider.get('/operator/training-providers'),
      await asProvider.get(`/licensing-ids/${lid}/training-vouchers`),
      await asProvider.post('/e-learning/redeem', { accessCode: 'EL-AAAA-AAAA-AAAA' }),
      await asProvider.get('/scim/v2/Users'),
    ]) {
      expect(res.statusCode, res.body).toBe(403);
    }
    const v = await assign({ employeeEmail: 'eve@contoso.example' });
    expect((await t.as(admin).get(`/training-provider/vouchers/${v.voucherNumber}`)).statusCode).toBe(403);
    expect((await t.as(operator).post(`/training-provider/vouchers/${v.voucherNumber}/redeem`)).statusCode).toBe(403);
    expect((await t.as(null).post(`/training-provider/vouchers/${v.voucherNumber}/redeem`)).statusCode).toBe(401);
    expect((await asProvider.post(`/training-provider/vouchers/${v.voucherNumber}/redeem`)).statusCode).toBe(200);
  });
});

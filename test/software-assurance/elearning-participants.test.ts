import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

type Page = { items: { id: string; email: string; joinedAt: string }[]; nextCursor: string | null; mayRemove: boolean };

describe('e-Learning participants list (R-SA-4, R-PERM-8)', () => {
  let t: TestApp;
  let admin: Session;
  let viewer: Session;
  let lid = '';
  let code = '';
  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2026-03-01T09:00:00Z') });
    lid = (await t.database.db.execute<{ id: string }>(sql`select id from licensing_id where number = '67012345'`)).rows[0]?.id ?? '';
    admin = await signIn(t.app, 'admin@contoso.example');
    viewer = await signIn(t.app, 'viewer@contoso.example');
    expect((await t.as(admin).post(`/licensing-ids/${lid}/sa-benefits/E_LEARNING/activate`)).statusCode).toBe(200);
    const setup = await t.as(admin).post(`${base()}/domains`, { domain: 'contoso.example' });
    code = setup.json().accessCode;
    await t.as(admin).post(`${base()}/domains`, { domain: 'fabrikam.example' });
  });
  afterAll(() => t.close());

  const base = () => `/licensing-ids/${lid}/e-learning`;
  const page = async (who: Session, query = '') => {
    const res = await t.as(who).get(`${base()}/participants${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };
  /** Participants joined at chosen times, as redemption records them (one use each). */
  const joined = (email: string, at: string) =>
    t.database.db.execute(sql`
      insert into sa_benefit_use (licensing_id, benefit, kind, quantity, reference, holder_name, holder_email, holder_locale, created_at)
      values (${lid}, 'E_LEARNING', 'E_LEARNING_PARTICIPANT', 1, ${`EL-P:${lid}:${email}`}, ${email}, ${email}, 'en', ${at}::timestamptz)`);

  it('R-SA-4: no participant yet: an empty list', async () => {
    expect(await page(admin)).toEqual({ items: [], nextCursor: null, mayRemove: true });
  });

  it('R-SA-4: a redemption shows its employee in the list, with when they joined', async () => {
    expect((await t.as(viewer).post('/e-learning/redeem', { accessCode: code })).statusCode).toBe(200);
    const list = await page(admin);
    expect(list.items).toEqual([{ id: expect.any(String), email: 'viewer@contoso.example', joinedAt: '2026-03-01T09:00:00.000Z' }]);
    // The list and the count in the set-up agree.
    expect((await t.as(admin).get(base())).json().participants).toBe(1);
  });

  it('R-SA-4: newest first, a page at a time; the pages neither repeat nor skip, even with equal join times', async () => {
    for (let i = 1; i <= 5; i++) await joined(`p${i}@contoso.example`, `2026-02-0${i}T10:00:00.123456Z`);
    // Two at the very same microsecond: the id orders them.
    await joined('same1@fabrikam.example', '2026-02-03T10:00:00.123456Z');
    await joined('same2@fabrikam.example', '2026-02-03T10:00:00.123456Z');
    const all = await page(admin, '?limit=200');
    expect(all.items.map((p) => p.email).slice(0, 3)).toEqual(['viewer@contoso.example', 'p5@contoso.example', 'p4@contoso.example']);
    expect(all.items).toHaveLength(8);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p: Page = await page(admin, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...p.items.map((i) => i.id));
      cursor = p.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.items.map((i) => i.id));
    const times = all.items.map((i) => i.joinedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('R-SA-4: filtered by domain, exactly (forgiving case and a leading @)', async () => {
    const f = await page(admin, '?domain=%40Fabrikam.Example');
    expect(f.items.map((p) => p.email).sort()).toEqual(['same1@fabrikam.example', 'same2@fabrikam.example']);
    expect((await page(admin, '?domain=northwind.example')).items).toEqual([]);
    expect((await page(admin, '?domain=sub.contoso.example')).items).toEqual([]);
  });

  it('R-SA-4 bad input: a forged cursor, a malformed domain, a NUL byte: refused with their codes', async () => {
    const forged = await t.as(admin).get(`${base()}/participants?cursor=bm90LWEtY3Vyc29y`);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('INVALID_CURSOR');
    const bad = await t.as(admin).get(`${base()}/participants?domain=not%20a%20domain`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('ELEARNING_DOMAIN_INVALID');
    const nul = await t.as(admin).get(`${base()}/participants?domain=contoso%00.example`);
    expect(nul.statusCode).toBe(400);
    expect(String(nul.headers['content-type'])).toContain('application/problem+json');
  });

  it('R-SA-4, R-PERM-8: a Licensing Info Viewer and an SA Manager with e-Learning read the list; one narrowed to other benefits is refused', async () => {
    expect((await page(viewer)).items.length).toBeGreaterThan(0);
    const wide = await t.given.user('el.manager@contoso.example', {
      password: DEMO_PASSWORD,
      grants: [{ on: '67012345', roles: ['SA_MANAGER'] }],
    });
    await t.database.db.execute(sql`update role_grant set sub_roles = '{E_LEARNING}' where user_id = ${wide.id}`);
    expect((await page(await signIn(t.app, 'el.manager@contoso.example'))).items.length).toBeGreaterThan(0);
    const narrow = await t.given.user('tv.manager@contoso.example', {
      password: DEMO_PASSWORD,
      grants: [{ on: '67012345', roles: ['SA_MANAGER'] }],
    });
    await t.database.db.execute(sql`update role_grant set sub_roles = '{TRAINING_VOUCHERS}' where user_id = ${narrow.id}`);
    const res = await t.as(await signIn(t.app, 'tv.manager@contoso.example')).get(`${base()}/participants`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('SA_BENEFIT_GROUP_NOT_HELD');
  });

  const remaining = async () =>
    ((await t.as(admin).get(`/licensing-ids/${lid}/sa-benefits`)).json().benefits as { benefit: string; quantityRemaining: number }[]).find(
      (b) => b.benefit === 'E_LEARNING',
    )?.quantityRemaining ?? -1;
  const footprint = async () =>
    (
      await t.database.db.execute<{ uses: number; audits: number; mails: number }>(sql`select
      (select count(*)::int from sa_benefit_use) as uses,
      (select count(*)::int from audit_log where action = 'sa.elearning.participant.remove') as audits,
      (select count(*)::int from outbox where template = 'elearningParticipantRemoved') as mails`)
    ).rows[0];

  it('R-SA-4: the list tells whether I may remove participants: the Administrator may, a Licensing Info Viewer not', async () => {
    expect((await page(admin)).mayRemove).toBe(true);
    expect((await page(viewer)).mayRemove).toBe(false);
  });

  it('R-SA-4: removing a participant frees their unit, is audited, mails them in their language; they may join again', async () => {
    await t.database.db.execute(sql`update sa_benefit_use set holder_locale = 'sv' where holder_email = 'viewer@contoso.example'`);
    const [p] = (await page(admin)).items;
    expect(p?.email).toBe('viewer@contoso.example');
    const left = await remaining();
    const res = await t.as(admin).delete(`${base()}/participants/${p?.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().participants).toBe(7);
    expect(await remaining()).toBe(left + 1);
    expect((await page(admin)).items.map((i) => i.email)).not.toContain('viewer@contoso.example');
    const entry = (
      await t.database.db.execute<{ before: Record<string, unknown> }>(
        sql`select before from audit_log where action = 'sa.elearning.participant.remove' and ${lid} = any(licensing_ids)`,
      )
    ).rows;
    expect(entry).toEqual([{ before: { benefit: 'E_LEARNING', participantId: p?.id, participant: 'viewer@contoso.example' } }]);
    const mail = (
      await t.database.db.execute<{ locale: string; subject: string }>(
        sql`select locale, subject from outbox where to_address = 'viewer@contoso.example' and template = 'elearningParticipantRemoved'`,
      )
    ).rows;
    expect(mail).toEqual([{ locale: 'sv', subject: 'Din plats i e-learning hos Contoso Ltd har tagits bort' }]);
    const again = await t.as(viewer).post('/e-learning/redeem', { accessCode: code });
    expect(again.json()).toMatchObject({ alreadyRedeemed: false });
    expect(await remaining()).toBe(left);
  });

  it('R-SA-4, R-PERM-8 bad input: a viewer, a narrowed SA Manager, an unknown participant, a malformed id: refused; nothing changes', async () => {
    const [p] = (await page(admin)).items;
    const before = await footprint();
    const viewerRes = await t.as(viewer).delete(`${base()}/participants/${p?.id}`);
    expect(viewerRes.statusCode).toBe(403);
    const narrow = await signIn(t.app, 'tv.manager@contoso.example');
    const narrowRes = await t.as(narrow).delete(`${base()}/participants/${p?.id}`);
    expect(narrowRes.statusCode).toBe(403);
    expect(narrowRes.json().code).toBe('SA_BENEFIT_GROUP_NOT_HELD');
    const unknown = await t.as(admin).delete(`${base()}/participants/00000000-0000-4000-8000-000000000000`);
    expect(unknown.statusCode).toBe(404);
    const malformed = await t.as(admin).delete(`${base()}/participants/not-an-id`);
    expect(malformed.statusCode).toBe(400);
    expect(String(malformed.headers['content-type'])).toContain('application/problem+json');
    expect(await footprint()).toEqual(before);
  });

  it('R-SA-4 bad input: on hold (HAR) no participant is removed; nothing changes', async () => {
    const operator = await signIn(t.app, 'operator@northwind.example');
    expect(
      (await t.as(operator).post(`/operator/licensing-ids/${lid}/sa-benefits/E_LEARNING/hold`, { reason: 'Payment overdue' })).statusCode,
    ).toBe(200);
    const [p] = (await page(admin)).items;
    const before = await footprint();
    const res = await t.as(admin).delete(`${base()}/participants/${p?.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('SA_BENEFIT_ON_HOLD');
    expect(await footprint()).toEqual(before);
    expect(
      (await t.as(operator).post(`/operator/licensing-ids/${lid}/sa-benefits/E_LEARNING/release`, { reason: 'Payment received' }))
        .statusCode,
    ).toBe(200);
  });

  it('R-SA-4: another organization’s Licensing ID answers 404', async () => {
    const outsider = await signIn(t.app, 'operator@northwind.example');
    expect((await t.as(outsider).get(`${base()}/participants`)).statusCode).toBe(404);
  });
});

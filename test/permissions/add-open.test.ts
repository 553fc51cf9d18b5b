import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

const START = '2026-03-02T08:00:00.000Z';
const HOUR = 3_600_000;
const PAIR = { licenseNumber: 'V1234567', authorizationNumber: 'AUTH-7788', acknowledge: true };

describe('Add Open License', () => {
  const clock = fixedClock(START);
  let t: TestApp;
  let openId: string;
  let enrollmentId: string;
  const rows = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => (await t.database.db.execute(q)).rows as T[];
  const count = async (q: ReturnType<typeof sql>) => Number((await rows<{ n: string }>(q))[0]?.n ?? 0);
  const grantsOf = (email: string, licensing: string) =>
    rows<{ role: string; source: string; active: boolean }>(sql`
      select g.role::text as role, g.source::text as source, g.active from role_grant g join "user" u on u.id = g.user_id
      where u.email = ${email} and g.licensing_id = ${licensing} order by g.role::text`);
  /** A signed-in work account of its own organization's domain, with the names given (possibly empty). */
  async function newUser(email: string, firstName = 'Pat', lastName = 'Jones'): Promise<Session> {
    return (await t.given.signedIn(email, { organization: 'Fabrikam Inc', firstName, lastName, password: 'user-password-1' })).session;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { SIGN_IN_IP_LIMIT: '10000' } });
    openId = (await rows<{ id: string }>(sql`select id from licensing_id where number = 'V1234567'`))[0]?.id ?? '';
    enrollmentId = (await rows<{ id: string }>(sql`select id from licensing_id where number = '67012345'`))[0]?.id ?? '';
  });
  afterAll(() => t.close());

  it('R-PERM-10: a valid pair grants exactly the limited set (never Administrator), active at once, mails the user and every Administrator of record, and is audited', async () => {
    const s = await newUser('pat.jones@fabrikam.example');
    const res = await t.as(s).post('/open-licenses', { ...PAIR, licenseNumber: ' v1234567 ', authorizationNumber: 'auth-7788' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'GRANTED', licensingId: openId, number: 'V1234567', name: 'Contoso Open License' });
    expect([...res.json().roles].sort()).toEqual(['DOWNLOAD', 'LICENSING_INFO_VIEWER', 'PRODUCT_KEYS', 'SUBSCRIPTIONS_MANAGER']);
    expect(await grantsOf('pat.jones@fabrikam.example', openId)).toEqual(
      ['DOWNLOAD', 'LICENSING_INFO_VIEWER', 'PRODUCT_KEYS', 'SUBSCRIPTIONS_MANAGER'].map((role) => ({
        role,
        source: 'ADD_OPEN',
        active: true,
      })),
    );
    // Active at once: the license is now visible to the user, another organization's though it is.
    const detail = await t.as(s).get(`/licensing-ids/${openId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().roles).not.toContain('ADMINISTRATOR');
    const manage = await t.as(s).get(`/licensing-ids/${openId}/resellers`);
    expect(manage.statusCode).toBe(403);

    const mails = await rows<{ to_address: string; template: string; subject: string; text: string }>(
      sql`select to_address, template, subject, text from outbox where template in ('addOpenGranted', 'addOpenAdminNotice') order by id`,
    );
    expect(mails.map((m) => [m.to_address, m.template])).toEqual([
      ['pat.jones@fabrikam.example', 'addOpenGranted'],
      ['admin@contoso.example', 'addOpenAdminNotice'],
    ]);
    const notice = mails[1];
    expect(notice?.text).toContain('Pat Jones');
    expect(notice?.text).toContain('pat.jones@fabrikam.example');
    expect(notice?.text).toContain('V1234567');
    expect(notice?.text).toContain(`http://lsc.test/administration/users?licensingId=${openId}`);
    expect(mails[0]?.text).toContain('Contoso Open License (V1234567)');

    const [entry] = await rows<{ organization_id: string; after: { granted: string[]; email: string } }>(
      sql`select organization_id, after from audit_log where action = 'add_open.grant'`,
    );
    expect(entry?.after.email).toBe('pat.jones@fabrikam.example');
    expect(entry?.after.granted).toHaveLength(4);
    // Recorded where the license's owner looks.
    expect(entry?.organization_id).toBe(
      (await rows<{ id: string }>(sql`select organization_id as id from licensing_id where id = ${openId}`))[0]?.id,
    );
  });

  it('R-PERM-10: repeating it for a license already held is idempotent — no duplicate grants, no mail, a clear answer', async () => {
    const s = await signIn(t.app, 'pat.jones@fabrikam.example', 'user-password-1');
    const mailsBefore = await count(sql`select count(*) as n from outbox`);
    const res = await t.as(s).post('/open-licenses', PAIR);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ALREADY_GRANTED', licensingId: openId });
    expect(await grantsOf('pat.jones@fabrikam.example', openId)).toHaveLength(4);
    expect(await count(sql`select count(*) as n from outbox`)).toBe(mailsBefore);
    expect(await count(sql`select count(*) as n from audit_log where action = 'add_open.grant'`)).toBe(1);
    // An Administrator of the license already holds everything the set gives.
    const admin = await signIn(t.app, 'admin@contoso.example');
    const again = await t.as(admin).post('/open-licenses', PAIR);
    expect(again.json()).toMatchObject({ status: 'ALREADY_GRANTED', roles: ['ADMINISTRATOR'] });
  });

  it('R-PERM-10: a grant the user lost is reactivated (under Add Open) instead of duplicated', async () => {
    await t.database.db.execute(sql`update role_grant set active = false where licensing_id = ${openId} and role = 'DOWNLOAD'
      and user_id = (select id from "user" where email = 'pat.jones@fabrikam.example')`);
    const s = await signIn(t.app, 'pat.jones@fabrikam.example', 'user-password-1');
    const res = await t.as(s).post('/open-licenses', PAIR);
    expect(res.statusCode).toBe(201);
    expect(await grantsOf('pat.jones@fabrikam.example', openId)).toHaveLength(4);
    expect((await grantsOf('pat.jones@fabrikam.example', openId)).every((g) => g.active)).toBe(true);
  });

  it('R-PERM-10: an incomplete profile is refused with PROFILE_INCOMPLETE unless the names come with the request, which saves them', async () => {
    const s = await newUser('no.name@fabrikam.example', '', '');
    const refused = await t.as(s).post('/open-licenses', PAIR);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'PROFILE_INCOMPLETE' });
    const half = await t.as(s).post('/open-licenses', { ...PAIR, firstName: 'Noa' });
    expect(half.json()).toMatchObject({ code: 'PROFILE_INCOMPLETE' });
    expect(await grantsOf('no.name@fabrikam.example', openId)).toEqual([]);
    // Profile refusals are not invalid pairs.
    expect(await count(sql`select count(*) as n from add_open_failure`)).toBe(0);

    const ok = await t.as(s).post('/open-licenses', { ...PAIR, firstName: 'Noa', lastName: 'Namnlös' });
    expect(ok.statusCode).toBe(201);
    const [u] = await rows<{ first_name: string; last_name: string }>(
      sql`select first_name, last_name from "user" where email = 'no.name@fabrikam.example'`,
    );
    expect(u).toEqual({ first_name: 'Noa', last_name: 'Namnlös' });
    const me = await t.as(s).get('/me');
    expect(me.json()).toMatchObject({ firstName: 'Noa', lastName: 'Namnlös' });
    const [notice] = await rows<{ text: string }>(
      sql`select text from outbox where template = 'addOpenAdminNotice' and text like '%no.name@fabrikam.example%'`,
    );
    expect(notice?.text).toContain('Noa Namnlös');
  });

  it('R-PERM-10: bad input is refused with VALIDATION_FAILED and writes nothing (no acknowledgement, missing or oversized numbers)', async () => {
    const s = await newUser('careless@fabrikam.example');
    const before = await count(
      sql`select (select count(*) from audit_log) + (select count(*) from outbox) + (select count(*) from role_grant) as n`,
    );
    for (const payload of [
      { ...PAIR, acknowledge: false },
      { licenseNumber: PAIR.licenseNumber, authorizationNumber: PAIR.authorizationNumber },
      { ...PAIR, authorizationNumber: '   ' },
      { ...PAIR, licenseNumber: 'V'.repeat(41) },
      { ...PAIR, firstName: 'x'.repeat(101) },
    ]) {
      const res = await t.as(s).post('/open-licenses', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const after = await count(
      sql`select (select count(*) from audit_log) + (select count(*) from outbox) + (select count(*) from role_grant) as n`,
    );
    expect(after).toBe(before);
    const anonymous = await t.as(null).post('/open-licenses', PAIR);
    expect(anonymous.statusCode).toBe(401);
  });

  it('R-PERM-10: a pair of another program (an enrollment number) or a wrong authorization number is INVALID_LICENSE_PAIR and recorded', async () => {
    const s = await newUser('guesser@fabrikam.example');
    for (const payload of [
      { ...PAIR, authorizationNumber: 'AUTH-0000' },
      { ...PAIR, licenseNumber: '67012345' },
    ]) {
      const res = await t.as(s).post('/open-licenses', payload);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INVALID_LICENSE_PAIR' });
    }
    expect((await t.as(s).post('/open-licenses', { ...PAIR, authorizationNumber: 'nope' })).json().attemptsLeft).toBe(2);
    const failures = await rows(sql`
      select f.at from add_open_failure f join "user" u on u.id = f.user_id where u.email = 'guesser@fabrikam.example'`);
    expect(failures).toHaveLength(3);
    expect(await grantsOf('guesser@fabrikam.example', openId)).toEqual([]);
  });

  it('R-PERM-10: after N invalid pairs Add Open is suspended (423, support cannot lift it) — even for a valid pair — and works again after the period', async () => {
    clock.set(new Date(START));
    const s = await newUser('attacker@fabrikam.example');
    const max = t.config.ADD_OPEN_MAX_FAILURES;
    for (let i = 0; i < max; i++) {
      clock.advance(60_000);
      const res = await t.as(s).post('/open-licenses', { ...PAIR, authorizationNumber: `GUESS-${i}` });
      expect(res.json().code).toBe('INVALID_LICENSE_PAIR');
    }
    const suspendedAt = clock.now().getTime();
    const failuresBefore = await count(sql`select count(*) as n from add_open_failure`);
    for (const payload of [PAIR, { ...PAIR, authorizationNumber: 'GUESS-X' }]) {
      const res = await t.as(s).post('/open-licenses', payload);
      expect(res.statusCode).toBe(423);
      const body = res.json();
      expect(body.code).toBe('ADD_OPEN_SUSPENDED');
      expect(body.detail).toMatch(/suspended/i);
      expect(body.detail).toMatch(/support cannot lift/i);
      expect(body.suspendedUntil).toBe(new Date(suspendedAt + t.config.ADD_OPEN_SUSPENSION_HOURS * HOUR).toISOString());
    }
    // A suspended user learns nothing and adds no failures.
    expect(await count(sql`select count(*) as n from add_open_failure`)).toBe(failuresBefore);
    expect(await grantsOf('attacker@fabrikam.example', openId)).toEqual([]);
    // Swedish title for Swedish callers.
    const sv = await t.as(s, { headers: { 'accept-language': 'sv' } }).post('/open-licenses', PAIR);
    expect(sv.statusCode).toBe(423);

    clock.advance(t.config.ADD_OPEN_SUSPENSION_HOURS * HOUR - 60_000);
    const fresh = await signIn(t.app, 'attacker@fabrikam.example', 'user-password-1');
    expect((await t.as(fresh).post('/open-licenses', PAIR)).statusCode).toBe(423);
    clock.advance(60_000);
    const done = await t.as(fresh).post('/open-licenses', PAIR);
    expect(done.statusCode).toBe(201);
    expect(done.json().status).toBe('GRANTED');
    // Another user was never affected.
    const other = await newUser('bystander@fabrikam.example');
    expect((await t.as(other).post('/open-licenses', PAIR)).statusCode).toBe(201);
  });

  it('R-PERM-10: the owner can turn Add Open off (audited); the license then answers ADD_OPEN_DISABLED, and on again', async () => {
    const admin = await signIn(t.app, 'admin@contoso.example');
    const url = `/api/v1/licensing-ids/${openId}/add-open`;
    expect((await t.as(admin).get(url)).json()).toEqual({
      licensingId: openId,
      addOpenEnabled: true,
    });
    const off = await t.as(admin).patch(url, { enabled: false });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toEqual({ licensingId: openId, addOpenEnabled: false });
    // Repeating the same setting is harmless and not audited twice.
    await t.as(admin).patch(url, { enabled: false });
    const audits = await rows<{ before: unknown; after: unknown }>(
      sql`select before, after from audit_log where action = 'add_open.switch'`,
    );
    expect(audits).toEqual([{ before: { addOpenEnabled: true }, after: { addOpenEnabled: false } }]);

    const s = await newUser('late.comer@fabrikam.example');
    const refused = await t.as(s).post('/open-licenses', PAIR);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('ADD_OPEN_DISABLED');
    expect(refused.json().detail).toMatch(/administrator/);
    expect(await grantsOf('late.comer@fabrikam.example', openId)).toEqual([]);
    // A valid pair on a disabled license is not a guess.
    expect(
      await count(
        sql`select count(*) as n from add_open_failure f join "user" u on u.id = f.user_id where u.email = 'late.comer@fabrikam.example'`,
      ),
    ).toBe(0);

    await t.as(admin).patch(url, { enabled: true });
    expect((await t.as(s).post('/open-licenses', PAIR)).statusCode).toBe(201);
  });

  it('R-PERM-10: the switch exists only for Open License IDs (409 NOT_OPEN_LICENSE), only for their Administrators, and not across organizations', async () => {
    const admin = await signIn(t.app, 'admin@contoso.example');
    const notOpen = await t.as(admin).patch(`/licensing-ids/${enrollmentId}/add-open`, { enabled: false });
    expect(notOpen.statusCode).toBe(409);
    expect(notOpen.json().code).toBe('NOT_OPEN_LICENSE');
    const holder = await signIn(t.app, 'pat.jones@fabrikam.example', 'user-password-1');
    const url = `/api/v1/licensing-ids/${openId}/add-open`;
    expect((await t.as(holder).patch(url, { enabled: false })).statusCode).toBe(403);
    const fabrikam = await signIn(t.app, 'admin@fabrikam.example');
    expect((await t.as(fabrikam).patch(url, { enabled: false })).statusCode).toBe(404);
    const bad = await t.as(admin).patch(url, { enabled: 'no' });
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    expect((await t.as(admin).get(url)).json().addOpenEnabled).toBe(true);
  });
});

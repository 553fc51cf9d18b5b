import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { ENROLLMENT, licensingIdOf, OPEN_LICENSE, PASSWORD } from './helpers.js';

/** Issue 15: the downloads-per-month chart, from the download record, scoped by downloads.get. */
describe('downloads per month', () => {
  const clock = fixedClock(new Date());
  let t: TestApp;
  let admin: Session;
  let openOnly: Session;
  let fabrikam: Session;
  const lid: Record<string, string> = {};
  const month = (monthsAgo: number, day = 10) =>
    new Date(Date.UTC(clock.now().getUTCFullYear(), clock.now().getUTCMonth() - monthsAgo, day, 12));
  const ym = (d: Date) => d.toISOString().slice(0, 7);
  const countOf = (body: { months: { month: string; count: number }[] }, monthsAgo: number) =>
    body.months.find((m) => m.month === ym(month(monthsAgo)))?.count;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { SIGN_IN_IP_LIMIT: '1000' } });
    const db = t.database.db;
    await t.given.user('open-only@contoso.example', { password: PASSWORD, grants: [{ on: OPEN_LICENSE, roles: ['DOWNLOAD'] }] });
    admin = await signIn(t.app, 'admin@contoso.example');
    openOnly = await signIn(t.app, 'open-only@contoso.example', PASSWORD);
    fabrikam = await signIn(t.app, 'admin@fabrikam.example');
    lid.enrollment = await licensingIdOf(db, ENROLLMENT);
    lid.open = await licensingIdOf(db, OPEN_LICENSE);
    const [a, b] = (await db.execute<{ id: string }>(sql`select id from download_file order by id limit 2`)).rows;
    const userOf = async (email: string) =>
      (await db.execute<{ id: string; org: string }>(sql`select id, organization_id as org from "user" where email = ${email}`)).rows[0];
    const events: [string, string | undefined, Date][] = [
      // The Contoso admin: a file fetched in three requests (a resume) and another the same day: 2 downloads this month.
      ['admin@contoso.example', a?.id, month(0, 1)],
      ['admin@contoso.example', a?.id, new Date(month(0, 1).getTime() + 60_000)],
      ['admin@contoso.example', a?.id, new Date(month(0, 1).getTime() + 120_000)],
      ['admin@contoso.example', b?.id, month(0, 1)],
      // One last month, one 13 months ago (outside the twelve).
      ['admin@contoso.example', a?.id, month(1)],
      ['admin@contoso.example', a?.id, month(13)],
      // The Open License downloader: 1 this month; Fabrikam's admin: 1 this month (never Contoso's).
      ['open-only@contoso.example', b?.id, month(0, 1)],
      ['admin@fabrikam.example', a?.id, month(0, 1)],
    ];
    for (const [email, fileId, at] of events) {
      const u = await userOf(email);
      await db.execute(sql`insert into download_event (file_id, user_id, organization_id, method, status, bytes, at)
        values (${fileId}, ${u?.id}, ${u?.org}, 'BROWSER', 200, 1, ${at.toISOString()}::timestamptz)`);
    }
  });
  afterAll(() => t.close());

  it('counts per UTC month over the last twelve, oldest first, quiet months as 0; a resumed download counts once', async () => {
    const res = await t.as(admin).get('/downloads/monthly');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.licensingId).toBeNull();
    expect(body.months).toHaveLength(12);
    expect(body.months[0].month).toBe(ym(month(11)));
    expect(body.months[11].month).toBe(ym(month(0)));
    expect(countOf(body, 0)).toBe(3);
    expect(countOf(body, 1)).toBe(1);
    expect(countOf(body, 2)).toBe(0);
    expect(body.months.reduce((n: number, m: { count: number }) => n + m.count, 0)).toBe(4);
  });

  it('filters by one Licensing ID: the downloads of the people who may download on it', async () => {
    const enrollment = (await t.as(admin).get(`/downloads/monthly?licensingId=${lid.enrollment}`)).json();
    expect(enrollment.licensingId).toBe(lid.enrollment);
    expect(countOf(enrollment, 0)).toBe(2);
    const open = (await t.as(openOnly).get(`/downloads/monthly?licensingId=${lid.open}`)).json();
    expect(countOf(open, 0)).toBeGreaterThanOrEqual(1);
  });

  it("another organization's Licensing ID, or one the user may not download on, answers 404; Fabrikam sees only its own", async () => {
    const foreign = await t.as(fabrikam).get(`/downloads/monthly?licensingId=${lid.enrollment}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    expect((await t.as(openOnly).get(`/downloads/monthly?licensingId=${lid.enrollment}`)).statusCode).toBe(404);
    const own = (await t.as(fabrikam).get('/downloads/monthly')).json();
    expect(countOf(own, 0)).toBe(1);
  });

  it('bad input is refused with problem+json: a Licensing ID that is not a uuid, NUL', async () => {
    const bad = await t.as(admin).get('/downloads/monthly?licensingId=67012345');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const nul = await t.as(admin).get(`/downloads/monthly?licensingId=${lid.enrollment}%00`);
    expect(nul.statusCode).toBe(400);
    expect(nul.json().code).toBe('INVALID_CHARACTERS');
    expect((await t.as(null).get('/downloads/monthly')).statusCode).toBe(401);
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

interface Listed {
  id: string;
  status: string;
}

describe('support lists page through results (R-SUP-1)', () => {
  let t: TestApp;
  const clock = fixedClock('2026-12-04T09:00:00Z');
  let operator: Session;
  let admin: Session;
  let viewer: Session;
  const sent: string[] = [];

  /** Every page of a list, `limit` at a time, following nextCursor to its end. */
  async function allPages(who: Session, path: string, limit: number): Promise<Listed[]> {
    const seen: Listed[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 1000; pages++) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await t.as(who).get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().items);
      cursor = res.json().nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('the list never ended');
  }

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { SIGN_IN_IP_LIMIT: '1000', SESSION_TTL_HOURS: '720' } });
    operator = await signIn(t.app, 'operator@northwind.example');
    admin = await signIn(t.app, 'admin@contoso.example');
    viewer = await signIn(t.app, 'viewer@contoso.example');
    // Seven requests, some sent in the same millisecond (their order is then the id's), then moved
    // to every status so that the queue's two groups and its ties are all crossed by page ends.
    for (let i = 0; i < 7; i++) {
      if (i % 3 === 0) clock.advance(60_000);
      const res = await t.as(admin).post('/support-requests', {
        topic: 'OTHER',
        licensingId: null,
        subject: `Question ${i}`,
        description: `Question number ${i} about our licenses.`,
      });
      expect(res.statusCode, res.body).toBe(201);
      sent.push(res.json().id);
    }
    const [a, b, c, d] = sent;
    await t.as(operator).post(`/operator/support-requests/${a}/replies`, { body: 'Answered.' });
    await t.as(operator).post(`/operator/support-requests/${b}/replies`, { body: 'Tell us more.', waitForCustomer: true });
    clock.advance(1000);
    await t.as(admin).post(`/support-requests/${b}/replies`, { body: 'Here is more.' });
    await t.as(operator).post(`/operator/support-requests/${c}/close`);
    await t.as(operator).post(`/operator/support-requests/${d}/replies`, { body: 'Answered too.' });
    await t
      .as(viewer)
      .post('/support-requests', { topic: 'OTHER', licensingId: null, subject: 'Not yours', description: 'Sent by the viewer.' });
  }, 120_000);
  afterAll(() => t.close());

  it('R-SUP-1: the requester’s list, a page at a time, is the whole list in the same order, newest first, and only theirs', async () => {
    const whole = (await t.as(admin).get('/support-requests?limit=200')).json();
    expect(whole.nextCursor).toBeNull();
    expect(whole.items.map((r: Listed) => r.id).sort()).toEqual([...sent].sort());
    for (const limit of [1, 2, 3])
      expect((await allPages(admin, '/support-requests', limit)).map((r) => r.id)).toEqual(whole.items.map((r: Listed) => r.id));
    // The default page has room for these, and says there is no more.
    expect((await t.as(admin).get('/support-requests')).json().nextCursor).toBeNull();
  });

  it('R-SUP-1: the queue, a page at a time, keeps its order across page ends: awaiting an answer first, soonest due first', async () => {
    const whole = (await t.as(operator).get('/operator/support-requests?status=ALL&limit=200')).json().items as Listed[];
    expect(whole.length).toBe(sent.length + 1);
    const awaiting = whole.findIndex((r) => !['NEW', 'CUSTOMER_REPLIED'].includes(r.status));
    expect(whole.slice(awaiting).every((r) => !['NEW', 'CUSTOMER_REPLIED'].includes(r.status))).toBe(true);
    for (const limit of [1, 2, 3, 5]) {
      expect((await allPages(operator, '/operator/support-requests?status=ALL', limit)).map((r) => r.id)).toEqual(whole.map((r) => r.id));
    }
    const open = (await t.as(operator).get('/operator/support-requests?status=OPEN&limit=200')).json().items as Listed[];
    expect((await allPages(operator, '/operator/support-requests?status=OPEN', 2)).map((r) => r.id)).toEqual(open.map((r) => r.id));
  });

  it('R-SUP-1: the queue is no longer cut at 1,000 requests', async () => {
    const [contoso] = (
      await t.database.db.execute<{ org: string; user: string }>(
        sql`select organization_id as org, id as user from "user" where email = 'admin@contoso.example'`,
      )
    ).rows;
    await t.database.db.execute(sql`
      insert into support_request (organization_id, requested_by, topic, subject, description, status, submitted_at, awaiting_since, updated_at)
      select ${contoso?.org}, ${contoso?.user}, 'OTHER', 'Bulk ' || n, 'A request among many.', 'NEW',
        now() - make_interval(mins => n), now() - make_interval(mins => n), now() - make_interval(mins => n)
      from generate_series(1, 1100) as n`);
    const all = await allPages(operator, '/operator/support-requests?status=ALL', 200);
    expect(all.length).toBe(1100 + sent.length + 1);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    expect((await allPages(admin, '/support-requests', 200)).length).toBe(1100 + sent.length);
  });

  it('R-SUP-1: a cursor this list did not give out is INVALID_CURSOR (400), as on every list', async () => {
    const mine = (await t.as(admin).get('/support-requests?limit=1')).json().nextCursor as string;
    for (const [who, path] of [
      [operator, '/operator/support-requests?cursor=bm90LWEtY3Vyc29y'],
      [admin, '/support-requests?cursor=bm90LWEtY3Vyc29y'],
      // The requester list's position is not the queue's.
      [operator, `/operator/support-requests?cursor=${mine}`],
    ] as const) {
      const res = await t.as(who).get(path);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('INVALID_CURSOR');
    }
  });
});

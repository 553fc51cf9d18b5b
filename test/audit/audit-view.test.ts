import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../src/platform/audit.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

interface Entry {
  id: string;
  action: string;
  actor: { id: string; email: string; name: string } | null;
  organization: { id: string; name: string } | null;
  targetType: string;
  targetId: string | null;
  licensingIds: { id: string; number: string }[];
  detailWithheld: boolean;
  before: unknown;
  after: unknown;
}

/**
 * Issue 12, the audit view: an Administrator reads the trail of the Licensing IDs they administer
 * (the organization's own entries only as an organization administrator); the publisher reads all.
 */
describe('audit view', () => {
  let t: TestApp;
  let admin: Session;
  let operator: Session;
  let viewer: Session;
  /** Administrator of the Select Plus PCN only, from another organization (a consultant's own account). */
  let consultant: Session;
  const ids: Record<string, string> = {};
  let contosoId: string;
  let eve: string;

  const list = async (who: Session, query = '', root = '/audit') => {
    const res = await t.as(who).get(`${root}${query ? `?${query}` : ''}`);
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json() as { items: Entry[]; nextCursor: string | null };
  };
  /** Every page of a filtered list, following the cursors. */
  const everything = async (who: Session, query: string, root = '/audit') => {
    const all: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(who, `${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, root);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '1000' } });
    const rows = await t.database.db.execute<{ number: string; id: string }>(sql`select number, id from licensing_id`);
    for (const r of rows.rows) ids[r.number] = r.id;
    contosoId =
      (await t.database.db.execute<{ id: string }>(sql`select id from organization where name = 'Contoso Ltd'`)).rows[0]?.id ?? '';
    admin = await signIn(t.app, 'admin@contoso.example');
    operator = await signIn(t.app, 'operator@northwind.example');
    viewer = await signIn(t.app, 'viewer@contoso.example');
    const consultancy = await t.given.organization({ name: 'Audit Consulting AB', country: 'SE', domains: ['consulting.example'] });
    consultant = (
      await t.given.signedIn('auditor@consulting.example', {
        organization: consultancy.id,
        firstName: '=Audit',
        lastName: 'Consultant',
        grants: [{ on: '8765-4321', roles: ['ADMINISTRATOR'] }],
      })
    ).session;

    // One person added with roles on two Licensing IDs (one entry concerning both), then changes on each.
    const added = await t.as(admin).post('/users', {
      email: 'eve.audit@contoso.example',
      firstName: 'Eve',
      lastName: 'Audit',
      grants: [
        { licensingId: ids['67012345'], roles: ['DOWNLOAD'] },
        { licensingId: ids['8765-4321'], roles: ['DOWNLOAD'] },
      ],
    });
    expect(added.statusCode, added.body).toBe(201);
    eve = added.json().id;
    for (const number of ['67012345', '8765-4321']) {
      const res = await t.as(admin).put(`/users/${eve}/roles/${ids[number]}`, { roles: ['PRODUCT_KEYS'] });
      expect(res.statusCode, res.body).toBe(200);
    }
    // An organization-level entry: the administrator's own language.
    expect((await t.as(admin).patch('/me', { locale: 'en' })).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('an Administrator reads only the entries of the Licensing IDs they administer; details of a change that also concerns others are withheld', async () => {
    const items = await everything(consultant, 'person=eve.audit@contoso.example');
    const pcn = ids['8765-4321'];
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const e of items) expect(e.licensingIds.map((l) => l.id)).toEqual([pcn]);
    const setRoles = items.filter((e) => e.action === 'users.set-roles');
    expect(setRoles).toHaveLength(1);
    expect(setRoles[0]).toMatchObject({ detailWithheld: false, targetId: eve, licensingIds: [{ number: '8765-4321' }] });
    expect(setRoles[0]?.after).not.toBeNull();
    // users.add concerned the enrollment too: shown, its details withheld.
    const add = items.find((e) => e.action === 'users.add');
    expect(add).toMatchObject({ detailWithheld: true, before: null, after: null, actor: { email: 'admin@contoso.example' } });
    expect(JSON.stringify(items)).not.toContain(ids['67012345']);
    // Not an organization administrator of Contoso: none of its organization-level entries.
    const orgLevel = await list(consultant, 'action=user.locale');
    expect(orgLevel.items).toEqual([]);
  });

  it('an organization administrator also reads the organization’s own entries, and every detail of what they administer', async () => {
    const locale = await list(admin, 'action=user.locale&person=admin@contoso.example');
    expect(locale.items[0]).toMatchObject({ action: 'user.locale', licensingIds: [], detailWithheld: false, after: { locale: 'en' } });
    const add = (await list(admin, 'action=users.add&person=eve.audit@contoso.example')).items;
    expect(add).toHaveLength(1);
    expect(add[0]?.licensingIds.map((l) => l.number).sort()).toEqual(['67012345', '8765-4321']);
    expect(add[0]).toMatchObject({ detailWithheld: false, after: { email: 'eve.audit@contoso.example' } });
  });

  it('a user who administers nothing reads nothing', async () => {
    expect((await list(viewer)).items).toEqual([]);
  });

  it('filters by person, Licensing ID, action and day, newest first, page by page', async () => {
    const all = await everything(admin, 'person=EVE.AUDIT@contoso.example');
    expect(all.map((e) => e.action)).toEqual(['users.set-roles', 'users.set-roles', 'users.add']);
    const numbers = all.map((e) => Number(e.id));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    const onEnrollment = await everything(admin, `person=eve.audit@contoso.example&licensingId=${ids['67012345']}`);
    expect(onEnrollment.map((e) => e.action)).toEqual(['users.set-roles', 'users.add']);
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(await everything(admin, `person=eve.audit@contoso.example&from=${today}&to=${today}`)).toHaveLength(3);
    expect(await everything(admin, `person=eve.audit@contoso.example&to=${yesterday}`)).toHaveLength(0);
    expect(await everything(admin, 'person=nobody@contoso.example')).toHaveLength(0);
  });

  it('the publisher reads every organization’s trail, or one organization’s', async () => {
    const everyone = await list(operator, 'limit=200', '/operator/audit');
    const organizations = new Set(everyone.items.map((e) => e.organization?.name));
    expect(organizations.has('Contoso Ltd')).toBe(true);
    const contoso = await everything(operator, `organizationId=${contosoId}&action=users.add`, '/operator/audit');
    expect(contoso.length).toBeGreaterThan(0);
    for (const e of contoso) expect(e).toMatchObject({ organization: { name: 'Contoso Ltd' }, detailWithheld: false });
    // Not for customers.
    expect((await t.as(admin).get('/operator/audit')).statusCode).toBe(403);
  });

  it('exports the filtered trail as spreadsheet-safe CSV, headings in the reader’s language', async () => {
    const res = await t.as(admin).get('/audit/export?person=eve.audit@contoso.example');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Time (UTC),Action,Person,E-mail,Organization,Target type,Target,Licensing IDs,Before,After,Details');
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.includes(',users.add,'))).toContain(',admin@contoso.example,');

    // The consultant's name starts with "=": a spreadsheet must read it as text, never as a formula.
    const change = await t.as(consultant).put(`/users/${eve}/roles/${ids['8765-4321']}`, { roles: ['DOWNLOAD'] });
    expect(change.statusCode, change.body).toBe(200);
    expect((await t.as(consultant).patch('/me', { locale: 'sv' })).statusCode).toBe(200);
    const swedish = await t.as(consultant).get('/audit/export?person=eve.audit@contoso.example');
    const rows = swedish.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('Tid (UTC),Åtgärd,Person,E-post,Organisation,Måltyp,Mål,Licens-ID:n,Före,Efter,Detaljer');
    expect(rows[1]).toContain(",users.set-roles,'=Audit Consultant,auditor@consulting.example,");
    expect(rows.find((l) => l.includes(',users.add,'))).toContain('Undanhållet');
    for (const line of rows) expect(line.includes(',=')).toBe(false);
    const publisher = await t.as(operator).get(`/operator/audit/export?organizationId=${contosoId}&action=users.add`);
    expect(publisher.statusCode).toBe(200);
    expect(publisher.body).toContain('eve.audit@contoso.example');
  });

  it('refuses bad filters with stable codes: a day that does not exist, from after to, an unknown action, a NUL, a forged cursor, another organization’s Licensing ID', async () => {
    const fabrikamId = ids['67099999'];
    const cases: [string, number, string][] = [
      ['from=2026-02-30', 400, 'VALIDATION_FAILED'],
      ['to=yesterday', 400, 'VALIDATION_FAILED'],
      ['from=2026-03-02&to=2026-03-01', 400, 'AUDIT_PERIOD_REVERSED'],
      ['action=users.explode', 400, 'UNKNOWN_AUDIT_ACTION'],
      ['person=eve%00audit@contoso.example', 400, 'INVALID_CHARACTERS'],
      ['cursor=not-a-cursor', 400, 'INVALID_CURSOR'],
      [`cursor=${Buffer.from('["x"]').toString('base64url')}`, 400, 'INVALID_CURSOR'],
      [`licensingId=${fabrikamId}`, 404, 'NOT_FOUND'],
      ['licensingId=not-a-uuid', 400, 'VALIDATION_FAILED'],
      ['limit=0', 400, 'VALIDATION_FAILED'],
    ];
    for (const [query, status, code] of cases) {
      const res = await t.as(admin).get(`/audit?${query}`);
      expect({ query, status: res.statusCode, code: res.json().code }).toEqual({ query, status, code });
      if (!query.startsWith('cursor') && !query.startsWith('limit')) {
        const file = await t.as(admin).get(`/audit/export?${query}`);
        expect({ query, status: file.statusCode, code: file.json().code }).toEqual({ query, status, code });
      }
    }
    const operatorReversed = await t.as(operator).get('/operator/audit?from=2026-03-02&to=2026-03-01');
    expect(operatorReversed.json().code).toBe('AUDIT_PERIOD_REVERSED');
    expect((await t.as(operator).get('/operator/audit?organizationId=nope')).json().code).toBe('VALIDATION_FAILED');
  });

  it('every change names what it concerns: audit() takes only catalogued actions, each entry on a Licensing ID lists it', async () => {
    const recorded = await t.database.db.execute<{ action: string }>(sql`select distinct action from audit_log`);
    for (const r of recorded.rows) expect(AUDIT_ACTIONS).toContain(r.action);
    const unlisted = await t.database.db.execute<{ n: number }>(sql`
      select count(*)::int as n from audit_log
      where action in ('users.add', 'users.set-roles', 'order.ingest', 'permission-request.create') and licensing_ids = '{}'`);
    expect(unlisted.rows[0]?.n).toBe(0);
  });
});

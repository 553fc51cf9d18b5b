import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { footprint, rows } from './registration-helpers.js';

describe('organization sign-up settings (R-ID-4) and country (R-ID-7)', () => {
  let t: TestApp;
  let admin: Session;
  let contosoId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin@contoso.example');
    contosoId = (await rows<{ id: string }>(t, sql`select id from organization where name = 'Contoso Ltd'`))[0]?.id ?? '';
    await t.database.db.execute(sql`update organization set domains = '{contoso.example,lab.contoso.example}' where id = ${contosoId}`);
  });
  afterAll(() => t.close());

  it('R-ID-4: an Administrator reads the organization’s settings; other roles may not', async () => {
    const res = await t.as(admin).get('/organization');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: contosoId,
      name: 'Contoso Ltd',
      country: 'SE',
      countryFixed: true,
      domains: ['contoso.example', 'lab.contoso.example'],
      selfSignUp: true,
      restrictedDomains: [],
      directoryRequired: false,
      requireSecondFactor: false,
    });
    const viewer = await signIn(t.app, 'viewer@contoso.example');
    expect((await t.as(viewer).get('/organization')).statusCode).toBe(403);
    expect((await t.as(viewer).patch('/organization', { selfSignUp: false })).statusCode).toBe(403);
  });

  it('R-ID-4: turning sign-up off, restricting a domain and requiring the directory take effect at sign-up, audited with before/after', async () => {
    const res = await t
      .as(admin)
      .patch('/organization', { selfSignUp: false, restrictedDomains: [' LAB.contoso.example'], directoryRequired: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ selfSignUp: false, restrictedDomains: ['lab.contoso.example'], directoryRequired: true });
    const [logged] = await rows(
      t,
      sql`select actor_user_id, organization_id, before, after from audit_log where action = 'organization.settings' order by id desc limit 1`,
    );
    expect(logged).toMatchObject({
      organization_id: contosoId,
      before: { selfSignUp: true, restrictedDomains: [], directoryRequired: false, country: 'SE' },
      after: { selfSignUp: false, restrictedDomains: ['lab.contoso.example'], directoryRequired: true, country: 'SE' },
    });
    const signUp = (email: string) =>
      t.as(null).post('/auth/sign-up', { email, firstName: 'A', lastName: 'B', password: 'a-long-enough-passphrase', country: 'SE' });
    expect((await signUp('new.person@contoso.example')).json().code).toBe('E03');
    expect((await t.as(admin).patch('/organization', { selfSignUp: true })).statusCode).toBe(200);
    expect((await signUp('new.person@lab.contoso.example')).json().code).toBe('E02');
    expect((await signUp('new.person@contoso.example')).json().code).toBe('E04');
    expect((await t.as(admin).patch('/organization', { restrictedDomains: [], directoryRequired: false })).statusCode).toBe(200);
    expect((await signUp('new.person@contoso.example')).statusCode).toBe(202);
  });

  it('R-ID-7: a PATCH carrying a different country answers 409 COUNTRY_FIXED; the same country changes nothing', async () => {
    const before = await footprint(t);
    const res = await t.as(admin).patch('/organization', { country: 'NO', selfSignUp: false });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'COUNTRY_FIXED', country: 'SE' });
    const same = await t.as(admin).patch('/organization', { country: 'se' });
    expect(same.statusCode).toBe(200);
    expect(same.json().country).toBe('SE');
    expect(await footprint(t)).toEqual(before);
  });

  it('R-ID-4: bad input writes nothing: foreign domains, unknown fields, malformed values', async () => {
    const before = await footprint(t);
    const foreign = await t.as(admin).patch('/organization', { restrictedDomains: ['contoso.example', 'fabrikam.example'] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ code: 'DOMAIN_NOT_OWNED', domains: ['fabrikam.example'] });
    expect((await t.as(admin).patch('/organization', { name: 'Renamed Ltd' })).json().code).toBe('VALIDATION_FAILED');
    expect((await t.as(admin).patch('/organization', { restrictedDomains: ['not a domain'] })).json().code).toBe('VALIDATION_FAILED');
    expect((await t.as(admin).patch('/organization', { selfSignUp: 'no' })).json().code).toBe('VALIDATION_FAILED');
    expect((await t.as(admin).patch('/organization', { country: 'Sweden' })).json().code).toBe('VALIDATION_FAILED');
    expect(await footprint(t)).toEqual(before);
  });

  it('R-ID-7: only an operator corrects the country, audited', async () => {
    const operator = await signIn(t.app, 'operator@northwind.example');
    const url = `/api/v1/operator/organizations/${contosoId}`;
    const asAdmin = await t.as(admin).patch(url, { country: 'NO' });
    expect(asAdmin.statusCode).toBe(403);
    const res = await t.as(operator).patch(url, { country: 'no', reason: 'Ticket 4711' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: contosoId, country: 'NO', countryFixed: true });
    const [logged] = await rows(
      t,
      sql`select actor_user_id, organization_id, before, after from audit_log where action = 'organization.country' order by id desc limit 1`,
    );
    expect(logged).toMatchObject({
      organization_id: contosoId,
      before: { country: 'SE' },
      after: { country: 'NO', by: 'operator', reason: 'Ticket 4711' },
    });
    const unknown = await t.as(operator).patch('/operator/organizations/00000000-0000-4000-8000-000000000000', { country: 'NO' });
    expect(unknown.statusCode).toBe(404);
    const shown = await t.as(admin).get('/organization');
    expect(shown.json().country).toBe('NO');
  });
});

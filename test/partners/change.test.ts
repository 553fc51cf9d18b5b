import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const DAY = 86_400_000;

/**
 * R-REL-6, change of channel partner, on a real database with a controlled clock: the answer
 * period (10 days), the grace period (90 days) and completion by the sweep.
 */
describe('change of channel partner (R-REL-6)', () => {
  let t: TestApp;
  const clock = fixedClock('2026-12-05T09:00:00Z');
  const ids: Record<string, string> = {};
  const lid = (number: string) => ids[number] ?? '';
  const q = async <T extends Record<string, unknown>>(text: ReturnType<typeof sql>) => (await t.database.db.execute<T>(text)).rows;
  const idOf = async (text: ReturnType<typeof sql>) => (await q<{ id: string }>(text))[0]?.id ?? '';
  /** Sessions made at the clock's time: the tests move it further than a session lives. */
  const as = async (email: string) => t.as(await t.given.session(await idOf(sql`select id from "user" where email = ${email}`)));
  const mailsTo = (to: string, template: string) =>
    q<{ subject: string; text: string; locale: string }>(
      sql`select subject, text, locale from outbox where to_address = ${to} and template = ${template} order by id`,
    );
  const partnerOf = async (number: string) =>
    (
      await q<{ number: string }>(sql`
        select cp.number from partner_of_record p join channel_partner cp on cp.organization_id = p.partner_organization_id
        join licensing_id l on l.id = p.licensing_id where l.number = ${number}`)
    )[0]?.number;
  const written = async () =>
    (
      await q<{ n: number }>(sql`select (select count(*) from partner_change)::int + (select count(*) from partner_change_line)::int
        + (select count(*) from audit_log where action like 'partner-change.%')::int + (select count(*) from outbox)::int as n`)
    )[0]?.n;
  const form = (licensingIds: string[], partnerNumber = 'P-300400', email = 'lars.lee@proseware.example') => ({
    licensingIds,
    partnerNumber,
    contact: { name: 'Lars Lee', email },
  });

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { SIGN_IN_IP_LIMIT: '1000' } });
    for (const n of ['67012345', '54011111', '8765-4321', 'V1234567', '67099999'])
      ids[n] = await idOf(sql`select id from licensing_id where number = ${n}`);
  }, 120_000);
  afterAll(() => t.close());

  describe('bad input is refused with a stable code and nothing written', () => {
    const refused = async (body: object, status: number, code: string, who = 'admin@contoso.example') => {
      const before = await written();
      const res = await (await as(who)).post('/partner-changes', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
      expect(await written()).toBe(before);
      return res.json();
    };

    it('R-REL-6: not for Open License, Open Value, Select Plus (the Enterprise family only)', async () => {
      const problem = await refused(form([lid('V1234567')]), 409, 'PARTNER_CHANGE_PROGRAM_NOT_ELIGIBLE');
      expect(problem.licensingIds).toEqual(['V1234567']);
      await refused(form([lid('67012345'), lid('8765-4321')]), 409, 'PARTNER_CHANGE_PROGRAM_NOT_ELIGIBLE');
    });

    it('R-REL-6: not for an expired Licensing ID', async () => {
      await refused(form([lid('54011111')]), 409, 'PARTNER_CHANGE_LICENSING_ID_INACTIVE');
    });

    it('R-REL-6: not to the partner already of record, nor to an unknown partner number', async () => {
      await refused(form([lid('67012345')], 'P-100200'), 409, 'PARTNER_CHANGE_ALREADY_PARTNER_OF_RECORD');
      await refused(form([lid('67012345')], 'P-999999'), 400, 'PARTNER_CHANGE_PARTNER_UNKNOWN');
    });

    it('R-REL-6: the new partner’s contact needs a work address; the form needs Licensing IDs', async () => {
      await refused(form([lid('67012345')], 'P-300400', 'lars@gmail.com'), 400, 'PARTNER_CHANGE_CONTACT_PERSONAL_ADDRESS');
      await refused(form([]), 400, 'VALIDATION_FAILED');
      await refused({ ...form([lid('67012345')]), contact: { name: 'Lars', email: 'not-an-address' } }, 400, 'VALIDATION_FAILED');
    });

    it('R-REL-6: another organization’s Licensing ID, or one the user does not administer, is 404', async () => {
      await refused(form([lid('67099999')]), 404, 'NOT_FOUND');
      await refused(form([lid('67012345')]), 404, 'NOT_FOUND', 'viewer@contoso.example');
      // A partner user administers nothing of its customers' (R-REL-6: partner.change is the customer's).
      await refused(form([lid('67012345')], 'P-300400'), 404, 'NOT_FOUND', 'partner@adatum-partners.example');
    });

    it('R-REL-6: the partner routes are for partner users only', async () => {
      const admin = await as('admin@contoso.example');
      expect((await admin.get('/partner-change-requests')).statusCode).toBe(403);
      expect((await (await as('operator@northwind.example')).get('/partner-change-requests')).statusCode).toBe(403);
      expect((await admin.post('/operator/partner-changes/sweep')).statusCode).toBe(403);
    });
  });

  it('R-REL-6: the Administrator sees which Licensing IDs may change partner and why the others may not', async () => {
    const res = await (await as('admin@contoso.example')).get('/partner-changes/licensing-ids');
    expect(res.statusCode, res.body).toBe(200);
    const byNumber = Object.fromEntries(res.json().items.map((i: { number: string }) => [i.number, i]));
    expect(byNumber['67012345']).toMatchObject({
      refusal: null,
      partnerOfRecord: { name: 'Adatum Licensing Partners', number: 'P-100200' },
    });
    expect(byNumber['54011111'].refusal).toBe('PARTNER_CHANGE_LICENSING_ID_INACTIVE');
    expect(byNumber['8765-4321'].refusal).toBe('PARTNER_CHANGE_PROGRAM_NOT_ELIGIBLE');
    expect(byNumber['67099999']).toBeUndefined();
  });

  it('R-REL-6: start → the new partner accepts within 10 days → grace period of 90 days → the sweep records the new partner', async () => {
    const admin = await as('admin@contoso.example');
    const started = await admin.post('/partner-changes', form([lid('67012345')]));
    expect(started.statusCode, started.body).toBe(201);
    const change = started.json();
    expect(change).toMatchObject({
      status: 'IN_PROGRESS',
      customer: 'Contoso Ltd',
      newPartner: { name: 'Proseware Partners', number: 'P-300400' },
      contact: { name: 'Lars Lee', email: 'lars.lee@proseware.example' },
      respondBy: '2026-12-15T09:00:00.000Z',
      lines: [{ number: '67012345', status: 'IN_PROGRESS', oldPartner: { name: 'Adatum Licensing Partners', number: 'P-100200' } }],
    });
    expect(change.reference).toMatch(/^PC-[0-9A-F]{8}$/);
    const [asked] = await mailsTo('lars.lee@proseware.example', 'partnerChangeRequested');
    expect(asked?.text).toContain('67012345');
    expect(asked?.text).toContain(`/partner-change/incoming/${change.id}`);
    const [started_] = await q<{ licensing_ids: string[] }>(
      sql`select licensing_ids from audit_log where action = 'partner-change.start' and target_id = ${change.id}`,
    );
    expect(started_?.licensing_ids).toEqual([lid('67012345')]);

    // A second change of the same Licensing ID waits for this one to end.
    const again = await admin.post('/partner-changes', form([lid('67012345')], 'P-300400'));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PARTNER_CHANGE_ALREADY_OPEN');

    // Only the partner named sees it: another partner and another customer get 404, as for nothing.
    const adatum = await as('partner@adatum-partners.example');
    expect((await adatum.get(`/partner-change-requests/${change.id}`)).statusCode).toBe(404);
    expect((await adatum.post(`/partner-change-requests/${change.id}/accept`)).statusCode).toBe(404);
    expect((await adatum.get('/partner-change-requests')).json().items).toEqual([]);
    const fabrikam = await as('admin@fabrikam.example');
    expect((await fabrikam.get(`/partner-changes/${change.id}`)).statusCode).toBe(404);
    expect((await fabrikam.get('/partner-changes')).json().items).toEqual([]);

    clock.advance(3 * DAY);
    const proseware = await as('partner@proseware.example');
    expect((await proseware.get('/partner-change-requests')).json().items.map((c: { id: string }) => c.id)).toEqual([change.id]);
    const accepted = await proseware.post(`/partner-change-requests/${change.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'GRACE_PERIOD',
      decision: 'ACCEPTED',
      decidedBy: 'Lars Lee',
      decidedAt: '2026-12-08T09:00:00.000Z',
      effectiveAt: '2027-03-08T09:00:00.000Z',
    });
    expect((await proseware.post(`/partner-change-requests/${change.id}/decline`)).json().code).toBe('PARTNER_CHANGE_NOT_IN_PROGRESS');
    expect((await (await as('admin@contoso.example')).post(`/partner-changes/${change.id}/cancel`)).json().code).toBe(
      'PARTNER_CHANGE_NOT_IN_PROGRESS',
    );
    expect((await mailsTo('admin@contoso.example', 'partnerChangeAccepted'))[0]?.text).toContain('Adatum Licensing Partners');
    const [handover] = await mailsTo('orders@adatum-partners.example', 'partnerChangeHandover');
    expect(handover?.text).toContain('67012345');
    expect(handover?.text).toContain('Proseware Partners');
    // The old partner remains partner of record during the grace period.
    expect(await partnerOf('67012345')).toBe('P-100200');

    clock.advance(89 * DAY);
    const operator = await as('operator@northwind.example');
    expect((await operator.post('/operator/partner-changes/sweep')).json()).toEqual({ expired: 0, completed: 0 });
    expect(await partnerOf('67012345')).toBe('P-100200');

    // The grace period is over: ACCEPTED (due) until the sweep records it, COMPLETED after.
    clock.advance(DAY);
    expect((await (await as('admin@contoso.example')).get(`/partner-changes/${change.id}`)).json().status).toBe('ACCEPTED');
    expect((await (await as('operator@northwind.example')).post('/operator/partner-changes/sweep')).json()).toEqual({
      expired: 0,
      completed: 1,
    });
    expect(await partnerOf('67012345')).toBe('P-300400');
    const done = (await (await as('admin@contoso.example')).get(`/partner-changes/${change.id}`)).json();
    expect(done.status).toBe('COMPLETED');
    expect(done.lines[0].status).toBe('COMPLETED');
    expect((await mailsTo('admin@contoso.example', 'partnerChangeCompleted'))[0]?.text).toContain('Proseware Partners');
    const [contactRow] = await q<{ email: string }>(
      sql`select email from contact where type = 'CHANNEL_PARTNER' and licensing_id = ${lid('67012345')}`,
    );
    expect(contactRow?.email).toBe('orders@proseware.example');
    const actions = await q<{ action: string }>(sql`select action from audit_log where target_id = ${change.id} order by id`);
    expect(actions.map((a) => a.action)).toEqual(['partner-change.start', 'partner-change.accept', 'partner-change.complete']);
    // The sweep is idempotent.
    expect((await (await as('operator@northwind.example')).post('/operator/partner-changes/sweep')).json()).toEqual({
      expired: 0,
      completed: 0,
    });

    // The completed request form: a PDF naming the customer, the Licensing ID, both partners, who and when.
    for (const res of [
      await (await as('admin@contoso.example')).get(`/partner-changes/${change.id}/form`),
      await (await as('partner@proseware.example')).get(`/partner-change-requests/${change.id}/form`),
    ]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(`partner-change-${change.reference}.pdf`);
      const pdf = res.rawPayload.toString('latin1');
      expect(pdf.startsWith('%PDF-1.4')).toBe(true);
      expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
      for (const text of [
        'Contoso Ltd',
        '67012345',
        'Adatum Licensing Partners',
        'Proseware Partners',
        'P-300400',
        'Anna Lind',
        'Lars Lee',
      ])
        expect(pdf).toContain(text);
    }
    expect((await (await as('partner@adatum-partners.example')).get(`/partner-change-requests/${change.id}/form`)).statusCode).toBe(404);
  });

  it('R-REL-6: unanswered for 10 days it expires (by the time alone, then noted by the sweep); the customer may then start again', async () => {
    const admin = await as('admin@contoso.example');
    const first = (await admin.post('/partner-changes', form([lid('67012345')], 'P-100200', 'paula@adatum.example'))).json();
    expect(first.status).toBe('IN_PROGRESS');
    expect(first.lines[0].oldPartner.number).toBe('P-300400');

    clock.advance(10 * DAY - 1000);
    expect((await (await as('admin@contoso.example')).get(`/partner-changes/${first.id}`)).json().status).toBe('IN_PROGRESS');
    clock.advance(1000);
    expect((await (await as('admin@contoso.example')).get(`/partner-changes/${first.id}`)).json().status).toBe('EXPIRED');
    const late = await (await as('partner@adatum-partners.example')).post(`/partner-change-requests/${first.id}/accept`);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('PARTNER_CHANGE_EXPIRED');

    // Not yet swept, the expired request no longer holds the Licensing ID.
    const second = await (await as('admin@contoso.example')).post(
      '/partner-changes',
      form([lid('67012345')], 'P-100200', 'paula@adatum.example'),
    );
    expect(second.statusCode, second.body).toBe(201);

    expect((await (await as('operator@northwind.example')).post('/operator/partner-changes/sweep')).json()).toEqual({
      expired: 1,
      completed: 0,
    });
    const [expiredMail] = await mailsTo('admin@contoso.example', 'partnerChangeExpired');
    expect(expiredMail?.text).toContain('67012345');

    // The customer cancels the second while it is in progress; the partner contact hears it is withdrawn.
    const canceled = await (await as('admin@contoso.example')).post(`/partner-changes/${second.json().id}/cancel`);
    expect(canceled.statusCode, canceled.body).toBe(200);
    expect(canceled.json()).toMatchObject({ status: 'CANCELED', canceledBy: 'Anna Lind' });
    expect((await mailsTo('paula@adatum.example', 'partnerChangeWithdrawn'))[0]?.text).toContain('67012345');
    expect((await mailsTo('admin@contoso.example', 'partnerChangeCanceled')).length).toBe(1);
    const after = await (await as('partner@adatum-partners.example')).post(`/partner-change-requests/${second.json().id}/accept`);
    expect(after.json().code).toBe('PARTNER_CHANGE_NOT_IN_PROGRESS');

    // A third is declined: the partner of record stays.
    clock.advance(1000);
    const third = (await (await as('admin@contoso.example')).post('/partner-changes', form([lid('67012345')], 'P-100200'))).json();
    const declined = await (await as('partner@adatum-partners.example')).post(`/partner-change-requests/${third.id}/decline`);
    expect(declined.json()).toMatchObject({ status: 'DECLINED', decidedBy: 'Paula Park' });
    expect((await mailsTo('admin@contoso.example', 'partnerChangeDeclined')).length).toBe(1);
    expect(await partnerOf('67012345')).toBe('P-300400');

    const list = (await (await as('admin@contoso.example')).get('/partner-changes')).json().items;
    expect(list.map((c: { status: string }) => c.status)).toEqual(['DECLINED', 'CANCELED', 'EXPIRED', 'COMPLETED']);
  });

  it('R-REL-6: a request’s status in another language and the Swedish form', async () => {
    await t.database.db.execute(sql`update "user" set locale = 'sv' where email = 'admin@contoso.example'`);
    const admin = await as('admin@contoso.example');
    const [first] = (await admin.get('/partner-changes')).json().items;
    const res = await admin.get(`/partner-changes/${first.id}/form`);
    expect(res.rawPayload.toString('latin1')).toContain('Byte av kanalpartner');
  });
});

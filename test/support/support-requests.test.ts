import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('support requests (R-SUP-1, R-SUP-2)', () => {
  let t: TestApp;
  const clock = fixedClock('2026-12-04T09:00:00Z');
  let operator: Session;
  let admin: Session;
  let colleague: Session;
  let fabrikam: Session;
  let enrollment: string;
  let fabrikamEnrollment: string;
  const q = async <T extends Record<string, unknown>>(text: ReturnType<typeof sql>) => (await t.database.db.execute<T>(text)).rows;
  const count = async (table: string) => (await q<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]?.n;
  const mailsTo = (to: string, template: string) =>
    q<{ subject: string; text: string; locale: string }>(
      sql`select subject, text, locale from outbox where to_address = ${to} and template = ${template} order by id`,
    );
  const form = (over: Record<string, unknown> = {}) => ({
    topic: 'PRODUCT_KEYS',
    licensingId: enrollment,
    subject: 'MAK shows 0 available',
    description: 'Our MAK for Office shows no activations left although we bought 300 licenses.',
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: {
        SIGN_IN_IP_LIMIT: '1000',
        SESSION_TTL_HOURS: '720',
        SUPPORT_ATTACHMENT_MAX_COUNT: '2',
        SUPPORT_ATTACHMENT_MAX_BYTES: '1024',
        SUPPORT_MAIL: 'help@northwind.example',
      },
    });
    operator = await signIn(t.app, 'operator@northwind.example');
    admin = await signIn(t.app, 'admin@contoso.example');
    fabrikam = await signIn(t.app, 'admin@fabrikam.example');
    colleague = (await t.given.signedIn('colleague@contoso.example', { grants: [{ on: '67012345', roles: ['ADMINISTRATOR'] }] })).session;
    enrollment = (await q<{ id: string }>(sql`select id from licensing_id where number = '67012345'`))[0]?.id ?? '';
    fabrikamEnrollment = (await q<{ id: string }>(sql`select id from licensing_id where number = '67099999'`))[0]?.id ?? '';
  }, 120_000);
  afterAll(() => t.close());

  it('R-SUP-1: a request records its Licensing ID, is acknowledged with the 24-hour promise, reaches the queue with its due time, and the answer is mailed back', async () => {
    const res = await t
      .as(admin)
      .post('/support-requests', form({ attachments: [{ name: 'screenshot.png', mediaType: 'image/png', contentBase64: b64(PNG) }] }));
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      status: 'NEW',
      licensingId: enrollment,
      licensingIdNumber: '67012345',
      topic: 'PRODUCT_KEYS',
      answerDueAt: '2026-12-05T09:00:00.000Z',
      overdue: false,
      attachments: [{ name: 'screenshot.png', mediaType: 'image/png', size: PNG.length }],
    });
    const [row] = await q<{ licensing_id: string }>(sql`select licensing_id from support_request where id = ${created.id}`);
    expect(row?.licensing_id).toBe(enrollment);

    const [ack] = await mailsTo('admin@contoso.example', 'supportRequestReceived');
    expect(ack?.text).toContain('within 24 hours');
    expect(ack?.text).toContain('67012345');
    expect(ack?.text).toContain(`/support/requests/${created.id}`);
    const [queued] = await mailsTo('help@northwind.example', 'supportQueueNewRequest');
    expect(queued?.text).toContain('Our MAK for Office');
    expect(queued?.text).toContain('screenshot.png');

    // The attachment comes back byte for byte, to the requester and to the publisher.
    const file = await t.as(admin).get(`/support-requests/${created.id}/attachments/${created.attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG)).toBe(true);
    expect((await t.as(operator).get(`/operator/support-requests/${created.id}/attachments/${created.attachments[0].id}`)).statusCode).toBe(
      200,
    );

    // The queue: due 24 hours after submission; overdue once that passes.
    let queue = (await t.as(operator).get('/operator/support-requests?status=AWAITING_ANSWER')).json().items;
    expect(queue.find((r: { id: string }) => r.id === created.id)).toMatchObject({ overdue: false, organization: 'Contoso Ltd' });
    clock.advance(25 * 3_600_000);
    queue = (await t.as(operator).get('/operator/support-requests?status=OVERDUE')).json().items;
    expect(queue.map((r: { id: string }) => r.id)).toContain(created.id);
    expect(queue.find((r: { id: string }) => r.id === created.id).overdue).toBe(true);

    // The publisher answers: the requester is mailed in their language with a link, and sees it in their list.
    const answered = await t.as(operator).post(`/operator/support-requests/${created.id}/replies`, {
      body: 'We raised the limit; try again.',
      waitForCustomer: true,
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'WAITING_FOR_CUSTOMER', answerDueAt: null, overdue: false });
    const [answerMail] = await mailsTo('admin@contoso.example', 'supportRequestAnswered');
    expect(answerMail?.text).toContain('We raised the limit; try again.');
    expect(answerMail?.text).toContain(`/support/requests/${created.id}`);
    const mine = (await t.as(admin).get('/support-requests')).json().items;
    expect(mine.find((r: { id: string }) => r.id === created.id)?.status).toBe('WAITING_FOR_CUSTOMER');
    const detail = (await t.as(admin).get(`/support-requests/${created.id}`)).json();
    expect(detail.messages).toMatchObject([{ author: 'PUBLISHER', body: 'We raised the limit; try again.', authorName: '' }]);

    // The requester replies: mailed to the support address, due again 24 hours later.
    const replied = await t.as(admin).post(`/support-requests/${created.id}/replies`, { body: 'It works now, thanks.' });
    expect(replied.json()).toMatchObject({
      status: 'CUSTOMER_REPLIED',
      answerDueAt: new Date(clock.now().getTime() + 24 * 3_600_000).toISOString(),
    });
    const [replyMail] = await mailsTo('help@northwind.example', 'supportQueueCustomerReply');
    expect(replyMail?.text).toContain('It works now, thanks.');

    // Closed by the publisher: the requester is told; nobody writes on it any more.
    expect((await t.as(operator).post(`/operator/support-requests/${created.id}/close`)).json().status).toBe('CLOSED');
    expect((await mailsTo('admin@contoso.example', 'supportRequestClosed')).length).toBe(1);
    const late = await t.as(admin).post(`/support-requests/${created.id}/replies`, { body: 'One more thing' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('SUPPORT_REQUEST_CLOSED');

    const actions = await q<{ action: string }>(sql`select action from audit_log where target_id = ${created.id} order by id`);
    expect(actions.map((a) => a.action)).toEqual([
      'support.request.submit',
      'support.request.answer',
      'support.request.reply',
      'support.request.close',
    ]);
  });

  it('R-SUP-1: a general question concerns no Licensing ID; the Swedish requester gets Swedish mail', async () => {
    const viewer = await signIn(t.app, 'viewer@contoso.example');
    const res = await t.as(viewer).post('/support-requests', form({ topic: 'OTHER', licensingId: null }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ licensingId: null, licensingIdNumber: null });
    const [ack] = await mailsTo('viewer@contoso.example', 'supportRequestReceived');
    expect(ack?.locale).toBe('sv');
    expect(ack?.text).toContain('inom 24 timmar');
  });

  it('R-SUP-1: a user never sees another user’s or another organization’s request (404), not even a colleague’s', async () => {
    const mine = (await t.as(admin).post('/support-requests', form())).json();
    for (const who of [colleague, fabrikam]) {
      expect((await t.as(who).get(`/support-requests/${mine.id}`)).statusCode).toBe(404);
      expect((await t.as(who).post(`/support-requests/${mine.id}/replies`, { body: 'hi' })).statusCode).toBe(404);
      expect((await t.as(who).post(`/support-requests/${mine.id}/close`)).statusCode).toBe(404);
      expect((await t.as(who).get(`/support-requests/${mine.id}/attachments/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
      const theirs = (await t.as(who).get('/support-requests')).json().items.map((r: { id: string }) => r.id);
      expect(theirs).not.toContain(mine.id);
    }
    // The queue is the publisher's alone.
    expect((await t.as(admin).get('/operator/support-requests')).statusCode).toBe(403);
    expect((await t.as(admin).post(`/operator/support-requests/${mine.id}/replies`, { body: 'self-answer' })).statusCode).toBe(403);
  });

  it('R-SUP-2: a Windows upgrade imaging request is accepted only with the written verification and the machines’ count, recorded with who and when', async () => {
    const before = await count('support_request');
    const imaging = {
      topic: 'WINDOWS_UPGRADE_IMAGING',
      subject: 'Imaging 40 laptops',
      description: 'Our LSP images 40 laptops with Windows Enterprise.',
    };
    for (const verification of [undefined, { confirmed: false, machines: 40 }]) {
      const refused = await t.as(admin).post('/support-requests', form({ ...imaging, imagingVerification: verification }));
      expect(refused.statusCode).toBe(400);
      expect(refused.json().code).toBe('SUPPORT_IMAGING_VERIFICATION_REQUIRED');
    }
    const zero = await t.as(admin).post('/support-requests', form({ ...imaging, imagingVerification: { confirmed: true, machines: 0 } }));
    expect(zero.statusCode).toBe(400);
    const elsewhere = await t.as(admin).post('/support-requests', form({ imagingVerification: { confirmed: true, machines: 3 } }));
    expect(elsewhere.json().code).toBe('SUPPORT_IMAGING_NOT_APPLICABLE');
    expect(await count('support_request')).toBe(before);
    expect(await count('outbox')).toBeGreaterThan(0);

    const ok = await t.as(admin).post('/support-requests', form({ ...imaging, imagingVerification: { confirmed: true, machines: 40 } }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().imagingVerification).toEqual({
      verifiedBy: 'admin@contoso.example',
      verifiedAt: clock.now().toISOString(),
      machines: 40,
    });
    const [row] = await q<{ imaging_machines: number; imaging_verified_at: Date }>(
      sql`select imaging_machines, imaging_verified_at from support_request where id = ${ok.json().id}`,
    );
    expect(row?.imaging_machines).toBe(40);
    const queue = await t.as(operator).get(`/operator/support-requests/${ok.json().id}`);
    expect(queue.json().imagingVerification.machines).toBe(40);
    const [mail] = (await mailsTo('help@northwind.example', 'supportQueueNewRequest')).filter((m) => m.subject.includes('Imaging 40'));
    expect(mail?.text).toContain('each of the 40 machines has a qualifying Windows base license');
  });

  it('R-SUP-1: bad input is refused with a stable code and nothing is written', async () => {
    const requests = await count('support_request');
    const attachments = await count('support_attachment');
    const audits = await count('audit_log');
    const cases: [Record<string, unknown>, number, string][] = [
      [form({ topic: 'BILLING' }), 400, 'VALIDATION_FAILED'],
      [form({ licensingId: fabrikamEnrollment }), 400, 'SUPPORT_LICENSING_ID_UNKNOWN'],
      [form({ licensingId: '00000000-0000-4000-8000-000000000000' }), 400, 'SUPPORT_LICENSING_ID_UNKNOWN'],
      [form({ description: 'x'.repeat(5001) }), 400, 'VALIDATION_FAILED'],
      [form({ description: 'too short' }), 400, 'VALIDATION_FAILED'],
      [form({ subject: 's'.repeat(151) }), 400, 'VALIDATION_FAILED'],
      [form({ subject: 'Two\nlines' }), 400, 'VALIDATION_FAILED'],
      [form({ description: 'A NUL \u0000 in the description text.' }), 400, 'INVALID_CHARACTERS'],
      [
        form({ attachments: ['a', 'b', 'c'].map((n) => ({ name: `${n}.txt`, mediaType: 'text/plain', contentBase64: b64(n) })) }),
        400,
        'SUPPORT_TOO_MANY_ATTACHMENTS',
      ],
      [
        form({ attachments: [{ name: 'big.txt', mediaType: 'text/plain', contentBase64: b64('x'.repeat(1025)) }] }),
        400,
        'SUPPORT_ATTACHMENT_TOO_LARGE',
      ],
      [
        form({ attachments: [{ name: 'evil.exe', mediaType: 'text/plain', contentBase64: b64('MZ') }] }),
        400,
        'SUPPORT_ATTACHMENT_TYPE_REFUSED',
      ],
      [
        form({ attachments: [{ name: 'fake.png', mediaType: 'image/png', contentBase64: b64('not a png') }] }),
        400,
        'SUPPORT_ATTACHMENT_TYPE_REFUSED',
      ],
      [
        form({ attachments: [{ name: '../etc/passwd.txt', mediaType: 'text/plain', contentBase64: b64('x') }] }),
        400,
        'SUPPORT_ATTACHMENT_NAME_INVALID',
      ],
      [form({ attachments: [{ name: 'a\u0000.txt', mediaType: 'text/plain', contentBase64: b64('x') }] }), 400, 'INVALID_CHARACTERS'],
      [
        form({ attachments: [{ name: 'a.zip', mediaType: 'application/x-msdownload', contentBase64: b64('x') }] }),
        400,
        'VALIDATION_FAILED',
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await t.as(admin).post('/support-requests', body);
      expect(res.statusCode, `${code}: ${res.body}`).toBe(status);
      expect(res.json().code).toBe(code);
    }
    expect(await count('support_request')).toBe(requests);
    expect(await count('support_attachment')).toBe(attachments);
    expect(await count('audit_log')).toBe(audits);
    // Not signed in: 401.
    expect((await t.as(null).post('/support-requests', form())).statusCode).toBe(401);
  });

  it('R-SUP-1: what people write is quoted in the mails: a paragraph shaped like a link never becomes a button', async () => {
    const lure = 'Please look at this.\n\n[Reset your password](https://evil.example/reset)\n\nThanks.';
    const sent = await t.as(admin).post('/support-requests', form({ subject: 'Link in text', description: lure }));
    expect(sent.statusCode, sent.body).toBe(201);
    const answered = await t.as(operator).post(`/operator/support-requests/${sent.json().id}/replies`, { body: lure });
    expect(answered.statusCode).toBe(200);
    const html = await q<{ html: string; text: string }>(
      sql`select html, text from outbox where template in ('supportQueueNewRequest', 'supportRequestAnswered') and text like '%evil.example%'`,
    );
    expect(html.length).toBe(2);
    for (const m of html) {
      expect(m.html).not.toContain('href="https://evil.example');
      expect(m.text).toContain('> [Reset your password](https://evil.example/reset)');
    }
  });

  it('R-SUP-1: the requester closes their own request; the publisher’s support address is told and the queue filters by status and topic', async () => {
    const mine = (await t.as(colleague).post('/support-requests', form({ topic: 'DOWNLOADS', subject: 'ISO missing' }))).json();
    const closed = await t.as(colleague).post(`/support-requests/${mine.id}/close`);
    expect(closed.json().status).toBe('CLOSED');
    expect((await mailsTo('help@northwind.example', 'supportQueueClosedByRequester')).some((m) => m.text.includes('ISO missing'))).toBe(
      true,
    );
    const again = await t.as(colleague).post(`/support-requests/${mine.id}/close`);
    expect(again.statusCode).toBe(409);
    const open = (await t.as(operator).get('/operator/support-requests?status=OPEN')).json().items.map((r: { id: string }) => r.id);
    expect(open).not.toContain(mine.id);
    const downloads = (await t.as(operator).get('/operator/support-requests?status=CLOSED&topic=DOWNLOADS')).json().items;
    expect(downloads.map((r: { id: string }) => r.id)).toEqual([mine.id]);
  });
});

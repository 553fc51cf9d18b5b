import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const PDF = Buffer.from('%PDF-1.4\n% a tiny test file\n');
const LOG = 'activation failed: 0xC004F074\n';

describe('support replies carry attachments both ways; the support address reads its configured language (R-SUP-1)', () => {
  let t: TestApp;
  const clock = fixedClock('2026-12-04T09:00:00Z');
  let operator: Session;
  let admin: Session;
  let requestId: string;
  const q = async <T extends Record<string, unknown>>(text: ReturnType<typeof sql>) => (await t.database.db.execute<T>(text)).rows;
  /** The files in the blob store (DATA_DIR/files): a refused reply must leave none of its own. */
  const storedFiles = async () =>
    (await readdir(path.join(t.config.DATA_DIR, 'files'), { recursive: true, withFileTypes: true }).catch(() => [])).filter((e) =>
      e.isFile(),
    ).length;
  const count = async (table: string) => (await q<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]?.n;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: {
        SIGN_IN_IP_LIMIT: '1000',
        SUPPORT_ATTACHMENT_MAX_COUNT: '2',
        SUPPORT_ATTACHMENT_MAX_BYTES: '1024',
        SUPPORT_MAIL: 'help@northwind.example',
        SUPPORT_MAIL_LOCALE: 'sv',
      },
    });
    operator = await signIn(t.app, 'operator@northwind.example');
    admin = await signIn(t.app, 'admin@contoso.example');
    const res = await t.as(admin).post('/support-requests', {
      topic: 'ACTIVATION',
      licensingId: null,
      subject: 'Activation fails',
      description: 'Activation fails on every machine since Monday.',
      attachments: [{ name: 'first.txt', mediaType: 'text/plain', contentBase64: b64('sent with the form') }],
    });
    expect(res.statusCode, res.body).toBe(201);
    requestId = res.json().id;
  }, 120_000);
  afterAll(() => t.close());

  it('R-SUP-1: the requester replies with a file: it belongs to the reply, the publisher downloads it and its mail names it', async () => {
    const res = await t.as(admin).post(`/support-requests/${requestId}/replies`, {
      body: 'Here is the log.',
      attachments: [{ name: 'activation.log', mediaType: 'text/plain', contentBase64: b64(LOG) }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail.attachments.map((a: { name: string }) => a.name)).toEqual(['first.txt']);
    const [reply] = detail.messages;
    expect(reply.attachments).toMatchObject([{ name: 'activation.log', mediaType: 'text/plain', size: LOG.length }]);
    const file = await t.as(operator).get(`/operator/support-requests/${requestId}/attachments/${reply.attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe(LOG);
    const [mail] = await q<{ text: string; locale: string }>(
      sql`select text, locale from outbox where to_address = 'help@northwind.example' and template = 'supportQueueCustomerReply'`,
    );
    expect(mail?.text).toContain('Bilagor: activation.log');
    const [entry] = await q<{ after: { attachments: { name: string }[] } }>(
      sql`select after from audit_log where action = 'support.request.reply' and target_id = ${requestId}`,
    );
    expect(entry?.after.attachments.map((a) => a.name)).toEqual(['activation.log']);
  });

  it('R-SUP-1: the publisher answers with a file: the requester downloads it, and their mail (in their language) names it', async () => {
    clock.advance(60_000);
    const res = await t.as(operator).post(`/operator/support-requests/${requestId}/replies`, {
      body: 'Follow the attached guide.',
      attachments: [{ name: 'guide.pdf', mediaType: 'application/pdf', contentBase64: b64(PDF) }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const answer = (await t.as(admin).get(`/support-requests/${requestId}`)).json().messages.at(-1);
    expect(answer).toMatchObject({ author: 'PUBLISHER', attachments: [{ name: 'guide.pdf', mediaType: 'application/pdf' }] });
    const file = await t.as(admin).get(`/support-requests/${requestId}/attachments/${answer.attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    const [mail] = await q<{ text: string; locale: string }>(
      sql`select text, locale from outbox where to_address = 'admin@contoso.example' and template = 'supportRequestAnswered'`,
    );
    expect(mail?.locale).toBe('en');
    expect(mail?.text).toContain('Attachments: guide.pdf');
    // A reply without files says nothing of them.
    clock.advance(60_000);
    await t.as(admin).post(`/support-requests/${requestId}/replies`, { body: 'Thanks, trying.' });
    const plain = await q<{ text: string }>(
      sql`select text from outbox where template = 'supportQueueCustomerReply' and text like '%Thanks, trying.%'`,
    );
    expect(plain[0]?.text).not.toContain('Bilagor');
  });

  it('R-SUP-1: a reply with a bad file is refused with the form’s codes, and nothing of it is written', async () => {
    const before = { messages: await count('support_message'), files: await count('support_attachment'), audit: await count('audit_log') };
    const outbox = await count('outbox');
    const blobs = await storedFiles();
    expect(blobs).toBeGreaterThan(0);
    const file = (name: string, mediaType: string, content: string | Buffer) => ({ name, mediaType, contentBase64: b64(content) });
    const cases: [string, Record<string, unknown>, string][] = [
      [
        `/support-requests/${requestId}/replies`,
        { body: 'x', attachments: ['a', 'b', 'c'].map((n) => file(`${n}.txt`, 'text/plain', n)) },
        'SUPPORT_TOO_MANY_ATTACHMENTS',
      ],
      [
        `/support-requests/${requestId}/replies`,
        { body: 'x', attachments: [file('big.txt', 'text/plain', 'x'.repeat(1025))] },
        'SUPPORT_ATTACHMENT_TOO_LARGE',
      ],
      [
        `/operator/support-requests/${requestId}/replies`,
        { body: 'x', attachments: [file('fake.pdf', 'application/pdf', 'not a pdf')] },
        'SUPPORT_ATTACHMENT_TYPE_REFUSED',
      ],
      [
        `/operator/support-requests/${requestId}/replies`,
        { body: 'x', attachments: [file('empty.txt', 'text/plain', '')] },
        'SUPPORT_ATTACHMENT_EMPTY',
      ],
    ];
    for (const [path, body, code] of cases) {
      const res = await t.as(path.startsWith('/operator') ? operator : admin).post(path, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe(code);
    }
    expect({ messages: await count('support_message'), files: await count('support_attachment'), audit: await count('audit_log') }).toEqual(
      before,
    );
    expect(await count('outbox')).toBe(outbox);
    // On a closed request the files are refused with it, and no stored bytes stay behind.
    await t.as(operator).post(`/operator/support-requests/${requestId}/close`);
    const late = await t
      .as(admin)
      .post(`/support-requests/${requestId}/replies`, { body: 'late', attachments: [file('late.txt', 'text/plain', 'late')] });
    expect(late.json().code).toBe('SUPPORT_REQUEST_CLOSED');
    expect(await count('support_attachment')).toBe(before.files);
    expect(await storedFiles()).toBe(blobs);
  });

  it('R-SUP-1: mails to the support address follow SUPPORT_MAIL_LOCALE (Swedish here), whatever the requester’s language', async () => {
    const toSupport = await q<{ template: string; locale: string; subject: string }>(
      sql`select template, locale, subject from outbox where to_address = 'help@northwind.example' order by id`,
    );
    expect(toSupport.map((m) => m.template)).toEqual(expect.arrayContaining(['supportQueueNewRequest', 'supportQueueCustomerReply']));
    for (const m of toSupport) expect(m.locale).toBe('sv');
    expect(toSupport[0]?.subject).toContain('Ny supportbegäran');
    expect(() => loadConfig({ SUPPORT_MAIL_LOCALE: 'de' })).toThrow(/SUPPORT_MAIL_LOCALE/);
    expect(loadConfig({}).SUPPORT_MAIL_LOCALE).toBe('en');
  });
});

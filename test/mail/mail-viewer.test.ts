import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_MAILS } from '../../src/mails.js';
import { defineMails, renderMail, WITHHELD } from '../../src/platform/mail/templates.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { decodeMail as decode, serverWithSmtp } from '../helpers/smtp-server.js';

const tokenIn = (text: string, pathName: string) => {
  const m = new RegExp(`${pathName}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!m?.[1]) throw new Error(`no ${pathName} link in: ${text}`);
  return m[1];
};

describe('mail templates mark the parameters that carry a credential', () => {
  it('every template whose link holds a token marks it secret', () => {
    const marked = Object.fromEntries(ALL_MAILS.filter((t) => t.secret.length).map((t) => [t.name, t.secret]));
    expect(marked).toMatchObject({
      invitation: ['url'],
      emailVerification: ['url'],
      signUpCompleted: ['url'],
      resellerAdminNotice: ['denyUrl'],
      passwordResetLink: ['url'],
      passwordResetLinkByAdministrator: ['url'],
    });
  });

  it('the recipient’s rendering has the link; the staff’s copy withholds it, in the mail’s language', () => {
    const invitation = ALL_MAILS.find((t) => t.name === 'invitation');
    if (!invitation) throw new Error('no invitation template');
    const params = {
      firstName: 'Ina',
      inviterName: 'Anna',
      organization: 'Contoso',
      email: 'ina@contoso.example',
      expiresAt: '2027-01-01',
      url: 'https://lsc.example/register?token=SECRET-TOKEN-123',
    };
    for (const locale of ['en', 'sv'] as const) {
      const r = renderMail(invitation, locale, params);
      expect(r.text).toContain('SECRET-TOKEN-123');
      expect(r.html).toContain('SECRET-TOKEN-123');
      expect(r.redactedText).not.toContain('SECRET-TOKEN-123');
      expect(r.redactedHtml).not.toContain('SECRET-TOKEN-123');
      expect(r.redactedText).toContain(WITHHELD[locale]);
      expect(r.redactedText).toContain('ina@contoso.example'); // the rest of the mail stays readable
    }
  });

  it('a secret parameter in a subject, or one the body does not use, is a programming error', () => {
    const body = { en: 'Hi {url}', sv: 'Hej {url}' };
    expect(() => defineMails({ bad: { secret: ['url'], subject: { en: 'Go {url}', sv: 'Gå {url}' }, body } })).toThrow(/subject/);
    expect(() => defineMails({ bad: { secret: ['link'], subject: { en: 'Go', sv: 'Gå' }, body } })).toThrow(/not in the en body/);
  });
});

describe('the operator’s mail viewer without SMTP', () => {
  let t: TestApp;
  let admin: Session;
  let operator: Session;
  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '1000' } });
    admin = await signIn(t.app, 'admin@contoso.example');
    operator = await signIn(t.app, 'operator@northwind.example');
  });
  afterAll(() => t.close());

  it('an invitation’s token never appears in the viewer (JSON or HTML), yet the invitee registers with the mailed link', async () => {
    const enrollment = await t.database.db.execute<{ id: string }>(sql`select id from licensing_id where number = '67012345'`);
    const added = await t.as(admin).post('/users', {
      email: 'ina.invitee@contoso.example',
      firstName: 'Ina',
      lastName: 'Invitee',
      grants: [{ licensingId: enrollment.rows[0]?.id, roles: ['PRODUCT_KEYS'] }],
    });
    expect(added.statusCode, added.body).toBe(201);
    // Tests (and SMTP) still read the recipient's copy from the outbox table.
    const [sent] = (
      await t.database.db.execute<{ id: number; text: string; html: string }>(
        sql`select id, text, html from outbox where to_address = 'ina.invitee@contoso.example' and template = 'invitation'`,
      )
    ).rows;
    if (!sent) throw new Error('no invitation mail');
    const token = tokenIn(sent.text, '/register');
    expect(sent.html).toContain(token);

    const list = await t.as(operator).get('/operator/mail?to=ina.invitee@contoso.example');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect(list.body).not.toContain(token);
    expect(list.json().items[0].text).toContain(WITHHELD.en);
    expect(list.json().items[0].text).toContain('ina.invitee@contoso.example');
    const all = await t.as(operator).get('/operator/mail?limit=200');
    expect(all.body).not.toContain(token);

    const html = await t.as(operator).get(`/operator/mail/${sent.id}/html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).not.toContain(token);
    expect(html.body).not.toContain('/register?');
    expect(html.body).toContain('>Register</a>');
    expect(html.body).toContain('withheld');

    // The recipient's link works: the token is live, just not for staff.
    const registered = await t
      .as(null)
      .post('/auth/register', { token, firstName: 'Ina', lastName: 'Invitee', password: 'a-long-enough-passphrase' });
    expect(registered.statusCode, registered.body).toBe(201);
  });

  it('no mail of any flow leaves a link token in the staff’s copy', async () => {
    // A self sign-up's confirmation link, besides the invitation above.
    const signedUp = await t.as(null).post('/auth/sign-up', {
      email: 'sid.signup@contoso.example',
      firstName: 'Sid',
      lastName: 'Signup',
      password: 'a-long-enough-passphrase',
      country: 'SE',
    });
    expect(signedUp.statusCode).toBe(202);
    const confirmation = await t.as(operator).get('/operator/mail?to=sid.signup@contoso.example');
    expect(confirmation.json().items[0].template).toBe('signUpCompleted');
    expect(confirmation.body).not.toMatch(/verify-email\?token=/);
    const rows = (
      await t.database.db.execute<{ template: string; redacted_text: string; redacted_html: string }>(
        sql`select template, redacted_text, redacted_html from outbox`,
      )
    ).rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.redacted_text, r.template).not.toMatch(/[?&]token=/);
      expect(r.redacted_html, r.template).not.toMatch(/[?&]token=/);
    }
  });

  it('the viewer says it is available; only operators reach it', async () => {
    const state = await t.as(operator).get('/operator/mail/viewer');
    expect(state.json()).toEqual({ available: true, delivery: 'outbox' });
    const customer = await t.as(admin).get('/operator/mail');
    expect(customer.statusCode).toBe(403);
  });
});

describe('with SMTP the viewer is off and mail goes to its recipient', () => {
  const served = serverWithSmtp();
  const session = (email: string) => served.session(email);

  it('the invitation arrives over SMTP with its live link; the viewer answers MAIL_VIEWER_OFF', async () => {
    const admin = await session('admin@contoso.example');
    const ids = (await (await fetch(`${served.server.url}/api/v1/licensing-ids`, { headers: admin })).json()) as {
      items: { id: string; number: string }[];
    };
    const enrollment = ids.items.find((l) => l.number === '67012345')?.id;
    const added = await fetch(`${served.server.url}/api/v1/users`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        email: 'sam.smtp@contoso.example',
        firstName: 'Sam',
        lastName: 'Smtp',
        grants: [{ licensingId: enrollment, roles: ['DOWNLOAD'] }],
      }),
    });
    expect(added.status).toBe(201);
    const mail = await served.sink.next();
    expect(mail.to).toEqual(['sam.smtp@contoso.example']);
    const token = tokenIn(decode(mail.raw), 'http://portal.test/register');
    expect(decode(mail.raw)).not.toContain(WITHHELD.en);

    const operator = await session('operator@northwind.example');
    for (const url of ['/api/v1/operator/mail', '/api/v1/operator/mail?to=sam.smtp@contoso.example', '/api/v1/operator/mail/1/html']) {
      const res = await fetch(`${served.server.url}${url}`, { headers: operator });
      const body = await res.text();
      expect(res.status, url).toBe(404);
      expect(JSON.parse(body).code).toBe('MAIL_VIEWER_OFF');
      expect(body).not.toContain(token);
    }
    const state = await fetch(`${served.server.url}/api/v1/operator/mail/viewer`, { headers: operator });
    expect(await state.json()).toEqual({ available: false, delivery: 'smtp' });
  });
});

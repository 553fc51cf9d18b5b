import { describe, expect, it } from 'vitest';
import { decodeMail as decode, serverWithSmtp } from '../helpers/smtp-server.js';

describe('password reset mails over a real SMTP server', () => {
  const served = serverWithSmtp();
  const post = (url: string, body: object) => served.post(url, body);

  it('R-SUP-3: the reset link reaches the owner in their language, works, and the change is confirmed by mail', async () => {
    // viewer@contoso.example is seeded with Swedish.
    const asked = await post('/auth/password-reset/request', { email: 'viewer@contoso.example' });
    expect(asked.status).toBe(202);
    const link = await served.sink.next();
    expect(link.to).toEqual(['viewer@contoso.example']);
    expect(link.raw).toMatch(/Subject: =\?UTF-8\?[QB]\?/);
    const text = decode(link.raw);
    expect(text).toContain('Hej Erik');
    expect(text).toContain('Välj ett nytt lösenord');
    const token = /http:\/\/portal\.test\/reset-password\?token=([\w-]+)/.exec(text)?.[1];
    expect(token).toBeTruthy();

    const reset = await post('/auth/password-reset', { token, password: 'eriks-new-password-2026' });
    expect(reset.status).toBe(200);
    const confirmed = await served.sink.next();
    expect(confirmed.to).toEqual(['viewer@contoso.example']);
    expect(decode(confirmed.raw)).toContain('återställdes med en mejlad länk');

    const signIn = await post('/auth/sign-in', { email: 'viewer@contoso.example', password: 'eriks-new-password-2026' });
    expect(signIn.status).toBe(200);
  });
});

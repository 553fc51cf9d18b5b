import { describe, expect, it } from 'vitest';
import { chooseLanguage, expectNoAxeViolations, h1, signInAs } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

/**
 * Finding 11: with SMTP the mail reaches its recipients, so the portal offers operators no mail
 * outbox: the navigation leaves it out and the page says it is off. (Without SMTP the page and its
 * withheld links are walked in test/e2e/identity.test.ts.) Nothing connects to the SMTP address:
 * the test app runs no dispatcher.
 */
describe('the mail outbox in the portal of a deployment with SMTP', () => {
  const portal = portalInChromium({ app: { env: { SMTP_URL: 'smtp://127.0.0.1:2525', SIGN_IN_IP_LIMIT: '1000' } } });

  it('operators see no Mail outbox entry, and the page says the outbox is off (English and Swedish, axe clean)', async () => {
    const page = await portal.open();
    const viewer = page.waitForResponse((r) => r.url().endsWith('/api/v1/operator/mail/viewer'));
    await signInAs(page, 'operator@northwind.example');
    expect(await (await viewer).json()).toEqual({ available: false, delivery: 'smtp' });
    await page.getByRole('navigation').first().waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Mail outbox' }).count()).toBe(0);

    await page.goto('/operator/mail');
    await page.getByText('The mail outbox is off').waitFor();
    expect(await page.locator('main').textContent()).toContain('delivers mail over SMTP');
    expect(await page.locator('tr[data-mail-id]').count()).toBe(0);
    await expectNoAxeViolations(page);

    await chooseLanguage(page, 'sv');
    await page.getByText('Utkorgen är avstängd').waitFor();
    await expect.poll(() => h1(page).textContent()).toBe('Utkorg för e-post');
    await expectNoAxeViolations(page);
  }, 120_000);
});

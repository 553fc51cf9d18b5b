import { mkdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiFrom, axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1, signInAs, submitSignIn } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

/**
 * Passkeys need a host name (browsers refuse an IP address as relying party) in a secure context:
 * http://localhost is one, so the portal's public address is localhost, which the browser maps
 * to the test server.
 */
const PUBLIC = 'http://localhost';
const PASSWORD = 'second-factor-e2e-1';

/** The authenticator app's code of the current 30-second step. */
const currentCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) });
/** The code of the next step: accepted now too, and later than any current-step code used before it. */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

/** SECOND_FACTOR_SHOTS=<dir> keeps a screenshot of each page the tests look at. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SECOND_FACTOR_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/**
 * At 320 px (WCAG 1.4.10) nothing of `region` reaches past the window's right edge, except inside
 * an element that scrolls sideways itself (a table); then back to the desktop width.
 */
async function expectUsableAt320(page: Page, region: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 800 });
  // The layout settles after the resize (the app shell's breakpoints re-render it): what is still cut off once it has.
  const cutOff = () =>
    page.locator(region).evaluate((root) => {
      const width = document.documentElement.clientWidth;
      const scrolls = (el: Element | null): boolean => {
        for (let p = el; p && p !== root.parentElement; p = p.parentElement) {
          const overflow = getComputedStyle(p).overflowX;
          if (overflow === 'auto' || overflow === 'scroll') return true;
        }
        return false;
      };
      return [root, ...root.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > width + 1 && !scrolls(el.parentElement))
        .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> ${(el.textContent ?? '').slice(0, 40)}`);
    });
  await expect.poll(cutOff, { message: `${region} on ${page.url()} at 320 px`, timeout: 10_000 }).toEqual([]);
  await shot(page, `${new URL(page.url()).pathname.slice(1)}-${Date.now()}-320`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('second factor in Chromium: sign-in security on the profile, the second step of sign-in, the organization’s setting', () => {
  const portal = portalInChromium({ app: { env: { PUBLIC_URL: PUBLIC, SIGN_IN_IP_LIMIT: '1000' } }, hosts: ['localhost'] });
  const open = (locale = 'en-US') => portal.open(locale, { baseURL: PUBLIC });

  async function newUser(email: string, organization = 'Contoso Ltd'): Promise<void> {
    await portal.server.given.user(email, { organization, firstName: 'Eve', lastName: 'Factor', password: PASSWORD });
  }

  async function signOut(page: Page): Promise<void> {
    expect((await apiFrom(page, 'POST', '/auth/sign-out')).status).toBe(204);
    await page.goto('/sign-in');
    await h1(page).waitFor();
  }

  const SECURITY = 'section[aria-labelledby="sign-in-security"]';
  const security = (page: Page) => page.locator(SECURITY);

  it('TOTP: set up on the profile (QR code and key), recovery codes shown once, then the second step of sign-in asks for a code', async () => {
    await newUser('eve.totp@contoso.example');
    const page = await open();
    await signInAs(page, 'eve.totp@contoso.example', PASSWORD);
    await page.goto('/profile');
    await security(page).getByRole('button', { name: 'Set up an authenticator app' }).click();
    await expect.poll(() => page.getByTestId('totp-qr').isVisible()).toBe(true);
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await axeInEnglishAndSwedish(page);
    await expectUsableAt320(page, SECURITY);

    await security(page).locator('input[name="totp-code"]').fill('000000');
    await security(page).getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => security(page).locator('[data-code="SECOND_FACTOR_CODE_WRONG"]').isVisible()).toBe(true);
    await security(page)
      .locator('input[name="totp-code"]')
      .fill(await currentCode(secret));
    await security(page).getByRole('button', { name: 'Confirm' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await expect.poll(() => codes.count()).toBe(10);
    await expect.poll(() => page.getByTestId('totp-state').textContent()).toBe('On');
    await shot(page, 'profile-recovery-codes');
    await axeInEnglishAndSwedish(page);
    await security(page).getByRole('button', { name: 'I have saved them' }).click();
    await expect.poll(() => page.getByTestId('recovery-left').textContent()).toBe('10 codes left');
    expect(await portal.newestMail('eve.totp@contoso.example', 'totpAdded')).toContain('authenticator app was set up');

    await signOut(page);
    await submitSignIn(page, 'eve.totp@contoso.example', PASSWORD);
    const step = page.getByTestId('second-step');
    await step.waitFor();
    // No session yet: the password alone opened nothing.
    expect((await apiFrom(page, 'GET', '/me')).status).toBe(401);
    await axeInEnglishAndSwedish(page);
    await expectUsableAt320(page, 'main');
    await chooseLanguage(page, 'sv');
    await expect.poll(() => step.getByRole('button', { name: 'Använd en återställningskod i stället' }).isVisible()).toBe(true);
    await chooseLanguage(page, 'en');
    await step.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await step.locator('input[name="recovery-code"]').waitFor();
    await expectNoAxeViolations(page);
    await step.getByRole('button', { name: 'Use the authenticator app instead' }).click();
    await step.locator('input[name="totp-code"]').fill(await nextCode(secret));
    await step.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect((await apiFrom<{ email: string }>(page, 'GET', '/me')).body.email).toBe('eve.totp@contoso.example');
  }, 120_000);

  it('passkeys: registered and named on the profile with Chromium’s virtual authenticator, then used for the second step', async () => {
    await newUser('eve.passkey@contoso.example');
    const page = await open();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await signInAs(page, 'eve.passkey@contoso.example', PASSWORD);
    await page.goto('/profile');
    await security(page).locator('input[name="passkey-name"]').fill('Work laptop');
    await security(page).getByRole('button', { name: 'Add a passkey' }).click();
    await expect.poll(() => page.locator('tr[data-passkey="Work laptop"]').count()).toBe(1);
    await expect.poll(() => page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    await axeInEnglishAndSwedish(page);
    await expectUsableAt320(page, SECURITY);

    await signOut(page);
    await submitSignIn(page, 'eve.passkey@contoso.example', PASSWORD);
    const step = page.getByTestId('second-step');
    await step.getByRole('button', { name: 'Sign in with a passkey' }).waitFor();
    await shot(page, 'sign-in-passkey');
    await axeInEnglishAndSwedish(page);
    await step.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect((await apiFrom<{ email: string }>(page, 'GET', '/me')).body.email).toBe('eve.passkey@contoso.example');
    const used = await portal.server.database.db.execute<{ last_used_at: Date | null }>(
      sql`select p.last_used_at from passkey p join "user" u on u.id = p.user_id where u.email = 'eve.passkey@contoso.example'`,
    );
    expect(used.rows[0]?.last_used_at).not.toBeNull();
  }, 120_000);

  it('the organization’s setting: an Administrator requires a second factor, and a user without one sets it up at sign-in', async () => {
    const admin = await open();
    await signInAs(admin, 'admin@fabrikam.example');
    await admin.goto('/organization');
    const setting = admin.getByTestId('require-second-factor');
    await setting.waitFor();
    await axeInEnglishAndSwedish(admin);
    await expectUsableAt320(admin, 'section[aria-labelledby="org-security-heading"]');
    await admin.getByRole('switch', { name: 'Require a second factor' }).check();
    await admin.locator('section[aria-labelledby="org-security-heading"]').getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => (await apiFrom<{ requireSecondFactor: boolean }>(admin, 'GET', '/organization')).body.requireSecondFactor)
      .toBe(true);

    await newUser('eve.enrol@fabrikam.example', 'Fabrikam Inc');
    const page = await open('sv-SE');
    await page.goto('/sign-in');
    await submitSignIn(page, 'eve.enrol@fabrikam.example', PASSWORD);
    const enrol = page.getByTestId('second-step-enrol');
    await enrol.waitFor();
    expect((await apiFrom(page, 'GET', '/me')).status).toBe(401);
    await axeInEnglishAndSwedish(page);
    await expectUsableAt320(page, 'main');
    await enrol.getByRole('button', { name: 'Konfigurera en autentiseringsapp' }).click();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    await expectNoAxeViolations(page);
    await page.locator('input[name="totp-code"]').fill(await nextCode(secret));
    await page.getByRole('button', { name: 'Bekräfta' }).click();
    await expect.poll(() => page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await shot(page, 'sign-in-enrolled');
    await axeInEnglishAndSwedish(page);
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect((await apiFrom<{ email: string }>(page, 'GET', '/me')).body.email).toBe('eve.enrol@fabrikam.example');
  }, 120_000);
});

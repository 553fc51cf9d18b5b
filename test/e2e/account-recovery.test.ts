import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeInEnglishAndSwedish, DEMO_PASSWORD, expectNoAxeViolations, h1, submitSignIn } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

const NEW_PASSWORD = 'a-recovered-password-2026';

describe('account recovery in Chromium', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  /** The path of the newest reset link mailed to an address (the mail names the public address). */
  async function mailedResetPath(to: string, template = 'passwordResetLink'): Promise<string> {
    const link = /\/reset-password\?token=[\w-]+/.exec(await portal.newestMail(to, template))?.[0];
    if (!link) throw new Error(`no ${template} mail to ${to}`);
    return link;
  }

  type Texts = Record<
    | 'showPassword'
    | 'forgotLink'
    | 'send'
    | 'emailRequired'
    | 'mismatch'
    | 'sentTitle'
    | 'resetTitle'
    | 'save'
    | 'doneTitle'
    | 'used'
    | 'requestAgain',
    string
  >;

  async function forgotAndReset(page: Page, email: string, t: Texts) {
    await page.goto('/sign-in');
    // Mantine's show-password button speaks the page's language (finding 13).
    await page.getByRole('button', { name: t.showPassword }).waitFor({ state: 'attached' });
    await page.getByRole('link', { name: t.forgotLink }).click();
    await page.waitForURL(/\/forgot-password$/);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: t.send }).click();
    await page.getByText(t.emailRequired).waitFor();
    await page.locator('input[name="email"]').fill(email);
    await page.getByRole('button', { name: t.send }).click();
    await page.getByRole('status').filter({ hasText: t.sentTitle }).waitFor();
    await expectNoAxeViolations(page);

    const link = await mailedResetPath(email);
    await page.goto(link);
    await h1(page).filter({ hasText: t.resetTitle }).waitFor();
    expect(await page.locator('input[name="username"]').inputValue()).toBe(email);
    await expectNoAxeViolations(page);
    await page.locator('input[name="new-password"]').fill(NEW_PASSWORD);
    await page.locator('input[name="confirm-password"]').fill('not-the-same-password-2026');
    await page.getByRole('button', { name: t.save }).click();
    await page.getByText(t.mismatch).waitFor();
    await page.locator('input[name="confirm-password"]').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: t.save }).click();
    await page.getByRole('status').filter({ hasText: t.doneTitle }).waitFor();
    await expectNoAxeViolations(page);

    // The link is spent: opened again it says so and offers a new one.
    await page.goto(link);
    await page.getByRole('alert').filter({ hasText: t.used }).waitFor();
    await page.getByRole('link', { name: t.requestAgain }).waitFor();
    await expectNoAxeViolations(page);

    // The old password no longer signs in; the new one does.
    await page.goto('/sign-in');
    await submitSignIn(page, email, DEMO_PASSWORD);
    await page.getByRole('alert').waitFor();
    await submitSignIn(page, email, NEW_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
  }

  it('forgot password → mailed link → new password → sign in, in English', async () => {
    const page = await portal.open('en-US');
    await forgotAndReset(page, 'keys@contoso.example', {
      showPassword: 'Show password',
      forgotLink: 'Forgot your password?',
      send: 'Send the link',
      emailRequired: 'Enter your work e-mail address.',
      mismatch: 'The passwords do not match.',
      sentTitle: 'Check your inbox',
      resetTitle: 'Choose a new password',
      save: 'Save the new password',
      doneTitle: 'Your password is changed',
      used: 'already been used',
      requestAgain: 'Ask for a new link',
    });
    expect(await portal.newestMail('keys@contoso.example', 'passwordResetDone')).toContain('was reset with a mailed link');
  }, 120_000);

  it('glömt lösenord → mejlad länk → nytt lösenord → logga in, på svenska', async () => {
    const page = await portal.open('sv-SE');
    await forgotAndReset(page, 'viewer@contoso.example', {
      showPassword: 'Visa lösenord',
      forgotLink: 'Glömt lösenordet?',
      send: 'Skicka länken',
      emailRequired: 'Ange din arbetsadress.',
      mismatch: 'Lösenorden stämmer inte överens.',
      sentTitle: 'Titta i inkorgen',
      resetTitle: 'Välj ett nytt lösenord',
      save: 'Spara det nya lösenordet',
      doneTitle: 'Ditt lösenord är ändrat',
      used: 'redan använts',
      requestAgain: 'Be om en ny länk',
    });
    // viewer@contoso.example reads mails in Swedish.
    expect(await portal.newestMail('viewer@contoso.example', 'passwordResetLink')).toContain('Välj ett nytt lösenord');
  }, 120_000);

  it('change password on the profile: the current one first, then the new one twice', async () => {
    const page = await portal.signedIn('admin@contoso.example');
    await page.goto('/profile');
    const section = page.getByRole('region', { name: 'Password' });
    await section.waitFor();
    await axeInEnglishAndSwedish(page);
    await section.locator('input[name="current-password"]').fill('not-my-password-at-all');
    await section.locator('input[name="new-password"]').fill(NEW_PASSWORD);
    await section.locator('input[name="confirm-password"]').fill(NEW_PASSWORD);
    await section.getByRole('button', { name: 'Change password' }).click();
    await section.getByRole('alert').filter({ hasText: 'The current password is not correct.' }).waitFor();
    await expectNoAxeViolations(page);
    await section.locator('input[name="current-password"]').fill(DEMO_PASSWORD);
    await section.getByRole('button', { name: 'Change password' }).click();
    await section.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();
    expect(await section.locator('input[name="current-password"]').inputValue()).toBe('');
    await axeInEnglishAndSwedish(page);
    expect(await portal.newestMail('admin@contoso.example', 'passwordChanged')).toContain('changed from your profile');
    // Still signed in here.
    await page.reload();
    await page.getByRole('region', { name: 'Password' }).waitFor();
  }, 120_000);

  it('Manage Users: an Administrator sends a reset link (after confirming) and corrects a name', async () => {
    // The Administrator's password is the one the previous test chose.
    const admin = await portal.open('en-US');
    await admin.goto('/sign-in');
    await submitSignIn(admin, 'admin@contoso.example', NEW_PASSWORD);
    await admin.waitForURL((url) => url.pathname === '/');
    const [keys] = (
      await portal.server.database.db.execute<{ id: string }>(sql`select id from "user" where email = 'keys@contoso.example'`)
    ).rows;
    await admin.goto(`/administration/users/${keys?.id}`);
    const section = admin.getByRole('region', { name: 'Sign-in and name' });
    await section.waitFor();
    await axeInEnglishAndSwedish(admin);

    await section.getByRole('button', { name: 'Send password reset link' }).click();
    const confirm = admin.getByRole('dialog');
    await confirm.getByText('You see neither the link nor the password').waitFor();
    await expectNoAxeViolations(admin);
    await confirm.getByRole('button', { name: 'Send the link' }).click();
    await section.getByRole('status').filter({ hasText: 'A password reset link was sent to keys@contoso.example' }).waitFor();
    expect(await admin.locator('main').textContent()).not.toMatch(/reset-password\?token=/);
    expect(await portal.newestMail('keys@contoso.example', 'passwordResetLinkByAdministrator')).toContain('Anna Lind');

    await section.getByRole('button', { name: 'Edit name' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Correct the name of keys@contoso.example' });
    await dialog.getByLabel('First name').fill('');
    await dialog.getByRole('button', { name: 'Save name' }).click();
    await dialog.getByText('Enter the first name.').waitFor();
    await expectNoAxeViolations(admin);
    await dialog.getByLabel('First name').fill('Sarah');
    await dialog.getByRole('button', { name: 'Save name' }).click();
    await section.getByRole('status').filter({ hasText: 'The name is now Sarah Holm.' }).waitFor();
    await h1(admin).filter({ hasText: 'Sarah Holm' }).waitFor();
    await axeInEnglishAndSwedish(admin);
    expect(await portal.newestMail('keys@contoso.example', 'nameCorrected')).toContain('Now: Sarah Holm');
  }, 120_000);
});

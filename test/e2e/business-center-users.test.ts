import { describe, expect, it } from 'vitest';
import { axeInEnglishAndSwedish, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('Business Center users and the purchasing accounts back office in Chromium (R-PERM-14, R-BC-1)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  it('R-PERM-14: an Account administrator adds a user as Report viewer, changes it to Account manager, then revokes after confirming; en+sv, axe, 320 px', async () => {
    const page = await portal.signedIn('admin@contoso.example');
    await page.getByRole('navigation').getByRole('link', { name: 'Business Center', exact: true }).click();
    await page.getByRole('link', { name: 'Contoso Ltd — Headquarters' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Contoso Ltd — Headquarters');
    await page.getByRole('navigation', { name: 'Business Center sections' }).getByRole('link', { name: 'Users' }).click();
    await page.locator('tr[data-user="viewer@contoso.example"]').waitFor();
    await axeInEnglishAndSwedish(page);

    const email = 'e2e.buyer@contoso.example';
    const add = page.locator('form[aria-labelledby="add-account-user"]');
    await add.getByLabel('Work e-mail address').fill(email);
    await add.getByLabel('First name').fill('Eva');
    await add.getByLabel('Last name').fill('Buyer');
    await add.getByRole('checkbox', { name: 'Report viewer' }).check();
    await add.getByRole('button', { name: 'Add user' }).click();
    await page.getByTestId('account-user-added').waitFor();
    const row = page.locator(`tr[data-user="${email}"]`);
    await expect.poll(() => row.getByTestId('user-roles').textContent()).toBe('Report viewer');
    expect(await row.getByTestId('user-status').textContent()).toBe('Invited');
    expect(await portal.newestMail(email, 'accountInvitation')).toContain('Report viewer');

    await row.getByRole('button', { name: `Change roles: ${email}` }).click();
    await row.getByRole('checkbox', { name: 'Report viewer' }).uncheck();
    await row.getByRole('checkbox', { name: 'Account manager' }).check();
    await axeInEnglishAndSwedish(page);
    await row.getByRole('button', { name: 'Save roles' }).click();
    await expect.poll(() => page.locator(`tr[data-user="${email}"]`).getByTestId('user-roles').textContent()).toBe('Account manager');
    expect(await portal.newestMail(email, 'accountRolesChanged')).toContain('Account manager');

    await page
      .locator(`tr[data-user="${email}"]`)
      .getByRole('button', { name: `Revoke access: ${email}` })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('loses every role').waitFor();
    await dialog.getByRole('button', { name: 'Revoke access' }).click();
    await expect.poll(() => page.locator(`tr[data-user="${email}"]`).count()).toBe(0);
    expect(await portal.newestMail(email, 'accountRolesRevoked')).toContain('71000101');

    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  }, 180_000);

  it('R-PERM-14: the Users section is shown only to roles that manage users', async () => {
    // keys@contoso.example is a Report viewer on Headquarters: it sees the agreements, not the users.
    const page = await portal.signedIn('keys@contoso.example');
    await page.goto('/business-center');
    await page.getByRole('link', { name: 'Contoso Ltd — Headquarters' }).click();
    await page.locator('tr[data-licensing-id="67012345"]').waitFor();
    expect(await page.locator('nav a[href$="/users"]').count()).toBe(0);

    // My profile lists the roles held on each purchasing account.
    await page.goto('/profile');
    const roles = (number: string) => page.locator(`tr[data-account="${number}"]`).getByTestId('profile-account-roles').textContent();
    await expect.poll(() => roles('71000101')).toMatch(/Report viewer|Rapportvisare/);
    expect(await roles('71000102')).toMatch(/Account manager|Kontoansvarig/);
  }, 60_000);

  it('R-BC-1: the operator opens a purchasing account and links a Licensing ID to it; en+sv, axe, 320 px', async () => {
    const page = await portal.signedIn('operator@northwind.example');
    await page.getByRole('navigation').getByRole('link', { name: 'Purchasing accounts', exact: true }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Purchasing accounts');
    await page.locator('tr[data-account="71000101"]').waitFor();
    await axeInEnglishAndSwedish(page);

    // 54011111 moves from Headquarters to the new account: first unlinked there.
    await page.locator('tr[data-account="71000101"]').getByRole('link', { name: '71000101' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Purchasing account 71000101');
    await page.getByRole('checkbox', { name: /^54011111/ }).uncheck();
    await page.getByRole('button', { name: 'Save Licensing IDs' }).click();
    await page.getByTestId('licensing-ids-saved').waitFor();
    await page.getByRole('link', { name: 'All purchasing accounts' }).click();

    const form = page.locator('form[aria-labelledby="open-purchasing-account"]');
    await form.getByRole('searchbox', { name: 'Find the organization', exact: true }).fill('Contoso');
    const organization = form.getByRole('combobox', { name: 'Organization', exact: true });
    await expect.poll(() => organization.locator('option', { hasText: 'Contoso Ltd' }).count()).toBe(1);
    await organization.selectOption({ label: 'Contoso Ltd' });
    await form.getByRole('textbox', { name: 'Account number', exact: true }).fill('71000150');
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Contoso Labs');
    await form.getByRole('textbox', { name: 'Address line 1', exact: true }).fill('Labbvägen 2');
    await form.getByRole('textbox', { name: 'Postal code', exact: true }).fill('223 63');
    await form.getByRole('textbox', { name: 'City', exact: true }).fill('Lund');
    await form.getByRole('textbox', { name: 'Country (two letters)', exact: true }).fill('SE');
    await form.getByRole('textbox', { name: 'Contact name', exact: true }).fill('Lars Lab');
    await form.getByRole('textbox', { name: 'Contact e-mail', exact: true }).fill('lars@contoso.example');
    await form.getByRole('textbox', { name: 'First Account administrator', exact: true }).fill('viewer@contoso.example');
    await form.getByRole('button', { name: 'Open account' }).click();
    await page.getByTestId('purchasing-account-opened').getByRole('link', { name: 'View it' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Purchasing account 71000150');
    await page.getByRole('checkbox', { name: /^54011111/ }).check();
    await page.getByRole('button', { name: 'Save Licensing IDs' }).click();
    await page.getByTestId('licensing-ids-saved').waitFor();
    await axeInEnglishAndSwedish(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('link', { name: 'All purchasing accounts' }).click();
    await expect.poll(() => page.locator('tr[data-account="71000150"]').textContent()).toContain('54011111');
  }, 180_000);
});

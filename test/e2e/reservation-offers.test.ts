import { describe, expect, it } from 'vitest';
import { apiFrom, axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

type Services = { services: { code: string; refusal: string | null }[] };

describe('The reservation back office in Chromium (R-RES-4)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  it('R-RES-4: the publisher sets a service to Standard after a confirmation naming the change, and adds and removes a fixed price; en and sv pass axe; usable at 320 px', async () => {
    const page = await portal.signedIn('operator@northwind.example');
    await page.getByRole('navigation').getByRole('link', { name: 'Reservation offers' }).click();
    await h1(page).filter({ hasText: 'Online service reservation offers' }).waitFor();
    const voice = page.locator('tr[data-service="CLOUD-MAIL-VOICE"]');
    await voice.waitFor();
    expect(await voice.getByTestId('current-category').textContent()).toBe('Not configured for online reservation');
    await axeInEnglishAndSwedish(page);

    const licensingId = await portal.licensingIdOf('67012345');
    const admin = await portal.signedIn('admin@contoso.example');
    const refusalOf = async (code: string) => {
      const res = await apiFrom<Services>(admin, 'GET', `/licensing-ids/${licensingId}/reservations/services`);
      return res.body.services.find((s) => s.code === code)?.refusal;
    };
    expect(await refusalOf('CLOUD-MAIL-VOICE')).toBe('RESERVATION_NOT_CONFIGURED');

    // The category is saved only after a confirmation that names the change.
    await voice.getByRole('combobox').selectOption('STANDARD');
    await voice.getByRole('button', { name: /^Save category/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('from “Not configured for online reservation” to “Standard”').waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Save category' }).click();
    await expect.poll(() => voice.getByTestId('current-category').textContent()).toBe('Standard');
    expect(await refusalOf('CLOUD-MAIL-VOICE')).toBeNull();

    // A fixed price for the Archiving add-on (License Reservation Only) opens it for the enrollment.
    expect(await refusalOf('CLOUD-MAIL-ARCHIVE')).toBe('RESERVATION_NEEDS_PRIOR_PURCHASE');
    await page.getByRole('textbox', { name: 'Licensing ID number' }).fill('67012345');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('button', { name: /^67012345/ }).click();
    const locks = page.getByTestId('price-locks');
    await locks.getByText('No fixed prices').waitFor();
    await locks
      .getByRole('combobox', { name: 'Online service to give a fixed price' })
      .selectOption({ label: 'Northwind Cloud Mail Archiving add-on (CLOUD-MAIL-ARCHIVE)' });
    await locks.getByRole('button', { name: 'Add fixed price' }).click();
    await dialog.getByText('Its Administrators will be mailed').waitFor();
    await dialog.getByRole('button', { name: 'Add fixed price' }).click();
    await locks.locator('tr[data-lock="CLOUD-MAIL-ARCHIVE"]').waitFor();
    await page.getByTestId('lock-done').waitFor();
    expect(await refusalOf('CLOUD-MAIL-ARCHIVE')).toBeNull();
    expect(await portal.newestMail('admin@contoso.example', 'priceLockAdded')).toContain('67012345');
    await axeInEnglishAndSwedish(page);

    await locks.getByRole('button', { name: /^Remove fixed price/ }).click();
    await dialog.getByText('Remove the fixed price?').waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Remove fixed price' }).click();
    await locks.getByText('No fixed prices').waitFor();
    expect(await refusalOf('CLOUD-MAIL-ARCHIVE')).toBe('RESERVATION_NEEDS_PRIOR_PURCHASE');
    expect(await portal.newestMail('admin@contoso.example', 'priceLockRemoved')).toContain('67012345');

    // Usable at 320 px, in Swedish too.
    await chooseLanguage(page, 'sv');
    await page.setViewportSize({ width: 320, height: 800 });
    await h1(page).filter({ hasText: 'Reservationserbjudanden för onlinetjänster' }).waitFor();
    await expectNoAxeViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  }, 240_000);
});

import { describe, expect, it } from 'vitest';
import { axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('Reports in Chromium (R-REP-1…4)', () => {
  const portal = portalInChromium();

  it('R-REP-1, R-REP-2: a standard report with a filter from "Show more filters" is kept in the URL and survives a reload; en and sv pass axe, 320 px', async () => {
    const page = await portal.signedIn('admin@contoso.example');
    await page.goto('/reports');
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    for (const group of ['Agreements', 'Licenses and Services', 'Orders and Invoices', 'Software Assurance Benefits']) {
      await page.getByRole('heading', { level: 2, name: group }).waitFor();
    }
    await axeInEnglishAndSwedish(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('link', { name: 'Packages and Products' }).click();
    await page.getByRole('heading', { level: 1, name: 'Packages and Products' }).waitFor();
    // License type is behind "Show more filters".
    expect(await page.getByLabel('License type').count()).toBe(0);
    await page.getByRole('button', { name: 'Show more filters' }).click();
    await page.getByLabel('License type').selectOption({ label: 'License and Software Assurance' });
    await page.getByRole('button', { name: 'View report' }).click();
    await page.locator('table[data-report="packages-and-products"] tbody tr').first().waitFor();
    expect(page.url()).toContain('licenseType=LSA');
    const codes = () =>
      page.locator('table[data-report] tbody tr td:nth-child(6)').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-code')));
    const types = await codes();
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['LSA']));
    await expectNoAxeViolations(page);

    await page.reload();
    await page.locator('table[data-report="packages-and-products"] tbody tr').first().waitFor();
    expect(await page.getByLabel('License type').inputValue()).toBe('LSA');
    expect(new Set(await codes())).toEqual(new Set(['LSA']));
    // The code in the user's language.
    expect(await page.locator('table[data-report] tbody tr td:nth-child(6)').first().textContent()).toBe('License and Software Assurance');
    await axeInEnglishAndSwedish(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 240_000);

  it('R-REP-3: a custom report is saved with chosen columns, viewed, exported (a download) and removed after a confirmation', async () => {
    const page = await portal.signedIn('admin@contoso.example');
    await page.goto('/reports/packages-and-products?orderNumber=EA-2024-0001&view=1');
    await page.locator('table[data-report="packages-and-products"] tbody tr').first().waitFor();
    await page.getByRole('button', { name: 'Save as custom report' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /^Name/ }).fill('First EA order');
    // A column moves from Available to Selected; a required one cannot be unticked.
    await dialog.getByRole('checkbox', { name: 'Line', exact: true }).check();
    await dialog.getByRole('button', { name: 'Add selected' }).click();
    expect(await dialog.getByRole('checkbox', { name: 'Order number', exact: true }).isDisabled()).toBe(true);
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('The custom report First EA order was added to your custom reports.').waitFor();

    await page.goto('/reports?tab=custom');
    const row = page.locator('tr[data-custom-report="First EA order"]');
    await row.waitFor();
    await axeInEnglishAndSwedish(page);
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: /Export to Excel/ }).click()]);
    expect(download.suggestedFilename()).toBe('first-ea-order.xlsx');

    await row.getByRole('link', { name: /View report/ }).click();
    await h1(page).filter({ hasText: 'First EA order' }).waitFor();
    await page.locator('table[data-report] thead th', { hasText: 'Line' }).waitFor();
    await expectNoAxeViolations(page);

    await page.goto('/reports?tab=custom');
    await row.getByRole('button', { name: /Remove report/ }).click();
    await page.getByRole('dialog').getByText('Remove the custom report First EA order permanently?').waitFor();
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await page.getByText('The custom report First EA order was removed.').waitFor();
    await page.getByRole('heading', { name: 'No custom reports' }).waitFor();
    await chooseLanguage(page, 'sv');
    await page.getByRole('heading', { name: 'Inga anpassade rapporter' }).waitFor();
    await expectNoAxeViolations(page);
    await chooseLanguage(page, 'en');
  }, 240_000);
});

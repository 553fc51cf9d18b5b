import { describe, expect, it } from 'vitest';
import { axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('Business Center order history, inventory and self-provisioning in Chromium (R-BC-4, R-BC-5)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  it('R-BC-4: switching purchasing accounts, the order history and the inventory follow; filters stay in the address; en+sv, axe, 320 px', async () => {
    const page = await portal.signedIn('admin@contoso.example');
    await page.goto('/business-center');
    await page.getByRole('link', { name: 'Contoso Ltd — Headquarters' }).click();
    await page.getByRole('link', { name: 'Order history', exact: true }).click();
    await page.locator('tr[data-order-number="EA-2024-0001"]').waitFor();
    expect(await page.locator('tr[data-order-number="SP-2023-0042"]').count()).toBe(0);
    await axeInEnglishAndSwedish(page);

    await page.getByLabel('Purchasing account', { exact: true }).selectOption({ label: 'Contoso Nordics (71000102)' });
    await page.locator('tr[data-order-number="SP-2023-0042"]').waitFor();
    expect(await page.locator('tr[data-order-number="EA-2024-0001"]').count()).toBe(0);
    expect(page.url()).toContain('/orders');

    await page.getByLabel('Order number', { exact: true }).fill('SP-2025');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.url()).toContain('orderNumber=SP-2025');
    await expect.poll(() => page.locator('tr[data-order-number]').count()).toBe(1);
    await page.getByRole('button', { name: 'Show more filters' }).click();
    await page.getByLabel('Ordering party', { exact: true }).waitFor();
    await expectNoAxeViolations(page);
    // The filter is in the address: reloading keeps it.
    await page.reload();
    await expect.poll(() => page.locator('tr[data-order-number]').count()).toBe(1);

    await page.getByRole('link', { name: 'Inventory', exact: true }).click();
    await page.locator('tr[data-product]').first().waitFor();
    expect(await page.locator('tr[data-product="CLOUD-MAIL-P1"]').count()).toBe(0);
    await page.getByLabel('Purchasing account', { exact: true }).selectOption({ label: 'Contoso Ltd — Headquarters (71000101)' });
    await page.locator('tr[data-product="CLOUD-MAIL-P1"]').waitFor();
    await axeInEnglishAndSwedish(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 180_000);

  it('R-BC-5: a customer sets up an online service and sees the request waiting for the partner’s order; en+sv, axe', async () => {
    const page = await portal.signedIn('admin@contoso.example');
    await page.goto('/business-center');
    await page.getByRole('link', { name: 'Contoso Ltd — Headquarters' }).click();
    await page.getByRole('link', { name: 'Set up online services', exact: true }).click();
    await page
      .getByRole('textbox', { name: 'Online service plan' })
      .or(page.getByRole('combobox', { name: 'Online service plan' }))
      .first()
      .click();
    await page.getByRole('option', { name: 'Northwind Cloud Mail Plan 2' }).click();
    await page.getByTestId('seat-price').waitFor();
    await page.getByLabel('Quantity (seats)').fill('5');
    await page.getByRole('checkbox', { name: 'I will order this service promptly through our partner' }).check();
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('tr[data-request="CLOUD-MAIL-P2"][data-state="REQUESTED"]').waitFor();
    await axeInEnglishAndSwedish(page);
    await chooseLanguage(page, 'sv');
    await page.getByText('Väntar på partnerns order').first().waitFor();
    await chooseLanguage(page, 'en');
  }, 180_000);
});

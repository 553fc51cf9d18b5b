import { describe, expect, it } from 'vitest';
import { axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('Business Center purchasing accounts in Chromium (R-BC-1)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  it('R-BC-1: a user with two purchasing accounts chooses one, switches, and the list follows the account in the address; en+sv, axe, 320 px', async () => {
    const page = await portal.signedIn('admin@contoso.example');
    await page.getByRole('navigation').getByRole('link', { name: 'Business Center', exact: true }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Business Center');
    await axeInEnglishAndSwedish(page);
    await page.getByRole('link', { name: 'Contoso Ltd — Headquarters' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Contoso Ltd — Headquarters');
    await page.locator('tr[data-licensing-id="67012345"]').waitFor();
    expect(await page.locator('tr[data-licensing-id="8765-4321"]').count()).toBe(0);
    await axeInEnglishAndSwedish(page);

    await page.getByLabel('Purchasing account', { exact: true }).selectOption({ label: 'Contoso Nordics (71000102)' });
    await expect.poll(() => h1(page).textContent()).toBe('Contoso Nordics');
    await page.locator('tr[data-licensing-id="8765-4321"]').waitFor();
    expect(await page.locator('tr[data-licensing-id="67012345"]').count()).toBe(0);
    const nordics = page.url();
    // The choice is in the address: reloading shows the same account.
    await page.reload();
    await expect.poll(() => h1(page).textContent()).toBe('Contoso Nordics');
    expect(page.url()).toBe(nordics);

    await chooseLanguage(page, 'sv');
    await page.getByRole('heading', { name: 'Avtal', exact: true }).waitFor();
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });
    await chooseLanguage(page, 'en');
  }, 120_000);

  it('R-BC-1: with one purchasing account it is chosen automatically', async () => {
    const page = await portal.signedIn('viewer@contoso.example');
    await page.goto('/business-center');
    await expect.poll(() => h1(page).textContent()).toBe('Contoso Ltd — Headquarters');
    expect(page.url()).toMatch(/\/business-center\/[0-9a-f-]{36}$/);
  }, 60_000);
});

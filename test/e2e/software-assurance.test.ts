import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('Software Assurance in Chromium (R-SA-1, R-SA-2, R-SA-3, R-PERM-8)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  it('R-SA-3 / R-SA-2: an SA Manager sees the SA Summary, filters it, and activates a benefit after confirming', async () => {
    await portal.server.given.user('sa.manager@contoso.example', {
      password: DEMO_PASSWORD,
      firstName: 'Sara',
      lastName: 'Lind',
      grants: [{ on: '67012345', roles: ['SA_MANAGER'] }],
    });
    const page = await portal.signedIn('sa.manager@contoso.example');
    await page.goto('/software-assurance');
    await expect.poll(() => h1(page).textContent()).toBe('Software Assurance Summary');
    // The enrollment's benefits managed online, with Contoso's city; downloads are not in the summary.
    const eLearning = page.locator('tr[data-licensing-id="67012345"][data-benefit="E_LEARNING"]');
    await eLearning.waitFor();
    expect(await eLearning.textContent()).toContain('Stockholm');
    expect(await eLearning.textContent()).toContain('270 participants');
    expect(await page.locator('tr[data-benefit="MULTI_LANGUAGE_PACK"]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Export to CSV' }).getAttribute('href')).toContain('/api/v1/sa-summary/export');
    await axeInEnglishAndSwedish(page);

    // Filter by benefit: the URL keeps it.
    await page.getByLabel('Benefit', { exact: true }).selectOption('HOME_USE_PROGRAM');
    await page.waitForURL((url) => url.searchParams.get('benefit') === 'HOME_USE_PROGRAM');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);

    // To the enrollment's benefits, and activate Home Use Program.
    await page.getByRole('link', { name: '67012345' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Benefits of 67012345');
    const hup = page.locator('tr[data-benefit="HOME_USE_PROGRAM"]');
    expect(await hup.textContent()).toContain('Requires Activation');
    await axeInEnglishAndSwedish(page);
    await hup.getByRole('button', { name: 'Activate: Home Use Program' }).click();
    await page.getByRole('dialog').getByText('Activate Home Use Program for 67012345?').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Activate' }).click();
    await page.getByTestId('activated').waitFor();
    await expect.poll(() => hup.textContent()).toContain('Activated');
    expect(await hup.getByRole('button').count()).toBe(0);

    // In Swedish, at 320 px wide nothing needs the page to scroll sideways.
    await chooseLanguage(page, 'sv');
    await expect.poll(() => h1(page).textContent()).toBe('Förmåner för 67012345');
    expect(await hup.textContent()).toContain('Aktiverad');
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });
    await chooseLanguage(page, 'en');
  }, 180_000);

  it('R-SA-3: a user without the SA summary on any Licensing ID sees the no-access state', async () => {
    const page = await portal.signedIn('keys@contoso.example');
    await page.goto('/software-assurance');
    await page.locator('[data-state="no-access"]').waitFor();
    await axeInEnglishAndSwedish(page);
  }, 60_000);
});

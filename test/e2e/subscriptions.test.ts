import { describe, expect, it } from 'vitest';
import { axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('Subscriptions in Chromium (R-PERM-2, Subscriptions Manager)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  it('R-PERM-2: the Subscriptions Manager chooses the Licensing ID and a product, assigns after acknowledging the purchase obligation, reassigns, then removes after confirming; en+sv, axe, 320 px', async () => {
    const page = await portal.signedIn('subscriptions@contoso.example');
    await page.getByRole('navigation').getByRole('link', { name: 'Subscriptions', exact: true }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Subscriptions');
    await axeInEnglishAndSwedish(page);
    await page.getByRole('link', { name: 'Manage subscriptions: 67012345' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Subscriptions of 67012345');
    const row = page.locator('tr[data-product="DEV-SUB-ENT"]');
    await expect.poll(() => row.textContent()).toContain('Northwind Studio Subscription Enterprise');
    await row.getByRole('button', { name: 'Show people: Northwind Studio Subscription Enterprise' }).click();

    const form = page.getByTestId('assign-form');
    await form.getByText('5 subscriptions remain.').waitFor();
    await form
      .getByTestId('obligation-notice')
      .getByText(/obligation to purchase it takes effect immediately/)
      .waitFor();
    await axeInEnglishAndSwedish(page);
    await form.getByLabel('Name').fill('Nora Lind');
    await form.getByLabel('Work e-mail address').fill('nora.lind@contoso.example');
    await form.getByLabel('Language of the instructions').selectOption('sv');
    // Without the acknowledgement nothing is sent.
    await form.getByRole('button', { name: 'Assign subscription' }).click();
    await form.getByText('Confirm that you understand the purchase obligation.').waitFor();
    await form.getByLabel('I understand that assigning this subscription creates a purchase obligation').check();
    await form.getByRole('button', { name: 'Assign subscription' }).click();
    await page.getByTestId('assigned').waitFor();
    const nora = page.locator('tr[data-assignment="nora.lind@contoso.example"]');
    await nora.waitFor();
    await expect.poll(() => row.textContent()).toContain('4');
    expect(await portal.newestMail('nora.lind@contoso.example', 'subscriptionAssigned')).toContain('Hej Nora Lind');

    await chooseLanguage(page, 'sv');
    await page.getByRole('heading', { name: 'Personer med Northwind Studio Subscription Enterprise' }).waitFor();
    await form.getByTestId('obligation-notice').getByText('Köpförpliktelse', { exact: true }).waitFor();
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });
    await chooseLanguage(page, 'en');

    // Reassign: the old holder is told it ended, the new one gets the instructions.
    await nora.getByRole('button', { name: 'Reassign: nora.lind@contoso.example' }).click();
    const reassign = page.getByTestId('reassign-form');
    await expectNoAxeViolations(page);
    await reassign.getByLabel('Name').fill('Olle Berg');
    await reassign.getByLabel('Work e-mail address').fill('olle.berg@contoso.example');
    await reassign.getByRole('button', { name: 'Reassign subscription' }).click();
    await expect
      .poll(() => page.getByTestId('assignments-notice').textContent())
      .toBe('The subscription now belongs to olle.berg@contoso.example; both people have been mailed.');
    const olle = page.locator('tr[data-assignment="olle.berg@contoso.example"]');
    await olle.waitFor();
    expect(await nora.count()).toBe(0);
    expect(await portal.newestMail('nora.lind@contoso.example', 'subscriptionEnded')).toContain('Hej Nora Lind');
    expect(await portal.newestMail('olle.berg@contoso.example', 'subscriptionAssigned')).toContain('Hello Olle Berg');
    await expect.poll(() => row.textContent()).toContain('4');

    // Remove after confirming: the subscription returns.
    await olle.getByRole('button', { name: 'Remove: olle.berg@contoso.example' }).click();
    await page.getByRole('dialog').getByText('Remove the assignment?').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await page.getByText('No one has this subscription yet.').waitFor();
    await form.getByText('5 subscriptions remain.').waitFor();
  }, 240_000);
});

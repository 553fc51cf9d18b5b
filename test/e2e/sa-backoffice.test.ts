import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

/** At 320 px wide nothing needs the page to scroll sideways. */
async function fitsIn320(page: Page) {
  await page.setViewportSize({ width: 320, height: 800 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('the publisher’s Software Assurance back office in Chromium (issue 13, R-SA-1, R-SA-2)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  it('R-SA-1 / R-SA-2: the operator adds a benefit rule, the customer’s Licensing ID then has the benefit in Requires Activation; the operator sets HAR with a reason and lifts it', async () => {
    const operator = await portal.signedIn('operator@northwind.example');
    await operator.getByRole('navigation').getByRole('link', { name: 'SA benefits' }).click();
    await expect.poll(() => h1(operator).textContent()).toBe('Software Assurance benefits');
    await axeInEnglishAndSwedish(operator);

    // R-SA-1: the rules, edited as a draft.
    await operator.getByRole('link', { name: 'Benefit rules' }).click();
    await expect.poll(() => h1(operator).textContent()).toBe('SA benefit rules');
    await operator.locator('tr[data-rule="E_LEARNING"]').waitFor();
    const before = await operator.locator('tr[data-rule]').count();
    await axeInEnglishAndSwedish(operator);

    await operator.getByRole('button', { name: 'Add a rule' }).click();
    const dialog = operator.getByRole('dialog');
    // Sent empty, the form says what is missing, as the API would, and adds nothing.
    await dialog.getByRole('button', { name: 'Add to the rules' }).click();
    await dialog.getByText('Choose the benefit.').waitFor();
    await dialog.getByText('Choose a pool or enter a product code: a rule needs something that qualifies.').waitFor();
    await expectNoAxeViolations(operator);
    await dialog.getByLabel('Benefit').selectOption('PLANNING_SERVICES');
    await dialog.getByLabel('Qualifying product codes').fill('NO-SUCH-PRODUCT');
    await dialog.getByLabel('Quantity per qualifying license').fill('0.2');
    await dialog.getByRole('button', { name: 'Add to the rules' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await operator.locator('tr[data-rule]').count()).toBe(before + 1);
    const changes = operator.getByTestId('rule-changes');
    expect(await changes.textContent()).toContain('Add: Planning Services (Products: NO-SUCH-PRODUCT): 0.2 days per license');

    // Saving asks first; the server refuses a product not in the catalog and says which.
    await changes.getByRole('button', { name: 'Save the rules' }).click();
    await changes.getByText('Replace the benefit rules?').waitFor();
    await expectNoAxeViolations(operator);
    await changes.getByRole('button', { name: 'Replace the rules' }).click();
    const refused = operator.locator('[data-code="SA_RULE_PRODUCT_UNKNOWN"]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Not in the catalog: NO-SUCH-PRODUCT');

    // Corrected: the customer's Select Plus PCN has 15 licenses of Office Professional Plus 2024 under SA.
    const added = operator.locator('tr[data-rule="PLANNING_SERVICES"]', { hasText: 'NO-SUCH-PRODUCT' });
    await added.getByRole('button', { name: 'Edit: Planning Services' }).click();
    await dialog.getByLabel('Qualifying product codes').fill('OFF-PP-2024');
    await dialog.getByRole('button', { name: 'Keep the change' }).click();
    await dialog.waitFor({ state: 'detached' });
    await changes.getByRole('button', { name: 'Save the rules' }).click();
    await changes.getByRole('button', { name: 'Replace the rules' }).click();
    await operator.getByText('The benefit rules were replaced (1 change).').waitFor();
    // The saved rules are read again after the notice: the table settles on them.
    await expect.poll(() => operator.locator('tr[data-rule]').count()).toBe(before + 1);
    await chooseLanguage(operator, 'sv');
    await expect.poll(() => h1(operator).textContent()).toBe('Regler för SA-förmåner');
    await fitsIn320(operator);
    await chooseLanguage(operator, 'en');

    // R-SA-1 / R-SA-2: the customer sees the new benefit, 15 × 0.2 = 3 days, in Requires Activation.
    const pcn = await portal.licensingIdOf('8765-4321');
    const customer = await portal.signedIn('admin@contoso.example');
    await customer.goto(`/software-assurance/${pcn}`);
    const customerRow = customer.locator('tr[data-benefit="PLANNING_SERVICES"]');
    await customerRow.waitFor();
    expect(await customerRow.textContent()).toContain('Requires Activation');
    expect(await customerRow.textContent()).toContain('3 days');

    // R-SA-2: the operator finds the Licensing ID by the beginning of its number.
    await operator.getByRole('link', { name: 'Benefits of a Licensing ID' }).click();
    await expect.poll(() => h1(operator).textContent()).toBe('Software Assurance benefits');
    await operator.getByRole('button', { name: 'Find Licensing ID' }).click();
    await operator.getByText('Enter a Licensing ID number.').waitFor();
    await operator.getByLabel('Licensing ID number').fill('8765');
    await operator.getByRole('button', { name: 'Find Licensing ID' }).click();
    await operator.locator('tr[data-licensing-id="8765-4321"]').waitFor();
    await axeInEnglishAndSwedish(operator);
    await operator.getByRole('link', { name: 'Benefits of 8765-4321' }).click();
    await expect.poll(() => h1(operator).textContent()).toBe('Benefits of 8765-4321');
    const row = operator.locator('tr[data-benefit="PLANNING_SERVICES"]');
    await expect.poll(() => row.textContent()).toContain('Requires Activation');
    await axeInEnglishAndSwedish(operator);

    // Set HAR: a reason is needed, and the change is confirmed in words before it is sent.
    await row.getByRole('button', { name: 'Set HAR: Planning Services' }).click();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByText('Enter the reason.').waitFor();
    await dialog.getByLabel('Reason').fill('Invoice 4711 is overdue');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog
      .getByText('Put Planning Services of 8765-4321 on hold for this reason: “Invoice 4711 is overdue”?', { exact: false })
      .waitFor();
    await expectNoAxeViolations(operator);
    await dialog.getByRole('button', { name: 'Set HAR' }).click();
    await operator.getByText('Planning Services of 8765-4321 is on hold (HAR); its managers have been mailed.').waitFor();
    await expect.poll(() => row.textContent()).toContain('HAR (hold awaiting reactivation)');
    expect(await row.getByTestId('hold-reason').textContent()).toMatch(/^Held since .+: Invoice 4711 is overdue$/);
    expect(await portal.newestMail('admin@contoso.example', 'benefitHeld')).toContain('Invoice 4711 is overdue');
    await customer.reload();
    await expect.poll(() => customerRow.textContent()).toContain('HAR (hold awaiting reactivation)');

    // In Swedish, at 320 px, the held benefit offers to lift the hold.
    await chooseLanguage(operator, 'sv');
    await expect.poll(() => h1(operator).textContent()).toBe('Förmåner för 8765-4321');
    await row.getByRole('button', { name: 'Häv HAR: Planeringstjänster' }).waitFor();
    await fitsIn320(operator);
    await chooseLanguage(operator, 'en');

    // Lift it: back to Requires Activation, and the managers are told why.
    await row.getByRole('button', { name: 'Lift HAR: Planning Services' }).click();
    await dialog.getByLabel('Reason').fill('Invoice 4711 was paid');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expectNoAxeViolations(operator);
    await dialog.getByRole('button', { name: 'Lift HAR' }).click();
    await operator.getByText('The hold on Planning Services of 8765-4321 was lifted; its managers have been mailed.').waitFor();
    await expect.poll(() => row.textContent()).toContain('Requires Activation');
    expect(await portal.newestMail('admin@contoso.example', 'benefitReleased')).toContain('Invoice 4711 was paid');
    await customer.reload();
    await expect.poll(() => customerRow.textContent()).toContain('Requires Activation');
  }, 240_000);

  it('R-SA-1: removing every rule shows the empty state; nothing is saved until confirmed', async () => {
    const operator = await portal.signedIn('operator@northwind.example');
    await operator.goto('/operator/sa-benefit-rules');
    await operator.locator('tr[data-rule]').first().waitFor();
    const count = await operator.locator('tr[data-rule]').count();
    for (let i = 0; i < count; i++)
      await operator
        .locator('tr[data-rule]')
        .first()
        .getByRole('button', { name: /^Remove/ })
        .click();
    await operator.getByTestId('no-rules').waitFor();
    expect(await operator.getByTestId('rule-changes').locator('li').count()).toBe(count);
    await axeInEnglishAndSwedish(operator);
    // Discarded, the saved rules are back and the server never changed.
    await operator.getByRole('button', { name: 'Discard the changes' }).click();
    await expect.poll(() => operator.locator('tr[data-rule]').count()).toBe(count);
    await operator.reload();
    await expect.poll(() => operator.locator('tr[data-rule]').count()).toBe(count);
  }, 120_000);
});

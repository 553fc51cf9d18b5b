import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { apiFrom, axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('Online service reservations in Chromium (R-RES-1…R-RES-5, R-PERM-9)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  it('R-RES-3, R-RES-5: an Administrator makes a reservation in four steps, accepts the commitment, and cancels it within 72 hours after confirming', async () => {
    const page = await portal.signedIn('admin@contoso.example');
    await page.goto('/online-services');
    await page.getByRole('link', { name: 'Make a reservation' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Make a reservation');
    await page.getByText('Step 1 of 4: Licensing ID').waitFor();
    await axeInEnglishAndSwedish(page);

    // R-RES-1: the Select Plus PCN is listed but cannot be chosen.
    expect(await page.getByRole('radio', { name: /8765-4321/ }).isDisabled()).toBe(true);
    await page.getByRole('radio', { name: /67012345/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByText('Step 2 of 4: Online service').waitFor();
    // R-RES-5: leaving the flow before submitting saves nothing; coming back starts over.
    await page.getByRole('link', { name: 'Manage my reservations' }).click();
    await page.getByText('You have no previous reservations.').waitFor();
    await page.getByRole('link', { name: 'Make a reservation' }).click();
    await page.getByText('Step 1 of 4: Licensing ID').waitFor();
    await page.getByRole('radio', { name: /67012345/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Step 2 of 4: Online service').waitFor();
    // R-RES-4: a service not configured for online reservation is shown, refused, with the partner to contact.
    expect(await page.getByRole('radio', { name: /Northwind Cloud Voice/ }).isDisabled()).toBe(true);
    await page
      .getByTestId('partner-contact')
      .getByText(/Adatum Licensing Partners/)
      .waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('radio', { name: 'Northwind Cloud Mail Plan 2 (Standard)' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByText('Step 3 of 4: Action, quantity and usage date').waitFor();
    await page.getByLabel('Action', { exact: true }).selectOption('ADD_LICENSE');
    await page.getByRole('textbox', { name: 'Quantity' }).fill('12');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByText('Step 4 of 4: Review and submit').waitFor();
    expect(await page.getByTestId('reservation-review').textContent()).toContain('Quantity: 12');
    await axeInEnglishAndSwedish(page);
    // R-RES-5: not without accepting the commitment terms.
    await page.getByRole('button', { name: 'Submit reservation' }).click();
    await page.getByText('Accept the reservation commitment to submit').waitFor();
    await page.getByLabel('I have read and accept the reservation commitment').check();
    await page.getByRole('button', { name: 'Submit reservation' }).click();
    await page.getByTestId('reservation-submitted').waitFor();
    expect(await portal.newestMail('admin@contoso.example', 'reservationSubmitted')).toContain('12 × Northwind Cloud Mail Plan 2');

    await page.getByRole('link', { name: 'Go to Manage my reservations' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Manage my reservations');
    const row = page.locator('tr[data-reservation]').first();
    await expect.poll(() => row.textContent()).toContain('Cancellable until');
    await axeInEnglishAndSwedish(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });

    await row.getByRole('button', { name: /Cancel reservation: Northwind Cloud Mail Plan 2, 12/ }).click();
    await page.getByRole('dialog').getByText('Cancel this reservation?').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel reservation' }).click();
    await page.getByTestId('reservation-cancelled').waitFor();
    await expect.poll(() => page.locator('tr[data-reservation]').first().textContent()).toContain('Cancelled');
    expect(await portal.newestMail('admin@contoso.example', 'reservationCancelled')).toContain('12 × Northwind Cloud Mail Plan 2');

    await page.getByLabel('View by').selectOption('service');
    await page.getByRole('heading', { name: 'Northwind Cloud Mail Plan 2' }).waitFor();
    await expectNoAxeViolations(page);

    await chooseLanguage(page, 'sv');
    await expect.poll(() => h1(page).textContent()).toBe('Hantera mina reservationer');
    await page.getByRole('link', { name: 'True-up från reservationer' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('True-up från reservationer');
    await page.getByTestId('true-up').waitFor();
    await axeInEnglishAndSwedish(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });
    await chooseLanguage(page, 'en');
  }, 240_000);

  it('R-PERM-9: an Online Services Manager without Manage Reservation finds no enrollment to reserve on and the API refuses', async () => {
    await portal.server.given.user('osm.plain@contoso.example', {
      password: DEMO_PASSWORD,
      firstName: 'Olle',
      lastName: 'Plain',
      grants: [{ on: '67012345', roles: ['ONLINE_SERVICES_MANAGER'] }],
    });
    const page = await portal.signedIn('osm.plain@contoso.example');
    await page.goto('/online-services/reservations');
    await expect.poll(() => h1(page).textContent()).toBe('Make a reservation');
    await page.locator('[data-state="no-access"]').getByText('No enrollment to reserve on').waitFor();
    await axeInEnglishAndSwedish(page);
    const licensingId = await portal.licensingIdOf('67012345');
    const refused = await apiFrom<{ code: string }>(page, 'GET', `/licensing-ids/${licensingId}/reservations/services`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
  }, 120_000);
});

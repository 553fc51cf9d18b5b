import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { axeInEnglishAndSwedish, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('Change of channel partner in Chromium (R-REL-6)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });
  const { signedIn } = portal;

  it('R-REL-6: Contoso’s Administrator asks to move its enrollment to Proseware → Proseware accepts → the grace period shows → the request form downloads', async () => {
    const enrollment = await portal.licensingIdOf('67012345');
    const page = await signedIn('admin@contoso.example');

    // From the Licensing ID's contacts to the form, with the enrollment chosen.
    await page.goto(`/licenses/licensing-ids/${enrollment}`);
    await page.getByRole('link', { name: 'Change channel partner' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Change channel partner');
    const chooseEnrollment = page.getByRole('checkbox', { name: 'Change the partner of 67012345' });
    await expect.poll(() => chooseEnrollment.isChecked()).toBe(true);
    // Open and Select Plus cannot change partner here, and say why.
    expect(await page.getByRole('checkbox', { name: 'Change the partner of 8765-4321' }).isDisabled()).toBe(true);
    await axeInEnglishAndSwedish(page);

    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.getByText('Fill this in.').first().waitFor();
    await page.getByLabel("New partner's partner number").fill('P-300400');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Lars Lee');
    await page.getByLabel('Work e-mail address').fill('partner@proseware.example');
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.waitForURL((url) => /^\/licenses\/partner-changes\/[0-9a-f-]{36}$/.test(url.pathname));
    const changeId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.locator('tr[data-licensing-id="67012345"][data-status="IN_PROGRESS"]').waitFor();
    await page.getByRole('button', { name: 'Cancel the request' }).waitFor();
    await axeInEnglishAndSwedish(page);
    const invitation = await portal.newestMail('partner@proseware.example', 'partnerChangeRequested');
    expect(invitation).toContain(`/partner-change/incoming/${changeId}`);

    // Proseware's user finds the request, accepts it after confirming.
    const proseware = await signedIn('partner@proseware.example');
    await proseware.goto('/partner-change/incoming');
    await expect.poll(() => h1(proseware).textContent()).toBe('Requests to become channel partner');
    const row = proseware.locator(`tr[data-change-id="${changeId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Contoso Ltd');
    await axeInEnglishAndSwedish(proseware);
    await row.getByRole('link').click();
    await proseware.getByRole('button', { name: 'Accept' }).click();
    await proseware.getByRole('dialog').getByText('when the grace period ends').waitFor();
    // The language switch sits behind the open dialog: the dialog is checked in the page's language.
    await expectNoAxeViolations(proseware);
    await proseware.getByRole('dialog').getByRole('button', { name: 'Accept' }).click();
    await proseware.getByText('Your answer was sent to the customer.').waitFor();
    await proseware.locator('tr[data-licensing-id="67012345"][data-status="GRACE_PERIOD"]').waitFor();

    // The customer sees the grace period, in English and Swedish, and at 320 px wide.
    await page.goto('/licenses/partner-changes');
    const mine = page.locator(`tr[data-change-id="${changeId}"]`);
    await mine.waitFor();
    expect(await mine.getAttribute('data-status')).toBe('GRACE_PERIOD');
    expect(await mine.textContent()).toContain('Grace period');
    await axeInEnglishAndSwedish(page);
    await mine.getByRole('link').click();
    await page.getByText('The current partner remains partner of record until the grace period ends.').waitFor();
    expect(await page.getByRole('button', { name: 'Cancel the request' }).count()).toBe(0);
    await axeInEnglishAndSwedish(page);
    // At 320 px wide nothing needs sideways scrolling of the page (the tables scroll in their own region).
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the request form (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^partner-change-PC-[0-9A-F]{8}\.pdf$/);
    const pdf = (await readFile((await download.path()) ?? '')).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    for (const text of ['Contoso Ltd', '67012345', 'Adatum Licensing Partners', 'Proseware Partners', 'Lars Lee'])
      expect(pdf).toContain(text);
  }, 180_000);
});

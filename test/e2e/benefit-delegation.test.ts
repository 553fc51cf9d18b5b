import { describe, expect, it } from 'vitest';
import { axeInEnglishAndSwedish, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('Partner permission to manage benefits in Chromium (R-SA-7)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });
  const { signedIn } = portal;

  it('R-SA-7: Adatum asks to manage Contoso’s enrollment benefits → Contoso’s Administrator approves → Adatum sees it approved', async () => {
    // The partner, from its customers, asks for the enrollment.
    const partner = await signedIn('partner@adatum-partners.example');
    await partner.goto('/partner');
    await partner.getByRole('link', { name: 'Permission to manage customers’ benefits' }).click();
    await expect.poll(() => h1(partner).textContent()).toBe('Permission to manage customers’ benefits');
    await partner.getByText('You have not asked any customer for permission to manage its benefits.').waitFor();
    await axeInEnglishAndSwedish(partner);
    await partner.getByLabel('Customer').selectOption({ label: 'Contoso Ltd' });
    await partner.getByRole('checkbox', { name: /^67012345 / }).check();
    await partner.getByRole('button', { name: 'Send request' }).click();
    await partner.getByText('Your request was sent to the Administrators of Contoso Ltd.').waitFor();
    await partner.locator('tr[data-status="PENDING"]').waitFor();
    await axeInEnglishAndSwedish(partner);
    expect(await portal.newestMail('admin@contoso.example', 'delegationRequested')).toContain('/software-assurance/partner-permissions');

    // The customer's Administrator finds it under Software Assurance and approves, after confirming.
    const admin = await signedIn('admin@contoso.example');
    await admin.goto('/software-assurance');
    await admin.getByRole('link', { name: 'View and edit partner benefit permissions' }).click();
    await expect.poll(() => h1(admin).textContent()).toBe('Partner benefit permissions');
    const row = admin.locator('tr[data-status="PENDING"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Adatum Licensing Partners');
    await axeInEnglishAndSwedish(admin);
    await row.getByRole('button', { name: 'Approve request' }).click();
    await admin.getByRole('dialog').getByText('until you remove the permission').waitFor();
    await expectNoAxeViolations(admin);
    await admin.getByRole('dialog').getByRole('button', { name: 'Approve request' }).click();
    await admin.locator('tr[data-status="APPROVED"]').waitFor();
    await admin.getByRole('button', { name: 'Remove permission' }).waitFor();
    await axeInEnglishAndSwedish(admin);
    // At 320 px wide nothing needs sideways scrolling of the page (the table scrolls in its own region).
    await admin.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    // The partner sees it approved.
    await partner.reload();
    await partner.locator('tr[data-status="APPROVED"]').waitFor();
    expect(await partner.locator('tr[data-status="APPROVED"]').textContent()).toContain('Contoso Ltd');
  }, 180_000);
});

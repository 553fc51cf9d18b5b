import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiFrom, axeInEnglishAndSwedish, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('Business Center sales packages and agreements in Chromium (R-BC-2, R-BC-3)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  it('R-BC-2: the partner prepares a package of two product lines (each checked) and sends it, the customer signs it, the partner sees it signed; en+sv, axe, 320 px', async () => {
    // The partner prepares a draft for Contoso's Headquarters account and sends it.
    const partner = await portal.signedIn('partner@adatum-partners.example');
    await partner.goto('/partner/sales-packages');
    await expect.poll(() => h1(partner).textContent()).toBe('Sales packages');
    await axeInEnglishAndSwedish(partner);
    await partner.getByLabel(/^Purchasing account/).selectOption({ label: 'Contoso Ltd — Headquarters (71000101)' });
    await partner.getByLabel(/^Title/).fill('Select Plus renewal 2027');
    await partner.getByLabel(/^Start date/).fill('2027-01-01');
    // Two lines; the second is first left without a product and with no quantity, and is refused beside its fields.
    const first = partner.getByRole('group', { name: 'Line 1', exact: true });
    await first.getByLabel('Product').fill('Office Professional Plus');
    await first.getByLabel('Quantity').fill('250');
    await partner.getByRole('button', { name: 'Add a product line' }).click();
    const second = partner.getByRole('group', { name: 'Line 2', exact: true });
    await second.getByLabel('Quantity').fill('');
    await partner.getByRole('button', { name: 'Save as draft' }).click();
    await second.getByText('Name the product, or remove the line.').waitFor();
    await second.getByText('Enter a whole number from 1 to 1,000,000.').waitFor();
    expect(await first.getByText('Name the product').count()).toBe(0);
    await expectNoAxeViolations(partner);
    // A third line added and removed again leaves the two.
    await partner.getByRole('button', { name: 'Add a product line' }).click();
    await partner.getByRole('button', { name: 'Remove line 3' }).click();
    expect(await partner.getByRole('group', { name: /^Line \d+$/ }).count()).toBe(2);
    await second.getByLabel('Product').fill('Windows Server Datacenter');
    await second.getByLabel('Quantity').fill('4');
    // The form with its lines is usable at 320 px.
    await partner.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => partner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await partner.setViewportSize({ width: 1280, height: 800 });
    await partner.getByRole('button', { name: 'Save as draft' }).click();
    await partner.getByRole('status').filter({ hasText: 'saved as a draft' }).waitFor();
    const prepared = await apiFrom<{ items: { title: string; terms: { lines: unknown[] } }[] }>(partner, 'GET', '/partner/sales-packages');
    expect(prepared.body.items.find((p) => p.title === 'Select Plus renewal 2027')?.terms.lines).toEqual([
      { product: 'Office Professional Plus', quantity: 250 },
      { product: 'Windows Server Datacenter', quantity: 4 },
    ]);
    await axeInEnglishAndSwedish(partner);
    const row = partner.locator('tr[data-package]').first();
    await row.and(partner.locator('[data-status="DRAFT"]')).waitFor();
    const number = (await row.getAttribute('data-package')) ?? '';
    await row.getByRole('button', { name: 'Send for signature' }).click();
    await partner.getByRole('dialog').getByRole('button', { name: 'Send for signature' }).click();
    await partner.locator(`tr[data-package="${number}"][data-status="SENT"]`).waitFor();
    await axeInEnglishAndSwedish(partner);

    // The customer's account administrator was mailed; they review and sign it.
    expect(await portal.newestMail('admin@contoso.example', 'salesPackageSent')).toContain(number);
    const hq = (await portal.server.database.db.execute<{ id: string }>(sql`select id from purchasing_account where number = '71000101'`))
      .rows[0]?.id;
    const customer = await portal.signedIn('admin@contoso.example');
    await customer.goto(`/business-center/${hq}/sales-packages`);
    await expect.poll(() => h1(customer).textContent()).toBe('Contoso Ltd — Headquarters');
    const pending = customer.locator(`tr[data-package="${number}"][data-status="SENT"]`);
    await pending.waitFor();
    await axeInEnglishAndSwedish(customer);
    await pending.getByRole('button', { name: `Sign ${number} electronically` }).click();
    const dialog = customer.getByRole('dialog');
    await dialog.getByLabel(/^Your full name/).fill('Ada Admin');
    await dialog.getByRole('checkbox').check();
    // The dialog in English (the language switch sits behind it; the page was checked in both).
    await expectNoAxeViolations(customer);
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
    const signed = customer.locator(`tr[data-package="${number}"][data-status="SIGNED"]`);
    await signed.waitFor();
    await signed.getByText('Signed electronically').waitFor();
    const copy = await customer.request.get((await signed.getByTestId('signed-copy').getAttribute('href')) ?? '');
    expect(copy.headers()['content-type']).toBe('application/pdf');
    await customer.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => customer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await customer.setViewportSize({ width: 1280, height: 800 });

    // The partner was mailed and sees it signed, with the signed copy.
    expect(await portal.newestMail('partner@adatum-partners.example', 'salesPackageSigned')).toContain(number);
    await partner.reload();
    const done = partner.locator(`tr[data-package="${number}"][data-status="SIGNED"]`);
    await done.waitFor();
    await done.getByTestId('signed-copy').waitFor();
    await axeInEnglishAndSwedish(partner);
  }, 240_000);

  it('R-BC-3: the agreements list filters by agreement number (kept in the address); en+sv, axe', async () => {
    const page = await portal.signedIn('admin@contoso.example');
    const hq = (await portal.server.database.db.execute<{ id: string }>(sql`select id from purchasing_account where number = '71000101'`))
      .rows[0]?.id;
    await page.goto(`/business-center/${hq}/agreements`);
    await page.locator('tr[data-agreement="67012345"]').waitFor();
    await axeInEnglishAndSwedish(page);
    await page.getByLabel('Agreement number', { exact: true }).fill('V98');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.locator('tr[data-agreement="V9876543"]').waitFor();
    await expect.poll(() => page.locator('tr[data-agreement="67012345"]').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('agreementNumber')).toBe('V98');
    await page.reload();
    await page.locator('tr[data-agreement="V9876543"]').waitFor();
    expect(await page.locator('tr[data-agreement]').count()).toBe(1);
  }, 120_000);
});

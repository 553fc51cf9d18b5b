import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiFrom, axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

const PUBLIC = 'http://lsc.test';
const PASSWORD = 'a-long-password-2026';

/** Fills the field with this label inside the element (a fieldset of the form). */
const fill = async (scope: ReturnType<Page['locator']>, label: string, value: string) =>
  scope.getByLabel(label, { exact: true }).fill(value);

describe('the publisher’s back office in Chromium (issue 12)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } }, hosts: [new URL(PUBLIC).hostname] });

  it('R-REL-6: the publisher onboards an organization with an Enterprise enrollment and three contacts; they get the welcome mail and one registers as Administrator', async () => {
    const page = await portal.signedIn('operator@northwind.example');
    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
    await h1(page).filter({ hasText: 'Customers' }).waitFor();
    await axeInEnglishAndSwedish(page);

    await page.getByRole('link', { name: 'Onboard a customer' }).click();
    await h1(page).filter({ hasText: 'Onboard a customer' }).waitFor();
    const form = page.locator('form');
    // Sent empty, the form says what is missing and sends nothing.
    await page.getByRole('button', { name: 'Onboard', exact: true }).click();
    await expect.poll(() => form.getByText('This value is required.').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);

    await fill(form, 'Organization name', 'Wingtip Toys');
    await fill(form, 'Domains', 'wingtip.example');
    await fill(form, 'Country', 'SE');
    await fill(form, 'Agreement number', '04W77777-EA');
    await form.getByLabel('Program').selectOption('ENTERPRISE');
    await fill(form, 'Price level', 'A');
    await fill(form, 'Start date', '2026-01-01');
    await fill(form, 'End date', '2028-12-31');
    await fill(form, 'MBSA number', '04W77777');
    const lid = form.locator('[data-licensing-id-row="0"]');
    await fill(lid, 'Number', '68077701');
    await fill(lid, 'Name', 'Wingtip Enterprise Enrollment');
    const people = [
      { type: 'PRIMARY_CONTACT', name: 'Wilma Wing', email: 'wilma@wingtip.example' },
      { type: 'SA_MANAGER', name: 'Sune Wing', email: 'sune@wingtip.example' },
      { type: 'ONLINE_SERVICES_MANAGER', name: 'Olga Wing', email: 'olga@wingtip.example' },
    ];
    for (const [i, p] of people.entries()) {
      if (i > 0) await page.getByRole('button', { name: 'Add a contact' }).click();
      const row = form.locator(`[data-contact-row="${i}"]`);
      await row.getByLabel('Contact type').selectOption(p.type);
      await fill(row, 'Name', p.name);
      await fill(row, 'Work e-mail', p.email);
    }
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Onboard', exact: true }).click();

    // The customer's page: the enrollment and the three contacts, invited.
    await h1(page).filter({ hasText: 'Wingtip Toys' }).waitFor();
    await page.locator('tr[data-licensing-id="68077701"]').waitFor();
    expect(await page.locator('tr[data-contact-type]').count()).toBe(3);
    expect(await page.locator('tr[data-contact-type="PRIMARY_CONTACT"]').textContent()).toContain('Invited, not registered yet');
    await axeInEnglishAndSwedish(page);

    // Each contact got the welcome mail with a registration link.
    for (const p of people) expect(await portal.newestMail(p.email, 'contactWelcome')).toMatch(/\/register\?token=[\w-]+/);
    const link = /\/register\?token=[\w-]+/.exec(await portal.newestMail('wilma@wingtip.example', 'contactWelcome'))?.[0] ?? '';

    // Wilma registers from it and lands as Administrator of the enrollment.
    const wilma = await portal.open('en-US', { baseURL: PUBLIC });
    await wilma.goto(link);
    await wilma.locator('input[name="new-password"]').fill(PASSWORD);
    await wilma.locator('input[name="confirm-password"]').fill(PASSWORD);
    await wilma.getByRole('button', { name: 'Register' }).click();
    await wilma.getByText('Your account is ready.').waitFor();
    await wilma.getByRole('button', { name: 'Continue to your licenses' }).click();
    await wilma.waitForURL(/\/licenses\/relationship-summary/);
    await wilma.locator('tr[data-licensing-id]').first().waitFor();
    const roles = await wilma.evaluate(
      async () => (await (await fetch('/api/v1/licensing-ids')).json()) as { items: { number: string; roles: string[] }[] },
    );
    expect(roles.items.map((l) => [l.number, l.roles])).toEqual([['68077701', ['ADMINISTRATOR']]]);
    expect(await wilma.getByRole('navigation').getByRole('link', { name: 'Customers' }).count()).toBe(0);
  }, 240_000);

  it('R-REL-6: the publisher changes a contact after confirming; the customer’s page shows the new one', async () => {
    const page = await portal.signedIn('operator@northwind.example');
    await page.goto('/operator/customers?q=wingtip');
    await page.getByRole('link', { name: 'Wingtip Toys' }).click();
    await h1(page).filter({ hasText: 'Wingtip Toys' }).waitFor();
    await chooseLanguage(page, 'sv');
    await page.getByRole('button', { name: 'Ändra: Ansvarig för onlinetjänster' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Namn', { exact: true }).fill('Nils Wing');
    await dialog.getByLabel('Arbetsadress för e-post').fill('nils@wingtip.example');
    await dialog.getByRole('button', { name: 'Fortsätt' }).click();
    await dialog.getByText('Ersätta Olga Wing med Nils Wing (nils@wingtip.example)').waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Ändra kontakt' }).click();
    await expect
      .poll(() => page.locator('tr[data-contact-type="ONLINE_SERVICES_MANAGER"]').textContent())
      .toContain('nils@wingtip.example');
    expect(await portal.newestMail('olga@wingtip.example', 'contactEnded')).toContain('Nils Wing (nils@wingtip.example)');
    await chooseLanguage(page, 'en');
  }, 120_000);

  /** The operator on Wingtip Toys' page. */
  const wingtipPage = async () => {
    const page = await portal.signedIn('operator@northwind.example');
    await page.goto('/operator/customers?q=wingtip');
    await page.getByRole('link', { name: 'Wingtip Toys' }).click();
    await h1(page).filter({ hasText: 'Wingtip Toys' }).waitFor();
    return page;
  };

  it('issue 12: the publisher renews an enrollment on the customer page: an earlier date is refused there, the later one is confirmed, shown and mailed', async () => {
    const page = await wingtipPage();
    await axeInEnglishAndSwedish(page);
    await page.getByRole('button', { name: 'Renew: 68077701' }).click();
    const dialog = page.getByRole('dialog');
    const endDate = dialog.getByLabel('New end date');
    await endDate.fill('2027-06-30');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByText('The new end date must be after 2028-12-31.').waitFor();
    await expectNoAxeViolations(page);
    await endDate.fill('2030-12-31');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByText('Renew 68077701 (Wingtip Enterprise Enrollment) until 2030-12-31?').waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Renew enrollment' }).click();
    await page.getByRole('status').getByText('68077701 now runs until 2030-12-31.').waitFor();
    await expect.poll(() => page.locator('tr[data-licensing-id="68077701"]').textContent()).toContain('2030-12-31');
    expect(await portal.newestMail('wilma@wingtip.example', 'enrollmentRenewed')).toContain('2030-12-31');
    // R-SA-2: from the customer's Licensing ID straight to its benefits, where HAR is set.
    await page.getByRole('link', { name: 'SA benefits of 68077701' }).click();
    await page.waitForURL(/\/operator\/sa-benefits\/[0-9a-f-]{36}$/);
  }, 120_000);

  it('issue 12: the publisher changes the owner of an Open License in Swedish, after confirming; it moves to the other customer with its new contact', async () => {
    const page = await wingtipPage();
    const onboarded = await apiFrom<{ id: string }>(page, 'POST', '/operator/agreements', {
      organization: { name: 'Wingtip Toys', domains: ['wingtip.example'], country: 'SE' },
      number: 'V7770001',
      program: 'OPEN_LICENSE',
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      licensingIds: [{ number: 'V7770001', name: 'Wingtip Open License' }],
      contacts: [{ type: 'PRIMARY_CONTACT', name: 'Wilma Wing', email: 'wilma@wingtip.example' }],
    });
    expect(onboarded.status).toBe(201);
    await page.reload();
    await page.locator('[data-agreement="V7770001"]').waitFor();
    await chooseLanguage(page, 'sv');
    await page.getByRole('button', { name: 'Byt ägare: V7770001' }).click();
    const dialog = page.getByRole('dialog');
    // Sent without an owner or contact details, the form says what is missing and sends nothing.
    await dialog.getByRole('button', { name: 'Fortsätt' }).click();
    await dialog.getByText('Välj organisationen som blir ägare.').waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByLabel('Sök den nya ägaren').fill('contoso');
    const owner = dialog.getByLabel('Ny ägare');
    await expect.poll(() => owner.locator('option').allTextContents()).toContain('Contoso Ltd (contoso.example)');
    await owner.selectOption({ label: 'Contoso Ltd (contoso.example)' });
    const row = dialog.locator('[data-contact-row="0"]');
    await row.getByLabel('Namn', { exact: true }).fill('Anna Lind');
    await row.getByLabel('Arbetsadress för e-post').fill('admin@contoso.example');
    await dialog.getByRole('button', { name: 'Fortsätt' }).click();
    await dialog.getByText('Flytta V7770001 från Wingtip Toys till Contoso Ltd?', { exact: false }).waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Byt ägare' }).click();
    await page.getByRole('status').getByText('V7770001 tillhör nu Contoso Ltd.').waitFor();
    await expect.poll(() => page.locator('[data-agreement="V7770001"]').count()).toBe(0);
    expect(await portal.newestMail('wilma@wingtip.example', 'ownershipEnded')).toContain('Contoso Ltd');
    await chooseLanguage(page, 'en');
    await page.goto('/operator/customers?q=contoso');
    await page.getByRole('link', { name: 'Contoso Ltd' }).click();
    await page.locator('[data-agreement="V7770001"] tr[data-contact-type="PRIMARY_CONTACT"]').waitFor();
  }, 120_000);

  it('issue 12: the publisher runs expiry now after confirming; the page says which Licensing IDs expired', async () => {
    const page = await wingtipPage();
    // An enrollment whose term ended while it was still marked active: what the daily run expires.
    await portal.server.database.db.execute(
      sql`update licensing_id set end_date = '2020-12-31', status = 'ACTIVE' where number = '68077701'`,
    );
    await page.getByRole('button', { name: 'Run expiry now' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Expire every active Licensing ID of every customer', { exact: false }).waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Run expiry' }).click();
    await page
      .getByRole('status')
      .getByText(/Licensing IDs? expired: .*68077701/)
      .waitFor();
    await expect.poll(() => page.locator('tr[data-licensing-id="68077701"]').textContent()).toContain('Expired');
    // Nothing is due any more: running it again says so.
    await page.getByRole('button', { name: 'Run expiry now' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Run expiry' }).click();
    await page.getByRole('status').getByText('Nothing was due: no Licensing ID expired.').waitFor();
    await axeInEnglishAndSwedish(page);
  }, 120_000);

  it('issue 12: the publisher’s audit page lists every organization’s trail, narrowed to one customer from its page, with the CSV export', async () => {
    const page = await wingtipPage();
    await page.getByRole('link', { name: 'Audit trail of Wingtip Toys' }).click();
    await h1(page).filter({ hasText: 'Audit trail of every organization' }).waitFor();
    await page.locator('tr[data-audit-action="relationship.enrollment-renew"]').first().waitFor();
    expect(await page.getByLabel('Organization', { exact: true }).inputValue()).not.toBe('');
    const actions = await page.locator('tr[data-audit-action]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-audit-action')));
    expect(actions).toEqual(expect.arrayContaining(['relationship.agreement-onboard', 'relationship.licensing-id-expire']));
    const exportHref = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(exportHref).toMatch(/^\/api\/v1\/operator\/audit\/export\?organizationId=[0-9a-f-]{36}$/);
    const csv = await page.evaluate(async (href) => (await fetch(href)).text(), exportHref ?? '');
    expect(csv).toContain('68077701');
    await axeInEnglishAndSwedish(page);
    // The navigation's entry shows every organization.
    await page.getByRole('navigation').getByRole('link', { name: 'Audit trail' }).click();
    await expect.poll(() => page.getByLabel('Organization', { exact: true }).inputValue()).toBe('');
    await page.locator('tr[data-audit-action]').first().waitFor();
  }, 120_000);
});

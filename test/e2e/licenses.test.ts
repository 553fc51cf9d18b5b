import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseLanguage, DEMO_PASSWORD, expectNoAxeViolations } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

const cell = (page: Page, product: string, column: string) =>
  page.locator(`tr[data-product="${product}"] td[data-column="${column}"]`).first().textContent();
const totals = (page: Page) => page.getByTestId('totals-row').textContent();
const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** Licensing ID uuids by number, through the Relationship Summary API of a signed-in page. */
async function idsOf(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const r = await fetch('/api/v1/relationship-summary?status=all');
    const body = (await r.json()) as { groups: { parents: { licensingIds: { id: string; number: string }[] }[] }[] };
    return Object.fromEntries(body.groups.flatMap((g) => g.parents.flatMap((p) => p.licensingIds.map((l) => [l.number, l.id]))));
  });
}

describe('licenses in Chromium', () => {
  const portal = portalInChromium();
  const { signedIn } = portal;

  it('R-LIC-1 / R-LIC-2 / R-LIC-4 / R-LIC-5: the License Summary shows the unresolved upgrade, marks the grant, sorts and filters by pool and Licensing ID', async () => {
    const page = await signedIn('admin@contoso.example');
    await page.getByRole('link', { name: 'Licenses', exact: true }).first().click();
    await page.getByRole('link', { name: 'License Summary' }).last().click();
    await page.getByRole('heading', { level: 1, name: 'License Summary' }).waitFor();

    // R-LIC-2: the upgrade without a base license is unresolved; the columns point at their help text.
    await expect.poll(() => cell(page, 'Northwind Desktop OS 11', 'unresolved')).toBe('300');
    const unresolvedHeader = page.getByRole('button', { name: /^Unresolved Quantity/ });
    expect(await unresolvedHeader.getAttribute('aria-describedby')).toBe('help-unresolved-quantity');
    expect(await page.locator('#help-unresolved-quantity').textContent()).toMatch(/beyond the qualifying full licenses/);
    // R-LIC-5: the grant carries an asterisk and the footnote says it was not purchased.
    expect(await page.locator('tr[data-product="Northwind Chat Server 2019"] [data-grant="true"]').textContent()).toBe(' *');
    expect(await page.getByTestId('grant-note').textContent()).toMatch(/^\* .*not directly purchased/);
    // R-LIC-3: when orders appear.
    await page.getByText(/typically within 48 hours/).waitFor();
    await expectNoAxeViolations(page);

    // Sorting by a column: largest Effective Quantity first after two clicks.
    const effective = page.getByRole('button', { name: /^Effective Quantity/ });
    await effective.click();
    await effective.click();
    expect(await page.locator('th', { has: effective }).getAttribute('aria-sort')).toBe('descending');
    expect(await page.locator('tbody tr').first().getAttribute('data-product')).toBe('Northwind Office 2024');

    // R-LIC-4: one pool at a time.
    await page.getByLabel('License pool').selectOption('SYSTEMS');
    await expect.poll(() => page.locator('tr[data-product]').count()).toBe(1);
    expect(await page.locator('tr[data-product="Northwind Desktop OS 11"] td[data-column="pool"]').textContent()).toBe('Systems');
    await page.getByLabel('License pool').selectOption('ALL');

    // R-LIC-1: choosing one Licensing ID changes the totals; the URL keeps the choice.
    const before = await totals(page);
    await page.getByRole('combobox', { name: 'Licensing IDs' }).click();
    await page.getByRole('option', { name: /^8765-4321/ }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => totals(page)).not.toBe(before);
    expect(await page.locator('tr[data-product="Northwind Desktop OS 11"]').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('ids')).toContain((await idsOf(page))['8765-4321']);
    await page.reload();
    await page.getByTestId('totals-row').waitFor();
    expect(await page.locator('tr[data-product="Northwind Desktop OS 11"]').count()).toBe(0);
    expect(await page.locator('[data-licensing-id]').allTextContents()).toEqual([expect.stringMatching(/^8765-4321/)]);
    await expectNoAxeViolations(page);
  }, 120_000);

  it('R-LIC-1: the CSV export downloads with its header row and follows the chosen Licensing IDs', async () => {
    const page = await signedIn('admin@contoso.example');
    await page.goto('/licenses/license-summary');
    const csv = async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export as CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^license-summary-\d{4}-\d{2}-\d{2}\.csv$/);
      return (await readFile((await download.path()) ?? '', 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    };
    const all = await csv();
    expect(all[0]).toBe(
      'License pool,Product family,Version,Effective Quantity,Active SA Quantity,Unresolved Quantity,Grant,Full,Upgrade,L&SA,SA,SA Step-Up,Subscription,Maintenance,Upgrade Advantage',
    );
    expect(all.some((l) => l.startsWith('Systems,Northwind Desktop OS,11,'))).toBe(true);

    const pcn = (await idsOf(page))['8765-4321'];
    await page.goto(`/licenses/license-summary?ids=${pcn}`);
    await page.getByTestId('totals-row').waitFor();
    const chosen = await csv();
    expect(chosen[0]).toBe(all[0]);
    expect(chosen.some((l) => l.includes('Desktop OS'))).toBe(false);
    expect(chosen.some((l) => l.startsWith('Applications,Northwind Office,2024,'))).toBe(true);
    const xlsx = page.getByRole('link', { name: 'Export as Excel workbook' });
    expect(await xlsx.getAttribute('href')).toBe(`/api/v1/license-summary/export?format=xlsx&status=all&licensingId=${pcn}`);
  }, 120_000);

  it('R-LIC-7: a Licensing ID within 90 days of its end shows "Expiring soon"; within 30 days the date is red', async () => {
    await portal.server.database.db.execute(sql`update licensing_id set end_date = current_date + 20 where number = 'V9876543'`);
    await portal.server.database.db.execute(sql`update licensing_id set end_date = current_date + 60 where number = 'V1234567'`);
    const page = await signedIn('admin@contoso.example');
    await page.goto('/licenses/license-summary');
    const alert = page.getByTestId('expiring');
    await alert.getByText('Expiring soon').waitFor();
    const urgent = alert.locator('[data-expiring="V9876543"] [data-urgent="true"]');
    expect(await urgent.textContent()).toMatch(/20 days left/);
    expect(await urgent.evaluate((e) => getComputedStyle(e).color)).toBe('rgb(201, 42, 42)');
    expect(await alert.locator('[data-expiring="V1234567"] [data-urgent]').count()).toBe(0);
    const row = (number: string) => page.locator(`tr[data-licensing-id="${number}"]`);
    await row('V1234567').getByText('Expiring soon').waitFor();
    await row('V9876543').getByText('Expiring soon').waitFor();
    expect(await row('V9876543').locator('[data-urgent="true"]').count()).toBe(1);
    expect(await row('V1234567').locator('[data-urgent="true"]').count()).toBe(0);
    expect(await row('67012345').getByText('Expiring soon').count()).toBe(0);
    await row('54011111').getByText('Expired', { exact: true }).first().waitFor();
    await expectNoAxeViolations(page);
  }, 120_000);

  it('R-LIC-1 / R-SUP-3: the License Summary in Swedish, for a Licensing Info Viewer of one enrollment', async () => {
    const page = await signedIn('viewer@contoso.example', 'sv-SE');
    await page.goto('/licenses/license-summary');
    await page.getByRole('heading', { level: 1, name: 'Licenssammanfattning' }).waitFor();
    await page.getByTestId('totals-row').waitFor();
    await page.getByRole('button', { name: /^Olöst antal/ }).waitFor();
    expect(await page.locator('[data-licensing-id]').allTextContents()).toEqual([expect.stringMatching(/^67012345/)]);
    await page.getByRole('combobox', { name: 'Licens-ID:n' }).click();
    expect(await page.getByRole('listbox').getByRole('option').allTextContents()).toEqual([expect.stringMatching(/^67012345/)]);
    await page.keyboard.press('Escape');
    await page.getByLabel('Visa köpta antal per licenstyp').check({ force: true });
    await page.getByRole('button', { name: /^L&SA/ }).waitFor();
    await expectNoAxeViolations(page);
  }, 120_000);

  it('R-LIC-1 / R-PERM-2: without reports on any Licensing ID, the License Summary explains why instead of failing', async () => {
    const page = await signedIn('keys@contoso.example');
    await page.goto('/licenses/license-summary');
    await page
      .getByTestId('no-reports')
      .getByText(/Your roles do not include reports/)
      .waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Export as CSV' }).count()).toBe(0);
    await expectNoAxeViolations(page);
  }, 120_000);

  it('R-REL-4 / R-REL-6: the Licensing ID report shows details, contacts with the Channel Partner, orders, order details and purchase history', async () => {
    const page = await signedIn('admin@contoso.example');
    await page.goto('/licenses/relationship-summary');
    await page.getByRole('link', { name: '67012345' }).click();
    await page.getByRole('heading', { level: 1, name: 'Licensing ID 67012345' }).waitFor();
    const details = section(page, 'Details');
    expect(await details.locator('[data-fact="priceLevel"] dd').textContent()).toBe('A');
    expect(await details.locator('[data-fact="parent"] dd').textContent()).toMatch(/^01E73628-EA/);
    expect(await details.locator('[data-fact="roles"] dd').textContent()).toBe('Administrator and Licensing Info Viewer');
    const contacts = section(page, 'Contacts');
    expect(await contacts.locator('tr[data-contact="CHANNEL_PARTNER"]').textContent()).toMatch(
      /Channel Partner Contact.*Adatum Licensing Partners.*orders@adatum-partners\.example/,
    );
    await contacts.getByText(/change only through your channel partner/).waitFor();

    const orders = section(page, 'Orders');
    expect(await orders.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order')))).toEqual([
      'EA-2025-TU01',
      'EA-2024-0002',
      'EA-2024-0001',
    ]);
    await orders.getByRole('button', { name: /^Order date/ }).click();
    expect(await orders.locator('tbody tr').first().getAttribute('data-order')).toBe('EA-2024-0001');

    const lines = section(page, 'Order details');
    await lines.getByText('Northwind Desktop OS 11 Enterprise').waitFor();
    expect(await lines.locator('tr', { hasText: 'Northwind Chat Server 2019 Standard' }).locator('[data-grant="true"]').count()).toBe(1);
    await section(page, 'Purchase history').getByText('Online service').waitFor();
    await section(page, 'Related licenses').locator('tr[data-product="Northwind Desktop OS 11"]').waitFor();
    expect(await page.locator('section[data-dimmed="true"]').count()).toBe(0);
    await expectNoAxeViolations(page);
  }, 120_000);

  it('R-REL-5: for a Product Keys user the report sections are dimmed with a note and carry no data, in English and Swedish', async () => {
    const page = await signedIn('keys@contoso.example');
    await page.goto('/licenses/relationship-summary');
    await page.getByRole('link', { name: '67012345' }).click();
    await page.getByRole('heading', { level: 1, name: 'Licensing ID 67012345' }).waitFor();
    const orders = section(page, 'Orders');
    expect(await orders.getAttribute('data-dimmed')).toBe('true');
    await orders.getByText('Your roles on this Licensing ID do not include this section.').waitFor();
    for (const name of ['Related licenses', 'Order details', 'Purchase history']) {
      expect(await section(page, name).getAttribute('data-dimmed'), name).toBe('true');
    }
    expect(await section(page, 'Contacts').getAttribute('data-dimmed')).toBe('false');
    expect(await page.content()).not.toContain('EA-2024-0001');
    await page.getByText('MBSA report: your roles on this Licensing ID do not include it.').waitFor();
    expect(await page.getByRole('link', { name: 'MBSA report' }).count()).toBe(0);
    await expectNoAxeViolations(page);

    await chooseLanguage(page, 'sv');
    await page.getByRole('heading', { level: 1, name: 'Licens-ID 67012345' }).waitFor();
    await section(page, 'Order').getByText('Dina roller för det här licens-ID:t omfattar inte det här avsnittet.').waitFor();
    await expectNoAxeViolations(page);
    await chooseLanguage(page, 'en');
    await page.getByRole('heading', { level: 1, name: 'Licensing ID 67012345' }).waitFor();
  }, 120_000);

  it('R-REL-4 / R-REL-5: the parent program and MBSA reports list the Licensing IDs, dimming those the roles do not include', async () => {
    const admin = await signedIn('admin@contoso.example');
    await admin.goto('/licenses/relationship-summary');
    await admin.getByRole('link', { name: '67012345' }).click();
    await admin.getByRole('link', { name: 'MBSA report' }).click();
    await admin.getByRole('heading', { level: 1, name: 'MBSA 01E73628' }).waitFor();
    await admin.locator('[data-listed="8765-4321"]').waitFor();
    expect(await admin.locator('[data-dimmed="true"]').count()).toBe(0);
    await expectNoAxeViolations(admin);
    await admin.getByRole('link', { name: 'Licensing ID 67012345' }).click();
    await admin.getByRole('link', { name: 'Parent program report' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Parent program agreement 01E73628-EA' }).waitFor();
    await admin.locator('[data-listed="54011111"]').waitFor();
    await expectNoAxeViolations(admin);
    await admin.locator('[data-listed="54011111"]').getByRole('link', { name: '54011111' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Licensing ID 54011111' }).waitFor();

    // The Licensing Info Viewer (Swedish) holds a role on 67012345 only: the others are dimmed, without details.
    const viewer = await signedIn('viewer@contoso.example', 'sv-SE');
    const ids = await idsOf(viewer);
    await viewer.goto(`/licenses/licensing-ids/${ids['67012345']}`);
    await viewer.getByRole('link', { name: 'MBSA-rapport' }).click();
    await viewer.getByRole('heading', { level: 1, name: 'MBSA 01E73628' }).waitFor();
    await viewer.locator('[data-listed="67012345"]').waitFor();
    expect(await viewer.locator('tr[data-dimmed="true"]').count()).toBeGreaterThanOrEqual(2);
    await viewer.getByText('Ett licens-ID som dina roller inte omfattar').first().waitFor();
    expect(await viewer.content()).not.toContain('8765-4321');
    await expectNoAxeViolations(viewer);
    await viewer.goto(`/licenses/licensing-ids/${ids['67012345']}/parent-report`);
    await viewer.getByRole('heading', { level: 1, name: 'Överordnat programavtal 01E73628-EA' }).waitFor();
    await viewer.locator('tr[data-dimmed="true"]').first().waitFor();
    expect(await viewer.content()).not.toContain('54011111');
    await expectNoAxeViolations(viewer);
  }, 120_000);

  it('R-REL-2: the MBSA report is not offered for the Open License', async () => {
    const page = await signedIn('admin@contoso.example');
    await page.goto('/licenses/relationship-summary');
    await page.getByRole('link', { name: 'V1234567' }).click();
    await page.getByRole('heading', { level: 1, name: 'Licensing ID V1234567' }).waitFor();
    expect(await page.getByTestId('no-mbsa').textContent()).toBe('Open programs have no MBSA, so there is no MBSA report.');
    expect(await page.getByRole('link', { name: 'MBSA report' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Parent program report' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    // Asked for directly, the API refuses and the page says why.
    await page.goto(`${new URL(page.url()).pathname}/mbsa-report`);
    await page.getByRole('alert').getByText('The MBSA report is not available for this Licensing ID.').waitFor();
    await expectNoAxeViolations(page);
  }, 120_000);

  it('R-REL-4: order details page through long orders 50 lines at a time', async () => {
    // The publisher's order system records a 120-line order on the Open License (Open License counts at once).
    const operator = await fetch(`${portal.server.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'operator@northwind.example', password: DEMO_PASSWORD }),
    });
    const cookies = operator.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
    const csrf = cookies.find((c) => c.startsWith('lsc_csrf='))?.slice('lsc_csrf='.length) ?? '';
    const today = new Date().toISOString().slice(0, 10);
    const recorded = await fetch(`${portal.server.url}/api/v1/operator/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies.join('; '), 'x-csrf-token': decodeURIComponent(csrf) },
      body: JSON.stringify({
        orderNumber: 'OL-E2E-LONG',
        orderDate: today,
        licensingId: { program: 'OPEN_LICENSE', number: 'V1234567' },
        lines: Array.from({ length: 120 }, () => ({ product: 'OFF-STD-2021', licenseType: 'FULL', quantity: 1, coverageStart: today })),
      }),
    });
    expect(recorded.status).toBe(201);

    const page = await signedIn('admin@contoso.example');
    await page.goto(`/licenses/licensing-ids/${(await idsOf(page)).V1234567}`);
    const lines = section(page, 'Order details');
    await lines.getByText('Rows 1–50 of 121').waitFor();
    expect(await lines.locator('tbody tr').count()).toBe(50);
    const pages = page.getByRole('navigation', { name: 'Pages of Order details' });
    await pages.getByRole('button', { name: 'Next page' }).click();
    await lines.getByText('Rows 51–100 of 121').waitFor();
    await pages.getByRole('button', { name: 'Page 3' }).click();
    await lines.getByText('Rows 101–121 of 121').waitFor();
    expect(await lines.locator('tbody tr').count()).toBe(21);
    expect(await lines.locator('tr[data-order-line="OL-2025-0311-1"]').count()).toBe(1);
    await expectNoAxeViolations(page);
  }, 120_000);
});

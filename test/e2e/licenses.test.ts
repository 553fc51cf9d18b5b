import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePortalBuilt, expectNoAxeViolations, launchChromium, signInAs } from '../helpers/browser.js';
import { startTestServer } from '../helpers/server.js';

const unresolvedOf = (page: Page, product: string) =>
  page.locator(`tr[data-product="${product}"] td[data-column="unresolved"]`).first().textContent();

describe('licenses in Chromium', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const open = async (locale = 'en-US') => {
    const context = await browser.newContext({ locale, baseURL: server.url, acceptDownloads: true });
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    await ensurePortalBuilt();
    server = await startTestServer();
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('R-LIC-1 / R-LIC-2 / R-LIC-5: the License Summary shows the unresolved upgrade and marks the grant; filtering changes the totals', async () => {
    const page = await open();
    await signInAs(page, 'admin@contoso.example');
    await page.goto('/licenses/license-summary');
    await expect.poll(() => unresolvedOf(page, 'Northwind Desktop OS 11')).toBe('300');
    expect(await page.locator('tr', { hasText: ' *' }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    const before = await page.getByTestId('totals').textContent();
    await page.getByLabel(/^8765-4321/).check();
    await expect.poll(() => page.getByTestId('totals').textContent()).not.toBe(before);
    expect(await page.locator('tr[data-product="Northwind Desktop OS 11"]').count()).toBe(0);
  }, 120_000);

  it('R-SUP-3 / R-LIC-7: the License Summary in Swedish, for a Licensing Info Viewer of one enrollment, passes axe', async () => {
    const page = await open('sv-SE');
    await signInAs(page, 'viewer@contoso.example');
    await page.goto('/licenses/license-summary');
    await page.getByRole('heading', { level: 1, name: 'Licenssammanfattning' }).waitFor();
    await page.getByTestId('totals').waitFor();
    expect(await page.getByLabel(/^8765-4321/).count()).toBe(0);
    await expectNoAxeViolations(page);
  }, 120_000);

  it('R-LIC-1: the CSV export downloads with its header row', async () => {
    const page = await open();
    await signInAs(page, 'admin@contoso.example');
    await page.goto('/licenses/license-summary');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('Export as CSV').click()]);
    const text = await readFile((await download.path()) ?? '', 'utf8');
    expect(text.replace(/^\uFEFF/, '').split('\n')[0]).toMatch(/Effective/);
  }, 120_000);

  it('R-REL-4 / R-REL-5 / R-REL-2: a Licensing ID report shows orders to an Administrator and dims them for a Product Keys user', async () => {
    const admin = await open();
    await signInAs(admin, 'admin@contoso.example');
    await admin.goto('/licenses/relationship-summary');
    await admin.getByRole('link', { name: '67012345' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Licensing ID 67012345' }).waitFor();
    await admin.getByText('EA-2024-0001').first().waitFor();
    await admin.getByRole('region', { name: 'Order details' }).getByText('Northwind Desktop OS 11 Enterprise 11').waitFor();
    await admin.getByText('Channel Partner Contact').waitFor();
    await expectNoAxeViolations(admin);
    await admin.getByRole('link', { name: 'MBSA report' }).click();
    await admin.getByRole('heading', { level: 1, name: 'MBSA 01E73628' }).waitFor();
    await admin.locator('[data-listed="8765-4321"]').waitFor();
    await expectNoAxeViolations(admin);
    await admin.goBack();
    await admin.getByRole('link', { name: 'Parent program report' }).click();
    await admin.locator('[data-listed="54011111"]').waitFor();
    // R-REL-2: no MBSA report for an Open program.
    await admin.goto('/licenses/relationship-summary');
    await admin.getByRole('link', { name: 'V1234567' }).click();
    await admin.getByText('Open programs have no MBSA, so there is no MBSA report.').waitFor();
    expect(await admin.getByRole('link', { name: 'MBSA report' }).count()).toBe(0);

    const keys = await open();
    await signInAs(keys, 'keys@contoso.example');
    await keys.goto('/licenses/relationship-summary');
    await keys.getByRole('link', { name: '67012345' }).click();
    await keys.getByRole('heading', { level: 1, name: 'Licensing ID 67012345' }).waitFor();
    await keys.getByText('Your roles on this Licensing ID do not include this section.').first().waitFor();
    expect(await keys.locator('section[data-dimmed="true"]').count()).toBeGreaterThanOrEqual(2);
    expect(await keys.content()).not.toContain('EA-2024-0001');
    await expectNoAxeViolations(keys);
  }, 120_000);
});

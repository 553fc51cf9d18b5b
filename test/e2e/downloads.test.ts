import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { apiFrom, axeInEnglishAndSwedish, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

interface CatalogItem {
  productId: string;
  code: string;
  name: string;
  category: string;
  granted: boolean;
  isCal: boolean;
}

describe('Downloads and Keys: the download catalog in Chromium', () => {
  const portal = portalInChromium({ clipboard: true });
  const { signedIn } = portal;
  let catalog: CatalogItem[] = [];
  const product = (code: string) => {
    const found = catalog.find((p) => p.code === code);
    if (!found) throw new Error(`no ${code} in the catalog`);
    return found;
  };

  it('R-DL-6: the catalog filters by category and suggests product names while typing in an accessible combobox; R-LIC-5 grants are starred, R-DL-4 CALs have no download, R-DL-7 prior versions are listed', async () => {
    const page = await signedIn('keys@contoso.example');
    catalog = (await apiFrom<{ items: CatalogItem[] }>(page, 'GET', '/downloads?limit=100')).body.items;
    await page.getByRole('navigation').getByRole('link', { name: 'Downloads and Keys' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Downloads and Keys');
    await page.locator('tr[data-product-id]').first().waitFor();
    expect(await page.locator('tr[data-product-id]').count()).toBe(Math.min(20, catalog.length));
    await axeInEnglishAndSwedish(page);

    // Category filter.
    const office = catalog.filter((p) => p.category === 'Office');
    await page.getByRole('checkbox', { name: `Office (${office.length})` }).check();
    await expect.poll(() => page.locator('tr[data-product-id]').count()).toBe(office.length);
    expect(new Set(await page.locator('tr[data-product-id] td:nth-child(2)').allTextContents())).toEqual(new Set(['Office']));
    expect(new URL(page.url()).searchParams.getAll('category')).toEqual(['Office']);
    await page.getByRole('checkbox', { name: `Office (${office.length})` }).uncheck();

    // R-LIC-5, R-DL-4, R-DL-7 in the list.
    const granted = catalog.find((p) => p.granted);
    if (granted) {
      const row = page.locator(`tr[data-product-id="${granted.productId}"]`);
      await row.waitFor();
      expect(await row.locator('abbr').textContent()).toBe('*');
      await page.getByText('Licensed through a grant with another product, not purchased directly.').last().waitFor();
    }
    const cal = product('SRV-CAL-2022');
    expect(await page.locator(`tr[data-product-id="${cal.productId}"]`).textContent()).toContain(
      'Client Access License: no download and no key',
    );
    const os11 = page.locator(`tr[data-product-id="${product('DOS-ENT-11').productId}"]`);
    await os11.getByRole('link', { name: 'Northwind Desktop OS version 10' }).waitFor();

    // Suggestions while typing: a combobox with a listbox of at most ten options.
    const box = page.getByRole('combobox', { name: 'Product name' });
    await box.fill('office pro');
    await page.getByRole('option', { name: 'Northwind Office Professional Plus 2024' }).waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    const options = await page.getByRole('option').count();
    expect(options).toBeGreaterThan(0);
    expect(options).toBeLessThanOrEqual(10);
    await expectNoAxeViolations(page);
    // Enter without choosing searches for the words.
    await box.press('Escape');
    await box.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('office pro');
    await expect.poll(() => page.locator('tr[data-product-id]').count()).toBe(3);
    await page.getByRole('status').filter({ hasText: '3 products match “office pro”' }).waitFor();
    // Choosing a suggestion opens the product.
    await box.fill('professional plus 2024');
    await page.getByRole('option', { name: 'Northwind Office Professional Plus 2024' }).click();
    await page.waitForURL((url) => url.pathname === `/downloads/products/${product('OFF-PP-2024').productId}`);
    await expect.poll(() => h1(page).textContent()).toBe('Northwind Office Professional Plus 2024');
  }, 150_000);

  it('R-DL-3: a file downloads through the portal with the SHA-256 shown, the settings choose language and method, and a product without files says so (R-DL-6 More, R-DL-7)', async () => {
    const page = await signedIn('keys@contoso.example');
    const proPlus = product('OFF-PP-2024');
    await page.goto(`/downloads/products/${proPlus.productId}`);
    await expect.poll(() => h1(page).textContent()).toBe('Northwind Office Professional Plus 2024');

    // R-DL-6: More expands the version notes, special instructions and system requirements.
    const more = page.getByRole('button', { name: 'More' });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await more.click();
    expect(await page.getByRole('button', { name: 'Less' }).getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('heading', { name: 'System requirements' }).waitFor();
    await page.getByText('64-bit processor, 4 GB RAM').waitFor();

    // R-DL-7: downgrade rights.
    await page.getByRole('link', { name: 'Northwind Office Professional Plus 2021' }).waitFor();
    await page.getByRole('link', { name: 'Northwind Office Professional Plus 2019' }).waitFor();

    // Web browser: a link per file, with size and SHA-256; the download's bytes hash to the value shown.
    const rows = page.locator('tr[data-file-id]');
    await expect.poll(() => rows.count()).toBe(2);
    await axeInEnglishAndSwedish(page);
    await page.getByRole('button', { name: 'Get download links' }).click();
    await page.getByRole('status').filter({ hasText: '2 download links are ready' }).waitFor();
    const isoRow = rows.filter({ hasText: 'NW_Office_ProPlus_2024_English_x64.iso' });
    const shown = (await isoRow.locator('[data-sha256]').textContent())?.trim();
    expect(shown).toMatch(/^[0-9a-f]{64}$/);
    const link = isoRow.getByRole('link', { name: 'Download NW_Office_ProPlus_2024_English_x64.iso' });
    expect(await link.getAttribute('download')).toBe('NW_Office_ProPlus_2024_English_x64.iso');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('NW_Office_ProPlus_2024_English_x64.iso');
    const bytes = await readFile((await download.path()) ?? '');
    expect(bytes.length).toBe(Number(await isoRow.locator('[data-bytes]').getAttribute('data-bytes')));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(shown);
    await expectNoAxeViolations(page);

    // Settings: Swedish files, saved on the user.
    await page.getByRole('combobox', { name: 'File language' }).selectOption('sv');
    await page.getByText('NW_Office_ProPlus_2024_Svenska_x64.iso').waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(async () => (await apiFrom<{ language: string }>(page, 'GET', '/me/download-settings')).body.language).toBe('sv');

    // Download manager: the exact command, and where the token comes from.
    // The choice is applied from the saved settings a moment later, so it is clicked, then awaited.
    await page.getByRole('radio', { name: 'Download manager' }).click();
    await expect.poll(() => page.getByRole('radio', { name: 'Download manager' }).isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('manager-command').textContent()).toBe('lsc download OFF-PP-2024 --language sv --os WINDOWS');
    await page.getByRole('link', { name: 'Create a personal API token on your profile' }).waitFor();
    await page.getByRole('button', { name: 'Copy the command' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe('lsc download OFF-PP-2024 --language sv --os WINDOWS');
    expect(await page.getByRole('button', { name: 'Get download links' }).count()).toBe(0);
    await axeInEnglishAndSwedish(page);

    // Only English files for Office Standard 2024: in Swedish it is not available, and says where it is.
    await page.goto(`/downloads/products/${product('OFF-STD-2024').productId}`);
    await page.getByText('This product is not available for download.').waitFor();
    await page.getByText('Files exist for: English · Windows.').waitFor();
    await axeInEnglishAndSwedish(page);

    // Back to the web browser in English.
    await page.getByRole('radio', { name: 'Web browser' }).click();
    await expect.poll(() => page.getByRole('radio', { name: 'Web browser' }).isChecked()).toBe(true);
    await page.getByRole('combobox', { name: 'File language' }).selectOption('en');
    await page.locator('tr[data-file-id]').first().waitFor();

    // No files at all (Datacenter), and a CAL (R-DL-4).
    await page.goto(`/downloads/products/${product('SRV-DC-2022').productId}`);
    await page.getByText('This product is not available for download.').waitFor();
    await page.goto(`/downloads/products/${product('SRV-CAL-2022').productId}`);
    await page.getByText('Client Access Licenses have no download and no key').waitFor();
    expect(await page.locator('[data-state="unavailable"]').count()).toBe(0);
    await axeInEnglishAndSwedish(page);
  }, 180_000);

  it('R-KEY-2: a setup key issued to the Licensing ID is shown on the download screen with a copy button', async () => {
    const operator = await signedIn('operator@northwind.example');
    const page = await signedIn('keys@contoso.example');
    const keys = (await apiFrom<{ items: { licensingId: string; licensingIdNumber: string }[] }>(page, 'GET', '/product-keys')).body.items;
    const enrollment = keys.find((k) => k.licensingIdNumber === '67012345');
    const proPlus = product('OFF-PP-2024');
    const issued = await apiFrom<{ lastFive: string }>(operator, 'POST', `/operator/licensing-ids/${enrollment?.licensingId}/keys`, {
      type: 'SETUP',
      productId: proPlus.productId,
    });
    expect(issued.status).toBe(201);
    await page.goto(`/downloads/products/${proPlus.productId}`);
    const key = page.getByTestId('setup-key');
    await key.waitFor();
    const value = (await key.textContent()) ?? '';
    expect(value.endsWith(issued.body.lastFive)).toBe(true);
    await page.getByRole('button', { name: 'Copy the setup key' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(value);
    await expectNoAxeViolations(page);
  }, 120_000);

  it('R-DL-1: viewer@contoso.example (no Download role) gets the translated no-access state in Swedish', async () => {
    const page = await signedIn('viewer@contoso.example', 'sv-SE');
    await page.goto('/downloads');
    await expect.poll(() => h1(page).textContent()).toBe('Nedladdningar och nycklar');
    await page.getByRole('heading', { name: 'Ingen åtkomst till nedladdningar' }).waitFor();
    expect(await page.locator('tr[data-product-id]').count()).toBe(0);
    await page.goto(`/downloads/products/${product('OFF-PP-2024').productId}`);
    await page.getByRole('heading', { name: 'Ingen åtkomst till nedladdningar' }).waitFor();
    await axeInEnglishAndSwedish(page);
  }, 120_000);
});

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { apiFrom, axeInEnglishAndSwedish, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { openedInLibreOffice } from '../helpers/libreoffice.js';
import { portalInChromium } from '../helpers/portal.js';

const TSV_HEADER = 'Licensing ID\tParent Program\tOrganization\tProduct\tProduct Key\tType\tMAK Activations-Used/Available';

interface Key {
  id: string;
  type: string;
  productKey: string;
  lastFive: string;
  licensingId: string;
  licensingIdNumber: string;
  product: { id: string; code: string; name: string };
  activations: { used: number; limit: number; available: number } | null;
}

describe('Downloads and Keys: product keys in Chromium', () => {
  const portal = portalInChromium({ clipboard: true });
  const { signedIn } = portal;
  const activate = (key: Key, fingerprint: string, hostname?: string) =>
    fetch(`${portal.server.url}/api/v1/activations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ productKey: key.productKey, productCode: key.product.code, fingerprint, hostname }),
    });

  it('R-KEY-3 / R-KEY-7: keys@contoso.example sees MAK activations used/available, filters by Licensing ID, copies a key, exports the TSV and prints', async () => {
    const page = await signedIn('keys@contoso.example');
    await page.getByRole('navigation').getByRole('link', { name: 'Product Keys' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Product Keys');
    await page.locator('tr[data-key-type="MAK"]').first().waitFor();
    expect(await page.locator('tr[data-key-type="MAK"] td[data-column="activations"]').first().textContent()).toMatch(
      /^\d+ used \/ \d+ available$/,
    );
    await axeInEnglishAndSwedish(page);

    // One Licensing ID: only its keys, and the export and print follow the filter.
    await page.getByLabel('Licensing ID').selectOption({ label: '8765-4321 – Contoso Sweden (lead affiliate)' });
    await page.getByRole('status').filter({ hasText: 'for Licensing ID 8765-4321' }).waitFor();
    const ids = await page.locator('tbody tr td:first-child').allTextContents();
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids)).toEqual(new Set(['8765-4321']));

    // Copy to the clipboard, by the button's accessible name.
    const firstKey = (await page.locator('tbody tr [data-column="key"]').first().textContent()) ?? '';
    await page.getByRole('button', { name: `Copy the key ending ${firstKey.slice(-5)}` }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(firstKey);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export (tab-delimited)' }).click(),
    ]);
    const lines = (await readFile((await download.path()) ?? '', 'utf8'))
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .filter(Boolean);
    expect(lines[0]).toBe(TSV_HEADER);
    expect(lines.length).toBe(ids.length + 1);
    expect(lines.slice(1).every((l) => l.startsWith('8765-4321\t'))).toBe(true);
    expect(lines.some((l) => /\tMAK\t\d+\/\d+$/.test(l))).toBe(true);

    // R-REP-4: the Excel workbook follows the filter too, and LibreOffice reads the same rows, MAK counts as x/y text.
    const [workbook] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export as Excel workbook' }).click(),
    ]);
    expect(workbook.suggestedFilename()).toBe('product-keys.xlsx');
    const { keys = [] } = await openedInLibreOffice({ keys: await readFile((await workbook.path()) ?? '') });
    // The workbook is for people: each Type in the key list's words, where the tab-delimited file keeps its stable ones.
    const words: Record<string, string> = {
      MAK: 'Multiple Activation Key (MAK)',
      KMS: 'KMS host key',
      'Setup Key': 'Setup key',
      'Online Service Activation': 'Online Service Activation key',
    };
    const inWords = (line: string) => line.split('\t').map((c, i) => (i === 5 ? (words[c] ?? c) : c));
    expect(keys).toEqual([lines[0]?.split('\t'), ...lines.slice(1).map(inWords)]);

    await page.getByRole('link', { name: 'Print keys' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Print product keys of Licensing ID 8765-4321');
    await page.getByRole('columnheader', { name: 'MAK Activations-Used/Available' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(ids.length);
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.getByRole('button', { name: 'Print', exact: true }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await axeInEnglishAndSwedish(page);
  }, 120_000);

  it('R-KEY-9: viewer@contoso.example (Licensing Info Viewer) gets the translated no-permission state, not keys', async () => {
    const page = await signedIn('viewer@contoso.example', 'sv-SE');
    await page.goto('/downloads/product-keys');
    await expect.poll(() => h1(page).textContent()).toBe('Produktnycklar');
    await page.getByRole('heading', { name: 'Ingen åtkomst till produktnycklar' }).waitFor();
    expect(await page.locator('tr[data-key-type]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Exportera (tabbavgränsad)' }).count()).toBe(0);
    // The server agrees: the Licensing ID's keys are 403 for this role.
    const ids = await apiFrom<{ groups: { parents: { licensingIds: { id: string }[] }[] }[] }>(
      page,
      'GET',
      '/relationship-summary?status=all',
    );
    const id = ids.body.groups[0]?.parents[0]?.licensingIds[0]?.id;
    expect((await apiFrom(page, 'GET', `/licensing-ids/${id}/keys`)).status).toBe(403);
    await axeInEnglishAndSwedish(page);
  }, 120_000);

  it('R-PERM-13: a key request with a missing field shows that field’s error, then reaches the publisher, who approves it after confirming (R-KEY-3: the limit rises)', async () => {
    const page = await signedIn('keys@contoso.example');
    await page.goto('/downloads/key-requests');
    await page.getByText('You have made no key requests.').waitFor();
    await axeInEnglishAndSwedish(page);
    await page.getByRole('link', { name: 'New key request' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('New key request');

    // Filled in from a key: Licensing ID, number, product, last five. The justification is left out.
    const option = page
      .getByLabel('Fill in from one of your keys')
      .locator('option')
      .filter({ hasText: '67012345 · Northwind Office Professional Plus 2024' });
    const keyId = (await option.getAttribute('value')) ?? '';
    await page.getByLabel('Fill in from one of your keys').selectOption(keyId);
    expect(await page.getByLabel('Agreement or enrollment number').inputValue()).toBe('67012345');
    const lastFive = await page.getByLabel('Last 5 characters of the key').inputValue();
    expect(lastFive).toMatch(/^[A-Z0-9]{5}$/);
    await page.getByLabel('Activations wanted').fill('50');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('alert').filter({ hasText: '1 field needs your attention.' }).waitFor();
    const justification = page.getByLabel('Business justification');
    expect(await justification.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await justification.getAttribute('aria-describedby')) ?? '';
    const described = await Promise.all(
      describedBy
        .split(' ')
        .filter(Boolean)
        .map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(described.join(' ')).toContain('This field is required.');
    expect(await page.getByLabel('Activations wanted').getAttribute('aria-invalid')).not.toBe('true');
    await axeInEnglishAndSwedish(page);

    await justification.fill('New office opens in March');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL((url) => url.pathname === '/downloads/key-requests');
    await page.getByText('Your request was sent to the publisher.').waitFor();
    await page.locator('tr[data-request-status="PENDING"]').waitFor();
    expect(await page.locator('tr[data-request-status="PENDING"]').textContent()).toContain(lastFive);

    // The publisher's queue: the request with all five things; approval asks first.
    const operator = await signedIn('operator@northwind.example');
    await operator.goto('/downloads/operator/key-requests');
    const card = operator.locator('section[data-request-id]').filter({ hasText: 'New office opens in March' });
    await card.waitFor();
    expect(await card.textContent()).toContain('67012345');
    expect(await card.textContent()).toContain(lastFive);
    await axeInEnglishAndSwedish(operator);
    await card.getByRole('button', { name: 'Approve…' }).click();
    const dialog = operator.getByRole('dialog', { name: 'Approve the request' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Number to grant').inputValue()).toBe('50');
    await dialog.getByLabel('Note to the requester (optional)').fill('Enjoy the new office');
    await expectNoAxeViolations(operator);
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await operator.getByText('No key requests are waiting.').waitFor();
    await operator.getByText('Approved', { exact: true }).click();
    await operator.locator('section[data-request-id]').filter({ hasText: 'Enjoy the new office' }).waitFor();

    await page.reload();
    const decided = page.locator('tr[data-request-status="APPROVED"]');
    await decided.waitFor();
    expect(await decided.textContent()).toContain('50 granted');
    expect(await decided.textContent()).toContain('Enjoy the new office');
    await page.goto('/downloads/product-keys');
    await expect
      .poll(() => page.locator(`tr[data-key-id="${keyId}"] td[data-column="activations"]`).textContent())
      .toBe('0 used / 550 available');
  }, 150_000);

  it('R-PERM-13: a non-operator is refused the publisher’s queue with a translated state', async () => {
    const page = await signedIn('keys@contoso.example');
    await page.goto('/downloads/operator/key-requests');
    await page.getByRole('heading', { name: 'Publisher operators only' }).waitFor();
    await axeInEnglishAndSwedish(page);
  }, 60_000);

  it('R-KEY-4: the activation history lists machines activated through the API, a page at a time', async () => {
    const page = await signedIn('keys@contoso.example');
    const keys = (await apiFrom<{ items: Key[] }>(page, 'GET', '/product-keys')).body.items;
    const key = keys.find((k) => k.type === 'MAK' && k.licensingIdNumber === '67012345');
    if (!key) throw new Error('no MAK');
    for (let i = 1; i <= 26; i += 1) {
      const res = await activate(key, `e2e-machine-${String(i).padStart(4, '0')}`, `ws-${String(i).padStart(4, '0')}`);
      expect(res.status).toBe(201);
    }
    await page.goto('/downloads/product-keys');
    await page.getByRole('link', { name: `Activation history of the key ending ${key.lastFive}` }).click();
    await expect.poll(() => h1(page).textContent()).toBe(`Activations of the key ending ${key.lastFive}`);
    await page.getByText('26 used / 474 available').waitFor();
    await expect.poll(() => page.locator('tr[data-fingerprint]').count()).toBe(25);
    expect(await page.locator('tr[data-fingerprint="e2e-machine-0026"]').textContent()).toContain('ws-0026');
    expect(await page.locator('tr[data-fingerprint="e2e-machine-0026"]').textContent()).toContain('Independent');
    await axeInEnglishAndSwedish(page);
    await page.getByRole('button', { name: 'Show older activations' }).click();
    await expect.poll(() => page.locator('tr[data-fingerprint]').count()).toBe(26);
    await page.locator('tr[data-fingerprint="e2e-machine-0001"]').waitFor();
    expect(await page.getByRole('button', { name: 'Show older activations' }).count()).toBe(0);
  }, 120_000);

  it('R-KEY-3: a MAK with no activations left is refused by the API, and the Product Keys page links to the request form', async () => {
    // The publisher issues a one-activation MAK to the Select Plus PCN.
    const operator = await signedIn('operator@northwind.example');
    const products = (
      await apiFrom<{ items: { id: string; isCal: boolean; requiresKey: boolean }[] }>(operator, 'GET', '/catalog/products')
    ).body.items;
    const page = await signedIn('keys@contoso.example');
    const keys = (await apiFrom<{ items: Key[] }>(page, 'GET', '/product-keys')).body.items;
    const pcn = keys.find((k) => k.licensingIdNumber === '8765-4321');
    const product = products.find(
      (p) =>
        !p.isCal && p.requiresKey && !keys.some((k) => k.licensingIdNumber === '8765-4321' && k.product.id === p.id && k.type === 'MAK'),
    );
    if (!pcn || !product) throw new Error('no PCN or product');
    const issued = await apiFrom<{ id: string; lastFive: string }>(operator, 'POST', `/operator/licensing-ids/${pcn.licensingId}/keys`, {
      type: 'MAK',
      productId: product.id,
      activationLimit: 1,
    });
    expect(issued.status).toBe(201);
    const fresh = (await apiFrom<{ items: Key[] }>(page, 'GET', '/product-keys')).body.items.find((k) => k.id === issued.body.id);
    if (!fresh) throw new Error('issued key not visible');
    expect((await activate(fresh, 'e2e-limit-0001')).status).toBe(201);
    const refused = await activate(fresh, 'e2e-limit-0002');
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(((await refused.json()) as { code: string }).code).toBe('MAK_LIMIT_REACHED');

    await page.goto(`/downloads/product-keys?licensingId=${pcn.licensingId}`);
    const row = page.locator(`tr[data-key-id="${fresh.id}"]`);
    await row.waitFor();
    expect(await row.locator('td[data-column="activations"]').textContent()).toContain('1 used / 0 available');
    await row.getByRole('link', { name: 'No activations left: request more' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('New key request');
    await expect.poll(() => page.getByLabel('Last 5 characters of the key').inputValue()).toBe(fresh.lastFive);
    expect(await page.getByLabel('Agreement or enrollment number').inputValue()).toBe('8765-4321');
  }, 120_000);
});

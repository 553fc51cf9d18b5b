import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePortalBuilt, expectNoAxeViolations, launchChromium, signInAs } from '../helpers/browser.js';
import { startTestServer } from '../helpers/server.js';

describe('product keys in Chromium', () => {
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

  it('R-KEY-3 / R-KEY-7: a Product Keys user sees keys with MAK activations used/available and exports them tab-delimited', async () => {
    const page = await open();
    await signInAs(page, 'keys@contoso.example');
    await page.goto('/downloads/product-keys');
    await page.locator('tr[data-key-type="MAK"]').first().waitFor();
    expect(await page.locator('tr[data-key-type="MAK"] td[data-column="activations"]').first().textContent()).toMatch(
      /\d+ used \/ \d+ available/,
    );
    await expectNoAxeViolations(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('Export (tab-delimited)').click()]);
    const header = (await readFile((await download.path()) ?? '', 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    expect(header).toBe('Licensing ID\tParent Program\tOrganization\tProduct\tProduct Key\tType\tMAK Activations-Used/Available');
    await page.getByRole('link', { name: 'Print product keys' }).click();
    await page.getByRole('columnheader', { name: 'MAK Activations-Used/Available' }).waitFor();
    await expectNoAxeViolations(page);
  }, 120_000);

  it('R-KEY-9: keys are not shown without the Product Keys or Administrator role (Swedish, axe)', async () => {
    const page = await open('sv-SE');
    await signInAs(page, 'viewer@contoso.example');
    await page.goto('/downloads/product-keys');
    await page.getByRole('heading', { level: 1, name: 'Produktnycklar' }).waitFor();
    await expect.poll(() => page.locator('tr[data-key-type]').count()).toBe(0);
    await expectNoAxeViolations(page);
  }, 120_000);

  it('R-PERM-13: a key request needs every field, then reaches the publisher', async () => {
    const page = await open();
    await signInAs(page, 'keys@contoso.example');
    await page.goto('/downloads/key-requests');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('alert').filter({ hasText: 'Choose a key' }).waitFor();
    const firstKey = await page.getByLabel('Product key').locator('option').nth(1).getAttribute('value');
    await page.getByLabel('Product key').selectOption(firstKey ?? '');
    await page.getByLabel('Activations wanted').fill('50');
    await page.getByLabel('Business justification').fill('New office opens in March');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Your request was sent to the publisher.').waitFor();
    await expect.poll(() => page.getByRole('cell', { name: 'Pending' }).count()).toBe(1);

    // The publisher approves it from the queue; the requester sees the decision.
    const operator = await open();
    await signInAs(operator, 'operator@northwind.example');
    await operator.goto('/downloads/operator/key-requests');
    await operator.getByText('New office opens in March').waitFor();
    await expectNoAxeViolations(operator);
    await operator.getByRole('button', { name: 'Approve' }).click();
    await operator.getByText('No key requests are waiting.').waitFor();
    await page.reload();
    await expect.poll(() => page.getByRole('cell', { name: 'Approved' }).count()).toBe(1);
  }, 120_000);

  it('R-KEY-4: the activation history lists a machine activated through the API', async () => {
    const page = await open();
    await signInAs(page, 'keys@contoso.example');
    const key = await page.evaluate(async () => {
      const res = await fetch('/api/v1/product-keys');
      const items = (await res.json()).items as { id: string; type: string; productKey: string; product: { code: string } }[];
      return items.find((k) => k.type === 'MAK');
    });
    expect(key).toBeTruthy();
    const res = await fetch(`${server.url}/api/v1/activations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        productKey: key?.productKey,
        productCode: key?.product.code,
        fingerprint: 'e2e-machine-0001',
        hostname: 'ws-0001',
      }),
    });
    expect(res.status).toBe(201);
    await page.goto(`/downloads/product-keys/${key?.id}`);
    await page.locator('tr[data-fingerprint="e2e-machine-0001"]').waitFor();
    expect(await page.locator('tr[data-fingerprint="e2e-machine-0001"]').textContent()).toContain('ws-0001');
    await expectNoAxeViolations(page);
  }, 120_000);
});

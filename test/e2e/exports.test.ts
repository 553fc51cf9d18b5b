import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExportWorker } from '../../src/modules/exports/worker.js';
import { systemClock } from '../../src/platform/clock.js';
import { loadSecrets } from '../../src/platform/secrets.js';
import { openBlobStore } from '../../src/platform/storage/index.js';
import { axeInEnglishAndSwedish, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('Background exports in Chromium', () => {
  const portal = portalInChromium();
  const { signedIn } = portal;
  // The test server is the app alone; the node's export worker runs beside it, as `lsc start` runs it.
  let worker: ReturnType<typeof startExportWorker> | undefined;
  beforeAll(async () => {
    const { database, config } = portal.server;
    const secrets = await loadSecrets(config);
    worker = startExportWorker({ database, config, clock: systemClock, secrets, blobs: openBlobStore(config) }, 200);
  });
  afterAll(async () => {
    await worker?.stop();
  });

  it('issue 15: keys@contoso.example queues a keys export in the background, sees its progress reach done, and downloads it (en + sv, axe)', async () => {
    const page = await signedIn('keys@contoso.example');
    await page.getByRole('navigation').getByRole('link', { name: 'Product Keys' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Product Keys');
    await page.getByLabel('Format').selectOption('tsv');
    await page.getByRole('button', { name: 'Start background export' }).click();
    await page.getByRole('status').filter({ hasText: 'The export has started' }).waitFor();
    await page.getByRole('link', { name: 'Open Exports' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Exports');
    const row = page.locator('tr[data-export-state]').first();
    await page.locator('tr[data-export-state="DONE"]').first().waitFor({ timeout: 30_000 });
    const bar = row.getByRole('progressbar');
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    await axeInEnglishAndSwedish(page);
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: /Download/ }).click()]);
    expect(download.suggestedFilename()).toBe('product-keys.tsv');
    const lines = (await readFile((await download.path()) ?? '', 'utf8')).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('Licensing ID\tParent Program\tOrganization\tProduct\tProduct Key\tType\tMAK Activations-Used/Available');
    expect(lines.length).toBeGreaterThan(1);

    // Delete after confirmation; the empty state follows.
    await row.getByRole('button', { name: /Delete/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.locator('[data-state="empty"]').waitFor();
    await axeInEnglishAndSwedish(page);
    // At 320 px the language switch sits in the collapsed menu: the page must still fit and pass axe.
    await page.setViewportSize({ width: 320, height: 700 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectNoAxeViolations(page);
  }, 120_000);
});

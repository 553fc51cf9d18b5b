import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiFrom, axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

interface Key {
  id: string;
  type: string;
  productKey: string;
  lastFive: string;
  licensingIdNumber: string;
  product: { code: string };
}

/** The chart's "Show as table" alternative, opened: its rows as [category key, numbers as shown]. */
async function tableOf(page: Page, testId: string): Promise<[string, string[]][]> {
  const chart = page.getByTestId(testId);
  if (!(await chart.getByTestId(`${testId}-details`).evaluate((d) => (d as HTMLDetailsElement).open))) {
    await chart.getByTestId(`${testId}-details`).locator('summary').click();
  }
  await chart.locator('tbody tr').first().waitFor();
  return chart
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [r.getAttribute('data-category') ?? '', [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')]),
    );
}

/** The chart fits a 320 px wide window: the document does not scroll sideways and the picture ends inside it. */
async function expectFitsAt320(page: Page, testId: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 800 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expect
    .poll(() =>
      page
        .getByTestId(testId)
        .locator('svg.recharts-surface')
        .first()
        .evaluate((s) => s.getBoundingClientRect().right),
    )
    .toBeLessThanOrEqual(320);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('charts with a table alternative (issue 15), in Chromium', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  it('activations per day: the line chart of a MAK, its summary and the table with the same numbers as the API, en + sv, axe, 320 px', async () => {
    const page = await portal.signedIn('keys@contoso.example');
    const keys = (await apiFrom<{ items: Key[] }>(page, 'GET', '/product-keys')).body.items;
    const key = keys.find((k) => k.type === 'MAK' && k.licensingIdNumber === '67012345');
    if (!key) throw new Error('no MAK');
    for (let i = 1; i <= 3; i += 1) {
      const res = await fetch(`${portal.server.url}/api/v1/activations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ productKey: key.productKey, productCode: key.product.code, fingerprint: `chart-machine-${i}` }),
      });
      expect(res.status).toBe(201);
    }
    const daily = (
      await apiFrom<{ days: { day: string; count: number }[] }>(page, 'GET', `/product-keys/${key.id}/activations/daily?days=30`)
    ).body.days;
    const today = new Date().toISOString().slice(0, 10);
    expect(daily.at(-1)).toEqual({ day: today, count: 3 });

    await page.goto('/downloads/product-keys');
    await page.getByRole('link', { name: `Activation history of the key ending ${key.lastFive}` }).click();
    await expect.poll(() => h1(page).textContent()).toBe(`Activations of the key ending ${key.lastFive}`);
    const chart = page.getByTestId('activations-chart');
    await chart.getByRole('heading', { name: 'Activations per day, last 30 days' }).waitFor();
    await chart.locator('svg.recharts-surface').first().waitFor();
    expect(await page.getByTestId('activations-chart-summary').textContent()).toMatch(
      /^3 activations in the last 30 days; the most on .+: 3\.$/,
    );
    // The picture is named by its summary; the table has one row a day with the API's counts.
    await chart.getByRole('img', { name: /^3 activations in the last 30 days/ }).waitFor();
    const rows = await tableOf(page, 'activations-chart');
    expect(rows.map(([day, [count]]) => ({ day, count: Number(count) }))).toEqual(daily);
    await chart.getByRole('columnheader', { name: 'Activations' }).waitFor();
    await axeInEnglishAndSwedish(page);

    await chooseLanguage(page, 'sv');
    await chart.getByRole('heading', { name: 'Aktiveringar per dag, senaste 30 dagarna' }).waitFor();
    await chart.getByRole('columnheader', { name: 'Dag (UTC)' }).waitFor();
    expect(await page.getByTestId('activations-chart-summary').textContent()).toMatch(/^3 aktiveringar de senaste 30 dagarna/);
    expect((await tableOf(page, 'activations-chart')).at(-1)).toEqual([today, ['3']]);
    await expectFitsAt320(page, 'activations-chart');
    await chooseLanguage(page, 'en');
  }, 180_000);

  it('License Summary: effective quantity per pool and per family, the table equal to the summary rows, en + sv, axe, 320 px', async () => {
    const page = await portal.signedIn('admin@contoso.example');
    const summary = (
      await apiFrom<{ rows: { pool: string; family: string; familyId: string; effectiveQuantity: number }[] }>(
        page,
        'GET',
        '/license-summary?status=all',
      )
    ).body;
    const en = new Intl.NumberFormat('en');
    const perPool = (pool: string) => summary.rows.filter((r) => r.pool === pool).reduce((n, r) => n + r.effectiveQuantity, 0);
    const perFamily = new Map<string, number>();
    for (const r of summary.rows) perFamily.set(r.familyId, (perFamily.get(r.familyId) ?? 0) + r.effectiveQuantity);
    expect(summary.rows.length).toBeGreaterThan(0);

    await page.goto('/licenses/license-summary');
    await page.getByTestId('totals-row').waitFor();
    const pools = page.getByTestId('pool-chart');
    await pools.getByRole('heading', { name: 'Effective quantity per pool' }).waitFor();
    await pools.locator('svg.recharts-surface').first().waitFor();
    expect(await tableOf(page, 'pool-chart')).toEqual(['APPLICATIONS', 'SYSTEMS', 'SERVERS'].map((p) => [p, [en.format(perPool(p))]]));
    const families = await tableOf(page, 'family-chart');
    expect(new Map(families.map(([id, [n]]) => [id, Number((n ?? '').replace(/,/g, ''))]))).toEqual(perFamily);
    const total = summary.rows.reduce((n, r) => n + r.effectiveQuantity, 0);
    expect(await page.getByTestId('pool-chart-summary').textContent()).toContain(`${en.format(total)} licenses in all`);
    await axeInEnglishAndSwedish(page);

    await chooseLanguage(page, 'sv');
    await pools.getByRole('heading', { name: 'Effektivt antal per pool' }).waitFor();
    await pools.getByRole('columnheader', { name: 'Pool' }).waitFor();
    const sv = new Intl.NumberFormat('sv');
    expect((await tableOf(page, 'pool-chart')).map(([, [n]]) => n)).toEqual(
      ['APPLICATIONS', 'SYSTEMS', 'SERVERS'].map((p) => sv.format(perPool(p))),
    );
    expect(await page.getByTestId('pool-chart-summary').textContent()).toContain(`${sv.format(total)} licenser totalt`);
    await expectFitsAt320(page, 'family-chart');
    await expectNoAxeViolations(page);
    await chooseLanguage(page, 'en');
  }, 180_000);

  it('downloads per month and SA benefits used vs eligible render with their tables, axe clean', async () => {
    const page = await portal.signedIn('admin@contoso.example');
    await page.goto('/downloads');
    const downloads = page.getByTestId('downloads-chart');
    await downloads.getByRole('heading', { name: 'Downloads per month, last 12 months' }).waitFor();
    const months = await tableOf(page, 'downloads-chart');
    expect(months).toHaveLength(12);
    expect(months.at(-1)?.[0]).toBe(new Date().toISOString().slice(0, 7));
    await expectNoAxeViolations(page);

    await page.goto('/software-assurance');
    const benefits = page.getByTestId('benefits-chart');
    await benefits.getByRole('heading', { name: 'Benefits used and eligible' }).waitFor();
    const rows = await tableOf(page, 'benefits-chart');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every(([, cells]) => cells.length === 2)).toBe(true);
    await benefits.getByRole('columnheader', { name: 'Eligible' }).waitFor();
    await expectNoAxeViolations(page);
  }, 180_000);
});

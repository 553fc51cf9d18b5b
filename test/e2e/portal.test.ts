import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, h1, submitSignIn } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

const CONTOSO_IDS = ['67012345', '8765-4321', 'V1234567', 'V9876543'];
const FABRIKAM_ID = '67099999';

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
const row = (page: Page, id: string) => page.locator(`tr[data-licensing-id="${id}"]`);

describe('portal in Chromium', () => {
  const { open: openPage } = portalInChromium();

  /** Signs in the way a visitor does: the home page sends them to sign in, and back home after. */
  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto('/');
    await page.waitForURL(/\/sign-in/);
    await submitSignIn(page, email);
    await page.waitForURL((url) => url.pathname === '/');
    await h1(page).waitFor();
  }

  it('R-SUP-3: the sign-in page follows the browser language and passes axe in English and Swedish', async () => {
    const en = await openPage('en-US');
    await en.goto('/');
    await en.waitForURL(/\/sign-in/);
    await expect.poll(() => h1(en).textContent()).toBe('Sign in');
    expect(await htmlLang(en)).toBe('en');
    expect(await en.title()).toContain('Sign in');
    await expectNoAxeViolations(en);

    const sv = await openPage('sv-SE');
    await sv.goto('/sign-in');
    await expect.poll(() => h1(sv).textContent()).toBe('Logga in');
    expect(await htmlLang(sv)).toBe('sv');
    expect(await sv.title()).toContain('Logga in');
    await expectNoAxeViolations(sv);
  }, 60_000);

  it('R-SUP-3: a personal e-mail account is refused with a translated message', async () => {
    const page = await openPage('en-US');
    await page.goto('/sign-in');
    await submitSignIn(page, 'someone@gmail.com');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Personal e-mail accounts cannot be used');
    await expectNoAxeViolations(page);
  }, 60_000);

  it('R-REL-3: admin@contoso.example sees the four Contoso Licensing IDs and no Fabrikam one; R-SUP-3: Swedish persists', async () => {
    const page = await openPage('en-US');
    await signIn(page, 'admin@contoso.example');
    expect(await h1(page).textContent()).toContain('Anna');
    await expectNoAxeViolations(page);

    await page.getByRole('navigation').getByRole('link', { name: 'Relationship Summary' }).click();
    await page.waitForURL(/\/licenses\/relationship-summary/);
    await row(page, '67012345').waitFor();
    expect(await h1(page).textContent()).toBe('Relationship Summary');
    expect(await page.title()).toContain('Relationship Summary');
    for (const id of CONTOSO_IDS) expect(await row(page, id).count(), id).toBe(1);
    expect(await row(page, 'V1234567').textContent()).toContain('AUTH-7788');
    expect(await row(page, FABRIKAM_ID).count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain('Fabrikam');
    expect(await row(page, '67012345').textContent()).toContain('Administrator');
    await expectNoAxeViolations(page);

    // Inactive Licensing IDs appear only on request.
    const activeRows = await page.locator('tr[data-licensing-id]').count();
    await page.getByRole('switch').check({ force: true });
    await page.waitForURL(/status=all/);
    await expect.poll(() => page.locator('tr[data-licensing-id]').count()).toBeGreaterThan(activeRows);
    for (const id of CONTOSO_IDS) expect(await row(page, id).count(), id).toBe(1);
    expect(await row(page, FABRIKAM_ID).count()).toBe(0);

    // Svenska: the UI switches at once, the choice is stored on the user and survives a reload.
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH');
    await page.getByText('Svenska', { exact: true }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Relationssammanfattning');
    expect(await htmlLang(page)).toBe('sv');
    await expect.poll(() => page.locator('main').textContent()).toContain('Visa inaktiva');
    expect((await saved).status()).toBe(200);
    await page.reload();
    await row(page, '67012345').waitFor();
    expect(await h1(page).textContent()).toBe('Relationssammanfattning');
    expect(await htmlLang(page)).toBe('sv');
    expect(await page.title()).toContain('Relationssammanfattning');
    expect(await row(page, '67012345').textContent()).toContain('Administratör');
    await expectNoAxeViolations(page);

    await page.getByRole('navigation').getByRole('link', { name: 'Start' }).click();
    await expect.poll(() => h1(page).textContent()).toContain('Välkommen');
    await expectNoAxeViolations(page);

    // Sign out: back to the sign-in page, and signed-in pages are closed again.
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/\/sign-in/);
    await expect.poll(() => h1(page).textContent()).toBe('Logga in');
    await page.goto('/licenses/relationship-summary');
    await page.waitForURL(/\/sign-in/);
  }, 120_000);

  it('R-REL-3: viewer@contoso.example sees only the Enterprise enrollment', async () => {
    const page = await openPage('en-US');
    await signIn(page, 'viewer@contoso.example');
    await page.goto('/licenses/relationship-summary?status=all');
    await row(page, '67012345').waitFor();
    // The viewer stored Swedish: the UI follows the user's locale, not the browser's.
    expect(await h1(page).textContent()).toBe('Relationssammanfattning');
    expect(await htmlLang(page)).toBe('sv');
    expect(await row(page, '67012345').textContent()).toContain('Visare av licensinformation');
    expect(await page.locator('tr[data-licensing-id]').count()).toBe(1);
    for (const id of [...CONTOSO_IDS.slice(1), FABRIKAM_ID]) expect(await row(page, id).count(), id).toBe(0);
  }, 60_000);
});

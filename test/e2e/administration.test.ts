import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePortalBuilt, expectNoAxeViolations, launchChromium, signInAs } from '../helpers/browser.js';
import { startTestServer } from '../helpers/server.js';

/** The Licensing ID numbers in the Relationship Summary table. */
const listedIds = (page: Page) =>
  page.locator('tr[data-licensing-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-licensing-id')));

describe('administration in Chromium', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const open = async (locale = 'en-US') => {
    const context = await browser.newContext({ locale, baseURL: server.url });
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

  it('R-PERM-7 / R-ID-2: an Administrator adds a user, who registers from the mailed link and sees exactly the granted Licensing ID', async () => {
    const admin = await open();
    await signInAs(admin, 'admin@contoso.example');
    await admin.goto('/administration/users');
    await admin.getByLabel('Work e-mail').fill('nina.new@contoso.example');
    await admin.getByLabel('First name').fill('Nina');
    await admin.getByLabel('Last name').fill('New');
    await admin
      .getByRole('group', { name: /Roles on 67012345/ })
      .getByLabel('Licensing Info Viewer')
      .check();
    await expectNoAxeViolations(admin);
    await admin.getByRole('button', { name: 'Add and invite' }).click();
    await expect.poll(() => admin.getByRole('status').filter({ hasText: 'invitation' }).count()).toBe(1);

    const mail = await server.database.db.execute<{ text: string }>(
      sql`select text from outbox where to_address = 'nina.new@contoso.example' and template = 'invitation'`,
    );
    const link = /\/register\?token=[\w-]+/.exec(mail.rows[0]?.text ?? '')?.[0];
    expect(link).toBeTruthy();

    const invitee = await open();
    await invitee.goto(link ?? '/');
    await invitee.getByLabel('First name').fill('Nina');
    await invitee.getByLabel('Last name').fill('New');
    await invitee.locator('input[type="password"]').fill('a-long-password-2026');
    await expectNoAxeViolations(invitee);
    await invitee.getByRole('button', { name: 'Register' }).click();
    await invitee.getByText('Your account is ready.').waitFor();
    await signInAs(invitee, 'nina.new@contoso.example', 'a-long-password-2026');
    await invitee.goto('/licenses/relationship-summary');
    await expect.poll(() => listedIds(invitee)).toEqual(['67012345']);
  }, 120_000);

  it('R-PERM-6: a permission request is accepted from a second browser and applies at once', async () => {
    const viewer = await open('sv-SE');
    await signInAs(viewer, 'viewer@contoso.example');
    await viewer.goto('/administration/request-permissions');
    await expectNoAxeViolations(viewer);
    await viewer.getByLabel('Program').selectOption('SELECT_PLUS');
    await viewer.getByLabel('Inskrivnings-, avtals- eller licensnummer').fill('8765-4321');
    await viewer.getByLabel('Nedladdning').check();
    await viewer.getByRole('button', { name: 'Skicka begäran' }).click();
    await viewer.getByText(/skickades till administratörerna/).waitFor();
    // The requester never learns who the administrators are.
    expect(await viewer.content()).not.toContain('admin@contoso.example');

    const admin = await open();
    await signInAs(admin, 'admin@contoso.example');
    await admin.goto('/administration/requests');
    await admin.getByText(/viewer@contoso\.example/).waitFor();
    await expectNoAxeViolations(admin);
    await admin.getByLabel('Note to the requester (optional)').fill('Welcome');
    await admin.getByRole('button', { name: 'Accept' }).click();
    await admin.getByText('There are no pending requests.').waitFor();

    await viewer.goto('/licenses/relationship-summary');
    await expect.poll(async () => (await listedIds(viewer)).sort()).toEqual(['67012345', '8765-4321']);
  }, 120_000);

  it('R-PERM-4 / R-PERM-3: My Permissions keeps the Notices Correspondent’s Licensing IDs and passes axe in both languages', async () => {
    const page = await open();
    await signInAs(page, 'admin@contoso.example');
    await page.goto('/administration/permissions');
    await page.getByText('Kept: you are its Notices Correspondent').first().waitFor();
    expect(await page.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    await expectNoAxeViolations(page);
    const sv = await open('sv-SE');
    await signInAs(sv, 'viewer@contoso.example');
    await sv.goto('/administration/permissions');
    await sv.getByRole('heading', { level: 1, name: 'Mina behörigheter' }).waitFor();
    await expectNoAxeViolations(sv);
  }, 120_000);
});

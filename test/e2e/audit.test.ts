import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiFrom, axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('Audit trail in Chromium (issue 12)', () => {
  const portal = portalInChromium();

  it('an Administrator finds a change in the audit trail by person, action and day, reads it, exports it; a reversed period and no match say so; en and sv pass axe', async () => {
    const admin = await portal.signedIn('admin@contoso.example');
    const [viewer] = (
      await portal.server.database.db.execute<{ id: string }>(sql`select id from "user" where email = 'viewer@contoso.example'`)
    ).rows;
    const enrollment = await portal.licensingIdOf('67012345');
    const change = await apiFrom(admin, 'PUT', `/users/${viewer?.id}/roles/${enrollment}`, {
      roles: ['LICENSING_INFO_VIEWER', 'DOWNLOAD'],
    });
    expect(change.status).toBe(200);

    // From the administration hub.
    await admin.goto('/administration');
    await admin.getByRole('link', { name: 'Audit trail' }).first().click();
    await admin.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await admin.locator('tr[data-audit-action]').first().waitFor();
    await axeInEnglishAndSwedish(admin);

    await admin.getByLabel('Person').fill('viewer@contoso.example');
    await admin.getByLabel('Action').selectOption({ label: 'Roles changed' });
    const row = admin.locator('tr[data-audit-action="users.set-roles"]');
    await expect.poll(() => admin.locator('tr[data-audit-action]').count()).toBe(1);
    expect(await row.textContent()).toContain('67012345');
    expect(await row.textContent()).toContain('admin@contoso.example');
    await row.getByText('Show changes').click();
    await row.getByText('DOWNLOAD').first().waitFor();
    await expectNoAxeViolations(admin);

    // The export carries the same filters and is a CSV file.
    const href = await admin.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(href).toContain('/api/v1/audit/export?');
    expect(href).toContain('person=viewer%40contoso.example');
    const file = await admin.evaluate(async (url) => {
      const res = await fetch(url);
      return { type: res.headers.get('content-type'), text: await res.text() };
    }, href ?? '');
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.text).toContain(',users.set-roles,');

    // A period that ends before it starts is refused on the page; no export then.
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await admin.getByLabel('From', { exact: true }).fill(tomorrow);
    await admin.getByLabel('To', { exact: true }).fill(today);
    await admin.getByText('The “to” date is before the “from” date.').waitFor();
    expect(await admin.getByRole('link', { name: 'Export CSV' }).count()).toBe(0);
    await expectNoAxeViolations(admin);
    // Nothing tomorrow: the empty state.
    await admin.getByLabel('To', { exact: true }).fill(tomorrow);
    await admin.getByRole('heading', { name: 'No entries' }).waitFor();
    await axeInEnglishAndSwedish(admin);

    // In Swedish, the same change by its Swedish name.
    await admin.getByLabel('From', { exact: true }).fill('');
    await admin.getByLabel('To', { exact: true }).fill('');
    await chooseLanguage(admin, 'sv');
    await admin.getByRole('heading', { level: 1, name: 'Granskningslogg' }).waitFor();
    await expect.poll(() => row.textContent()).toContain('Roller ändrade');
    await chooseLanguage(admin, 'en');
  }, 240_000);

  it('a user who administers nothing is told how to get access instead of a trail', async () => {
    const viewer = await portal.signedIn('viewer@contoso.example');
    await viewer.goto('/administration/audit');
    await h1(viewer).waitFor();
    await viewer.waitForFunction(() => !document.querySelector('.mantine-Loader-root'));
    expect(await viewer.locator('tr[data-audit-action]').count()).toBe(0);
    await axeInEnglishAndSwedish(viewer);
  }, 120_000);
});

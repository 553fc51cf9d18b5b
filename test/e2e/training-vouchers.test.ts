import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('Training vouchers in Chromium (R-SA-5, R-PERM-8)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  it('R-SA-5: an SA Manager for training vouchers assigns a voucher, the employee’s mail arrives in Swedish, and cancels it after confirming', async () => {
    const manager = await portal.server.given.user('training.manager@contoso.example', {
      password: DEMO_PASSWORD,
      firstName: 'Tove',
      lastName: 'Berg',
      grants: [{ on: '67012345', roles: ['SA_MANAGER'] }],
    });
    const db = portal.server.database.db;
    await db.execute(sql`update role_grant set sub_roles = '{TRAINING_VOUCHERS}' where user_id = ${manager.id}`);
    const licensingId = await portal.licensingIdOf('67012345');
    await db.execute(
      sql`insert into sa_benefit_state (licensing_id, benefit, activated_at) values (${licensingId}, 'TRAINING_VOUCHERS', now())`,
    );

    const page = await portal.signedIn('training.manager@contoso.example');
    await page.goto(`/software-assurance/${licensingId}`);
    await expect.poll(() => h1(page).textContent()).toBe('Benefits of 67012345');
    const section = page.getByRole('region', { name: 'Training vouchers' });
    await section.getByText('160 days remain to assign.').waitFor();
    await axeInEnglishAndSwedish(page);

    const form = page.getByTestId('assign-voucher');
    await form.getByLabel('Employee name').fill('Nils Ek');
    await form.getByLabel('Work e-mail').fill('nils.ek@contoso.example');
    await form.getByLabel('Language of the instructions').selectOption('sv');
    await form.getByLabel('Days').fill('3');
    await form.getByRole('button', { name: 'Assign voucher' }).click();
    await page.getByTestId('voucher-assigned').waitFor();
    await section.getByText('157 days remain to assign.').waitFor();
    const row = section.locator('tr[data-voucher]');
    const number = (await row.getAttribute('data-voucher')) ?? '';
    expect(number).toMatch(/^TV-/);
    expect(await row.textContent()).toContain('Assigned');
    const mail = await portal.newestMail('nils.ek@contoso.example', 'voucherAssigned');
    expect(mail).toContain('Hej Nils Ek');
    expect(mail).toContain(number);
    // The benefit's row shows what the voucher used.
    expect(await page.locator('tr[data-benefit="TRAINING_VOUCHERS"]').textContent()).toContain('157');

    // More days than remain: refused, nothing assigned.
    await form.getByLabel('Employee name').fill('Greta Ek');
    await form.getByLabel('Work e-mail').fill('greta.ek@contoso.example');
    await form.getByLabel('Days').fill('158');
    await form.getByRole('button', { name: 'Assign voucher' }).click();
    await page.locator('[data-code="SA_NOT_ENOUGH_REMAINING"]').waitFor();
    expect(await section.locator('tr[data-voucher]').count()).toBe(1);

    await row.getByRole('button', { name: `Cancel voucher: ${number}` }).click();
    await page.getByRole('dialog').getByText('Cancel this training voucher?').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel voucher' }).click();
    await expect.poll(() => row.textContent()).toContain('Cancelled');
    await section.getByText('160 days remain to assign.').waitFor();
    expect(await portal.newestMail('nils.ek@contoso.example', 'voucherCancelled')).toContain('Nils Ek');

    await chooseLanguage(page, 'sv');
    await page.getByRole('region', { name: 'Utbildningsvouchers' }).getByText('160 dagar återstår att tilldela.').waitFor();
    expect(await page.locator(`tr[data-voucher="${number}"]`).textContent()).toContain('Annullerad');
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });
    await chooseLanguage(page, 'en');
  }, 240_000);
});

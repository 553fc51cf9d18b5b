import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiFrom, axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('Training providers in Chromium (R-SA-5)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  it('R-SA-5: the publisher registers a provider, issues its credential (secret shown once), revokes it after confirming; en and sv pass axe; the customer sees the redemption', async () => {
    const page = await portal.signedIn('operator@northwind.example');
    await page.getByRole('navigation').getByRole('link', { name: 'Training providers' }).click();
    await h1(page).filter({ hasText: 'Training providers' }).waitFor();
    await page.getByText('No training providers yet').waitFor();
    await axeInEnglishAndSwedish(page);

    // Sent empty, the form says what is missing and sends nothing.
    await page.getByRole('button', { name: 'Register provider' }).click();
    await expect.poll(() => page.getByText('Required.').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await page.getByRole('textbox', { name: /^Name/ }).fill('Learnwell Training AB');
    await page.getByRole('textbox', { name: /^Provider number/ }).fill('TP-1001');
    await page.getByLabel('Contact e-mail').fill('api@learnwell.example');
    await page.getByLabel('Language of the notices').selectOption('sv');
    await page.getByRole('button', { name: 'Register provider' }).click();
    await page.getByTestId('provider-registered').waitFor();
    const row = page.locator('tr[data-provider="TP-1001"]');
    expect(await row.getByTestId('credential-state').textContent()).toBe('None');

    await row.getByRole('button', { name: 'Issue credential: Learnwell Training AB' }).click();
    const secret = page.getByTestId('new-provider-secret');
    await secret.waitFor();
    const token = (await secret.textContent()) ?? '';
    expect(token).toMatch(/^tpc_/);
    await page.getByText('it is shown only this once').waitFor();
    await expect.poll(() => row.getByTestId('credential-state').textContent()).toMatch(/^Issued /);
    expect(await portal.newestMail('api@learnwell.example', 'credentialIssued')).toContain('Learnwell Training AB');
    expect(await portal.newestMail('api@learnwell.example', 'credentialIssued')).not.toContain(token);
    await axeInEnglishAndSwedish(page);

    // The provider redeems a voucher of Contoso's with the secret; the customer's list says so.
    const licensingId = await portal.licensingIdOf('67012345');
    await portal.server.database.db.execute(
      sql`insert into sa_benefit_state (licensing_id, benefit, activated_at) values (${licensingId}, 'TRAINING_VOUCHERS', now())`,
    );
    const admin = await portal.signedIn('admin@contoso.example');
    const assigned = await apiFrom<{ voucherNumber: string }>(admin, 'POST', `/licensing-ids/${licensingId}/training-vouchers`, {
      employeeName: 'Nils Ek',
      employeeEmail: 'nils.ek@contoso.example',
      locale: 'en',
      days: 2,
    });
    expect(assigned.status).toBe(201);
    const voucher = assigned.body;
    const redeemed = await fetch(`${portal.server.url}/api/v1/training-provider/vouchers/${voucher.voucherNumber}/redeem`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(redeemed.status).toBe(200);
    await admin.goto(`/software-assurance/${licensingId}`);
    const voucherRow = admin.locator(`tr[data-voucher="${voucher.voucherNumber}"]`);
    await voucherRow.getByTestId('voucher-redeemed').waitFor();
    expect(await voucherRow.textContent()).toContain('Redeemed');
    expect(await voucherRow.textContent()).toContain('At Learnwell Training AB');
    expect(await voucherRow.getByRole('button').count()).toBe(0);
    await chooseLanguage(admin, 'sv');
    await expect.poll(() => voucherRow.getByTestId('voucher-redeemed').textContent()).toContain('Hos Learnwell Training AB');
    await expectNoAxeViolations(admin);
    await chooseLanguage(admin, 'en');

    // Revoking asks first; then the secret no longer works.
    await row.getByRole('button', { name: 'Revoke credential: Learnwell Training AB' }).click();
    await page.getByRole('dialog').getByText('Revoke the credential?').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke credential' }).click();
    await expect.poll(() => row.getByTestId('credential-state').textContent()).toBe('None');
    const refused = await fetch(`${portal.server.url}/api/v1/training-provider/vouchers/${voucher.voucherNumber}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(401);
    expect(await portal.newestMail('api@learnwell.example', 'credentialRevoked')).toContain('återkallat');

    // Usable at 320 px, in Swedish too.
    await chooseLanguage(page, 'sv');
    await page.setViewportSize({ width: 320, height: 800 });
    await h1(page).filter({ hasText: 'Utbildningsleverantörer' }).waitFor();
    await expectNoAxeViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  }, 240_000);
});

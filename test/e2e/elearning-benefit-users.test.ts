import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('e-Learning and benefit users in Chromium (R-SA-4, R-SA-6, R-PERM-8)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  it('R-SA-4, R-SA-6: an SA Manager adds an e-Learning domain and sees the access code, is refused a personal-mail domain, an employee joins with the code; retires the code after confirming; adds, edits, re-mails and deletes a Home Use Program user', async () => {
    const manager = await portal.server.given.user('learning.manager@contoso.example', {
      password: DEMO_PASSWORD,
      firstName: 'Lena',
      lastName: 'Holm',
      grants: [{ on: '67012345', roles: ['SA_MANAGER'] }],
    });
    const db = portal.server.database.db;
    await db.execute(sql`update role_grant set sub_roles = '{E_LEARNING,HOME_USE_PROGRAM}' where user_id = ${manager.id}`);
    const licensingId = await portal.licensingIdOf('67012345');
    await db.execute(
      sql`insert into sa_benefit_state (licensing_id, benefit, activated_at) values (${licensingId}, 'E_LEARNING', now()), (${licensingId}, 'HOME_USE_PROGRAM', now())`,
    );

    const page = await portal.signedIn('learning.manager@contoso.example');
    await page.goto(`/software-assurance/${licensingId}`);
    await expect.poll(() => h1(page).textContent()).toBe('Benefits of 67012345');
    const section = page.getByRole('region', { name: 'e-Learning' });
    await section.getByText('No domains are eligible yet, so there is no access code.').waitFor();
    await axeInEnglishAndSwedish(page);

    const form = page.getByTestId('add-domain');
    await form.getByLabel('Eligible domain').fill('Contoso.example');
    await form.getByRole('button', { name: 'Add domain' }).click();
    await section.getByTestId('access-code').waitFor();
    const code = (await section.getByTestId('access-code').locator('code').textContent()) ?? '';
    expect(code).toMatch(/^EL-/);
    expect(await section.getByTestId('elearning-domains').textContent()).toContain('contoso.example');

    // A personal-mail domain: refused, nothing added.
    await form.getByLabel('Eligible domain').fill('gmail.com');
    await form.getByRole('button', { name: 'Add domain' }).click();
    await page.locator('[data-code="ELEARNING_DOMAIN_PERSONAL"]').waitFor();
    expect(await section.getByTestId('elearning-domains').locator('li').count()).toBe(1);

    await chooseLanguage(page, 'sv');
    await page.getByRole('region', { name: 'e-learning' }).getByText('Åtkomstkod', { exact: true }).waitFor();
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });
    await chooseLanguage(page, 'en');

    // The employee's side: a signed-in user on the domain joins with the code, once.
    await page.goto('/software-assurance/e-learning');
    await expect.poll(() => h1(page).textContent()).toBe('Join e-Learning');
    await axeInEnglishAndSwedish(page);
    await page.getByTestId('redeem-elearning').getByLabel('Access code').fill(code.toLowerCase());
    await page.getByTestId('redeem-elearning').getByRole('button', { name: 'Join' }).click();
    await expect
      .poll(() => page.getByTestId('elearning-redeemed').textContent())
      .toBe('You are now an e-Learning participant of Contoso Ltd with learning.manager@contoso.example.');
    await page.goto(`/software-assurance/${licensingId}`);
    await section.getByText('Participants so far: 1').waitFor();

    await section.getByRole('button', { name: 'Remove: contoso.example' }).click();
    await page.getByRole('dialog').getByText('Remove this domain?').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await section.getByText('No domains are eligible yet, so there is no access code.').waitFor();
    expect(await section.getByTestId('access-code').count()).toBe(0);

    // R-SA-6: a Home Use Program user is added, mailed in Swedish, and deleted after confirming.
    const users = page.getByRole('region', { name: 'Users of Home Use Program' });
    const userForm = page.getByTestId('benefit-user-form');
    await userForm.getByLabel('Name').fill('Nils Ek');
    await userForm.getByLabel('Work e-mail').fill('nils.ek@contoso.example');
    await userForm.getByLabel('Language of the instructions').selectOption('sv');
    await userForm.getByRole('button', { name: 'Add user' }).click();
    await page.getByTestId('benefit-user-saved').waitFor();
    const row = users.locator('tr[data-benefit-user="nils.ek@contoso.example"]');
    await row.waitFor();
    expect(await portal.newestMail('nils.ek@contoso.example', 'benefitUserInstructions')).toContain('Hej Nils Ek');
    await chooseLanguage(page, 'sv');
    await page.getByRole('region', { name: 'Användare av Home Use Program' }).locator('tr[data-benefit-user]').waitFor();
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });
    await chooseLanguage(page, 'en');
    await row.getByRole('button', { name: 'Edit user: nils.ek@contoso.example' }).click();
    await userForm.getByLabel('Name').fill('Nils Eklund');
    await userForm.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => row.textContent()).toContain('Nils Eklund');
    await row.getByRole('button', { name: 'Resend instructions: nils.ek@contoso.example' }).click();
    await users.getByText('The instructions were sent again to nils.ek@contoso.example.').waitFor();
    await row.getByRole('button', { name: 'Delete user: nils.ek@contoso.example' }).click();
    await page.getByRole('dialog').getByText('Delete this benefit user?').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete user' }).click();
    await users.getByText('No users have been added yet.').waitFor();
  }, 240_000);
});

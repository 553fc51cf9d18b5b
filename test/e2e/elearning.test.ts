import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('e-Learning in Chromium (R-SA-4, R-PERM-8)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  it('R-SA-4: an SA Manager for e-Learning adds a domain, sees the access code, is refused a personal-mail domain, and retires the code after confirming', async () => {
    const manager = await portal.server.given.user('learning.manager@contoso.example', {
      password: DEMO_PASSWORD,
      firstName: 'Lena',
      lastName: 'Holm',
      grants: [{ on: '67012345', roles: ['SA_MANAGER'] }],
    });
    const db = portal.server.database.db;
    await db.execute(sql`update role_grant set sub_roles = '{E_LEARNING}' where user_id = ${manager.id}`);
    const licensingId = await portal.licensingIdOf('67012345');
    await db.execute(sql`insert into sa_benefit_state (licensing_id, benefit, activated_at) values (${licensingId}, 'E_LEARNING', now())`);

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

    await section.getByRole('button', { name: 'Remove: contoso.example' }).click();
    await page.getByRole('dialog').getByText('Remove this domain?').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await section.getByText('No domains are eligible yet, so there is no access code.').waitFor();
    expect(await section.getByTestId('access-code').count()).toBe(0);
  }, 240_000);
});

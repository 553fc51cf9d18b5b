import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

describe('e-Learning participants in Chromium (R-SA-4, R-PERM-8)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  it('R-SA-4: the e-Learning section lists its participants newest first, by domain, a page at a time; an SA Manager removes one after confirming and they are mailed', async () => {
    const manager = await portal.server.given.user('participants.manager@contoso.example', {
      password: DEMO_PASSWORD,
      grants: [{ on: '67012345', roles: ['SA_MANAGER'] }],
    });
    const db = portal.server.database.db;
    await db.execute(sql`update role_grant set sub_roles = '{E_LEARNING}' where user_id = ${manager.id}`);
    const licensingId = await portal.licensingIdOf('67012345');
    await db.execute(sql`insert into sa_benefit_state (licensing_id, benefit, activated_at) values (${licensingId}, 'E_LEARNING', now())`);

    const page = await portal.signedIn('participants.manager@contoso.example');
    await page.goto(`/software-assurance/${licensingId}`);
    await expect.poll(() => h1(page).textContent()).toBe('Benefits of 67012345');
    const section = page.getByRole('region', { name: 'e-Learning' });
    const form = page.getByTestId('add-domain');
    await form.getByLabel('Eligible domain').fill('contoso.example');
    await form.getByRole('button', { name: 'Add domain' }).click();
    await section.getByTestId('access-code').waitFor();
    // The empty state, before anyone joins.
    const participants = section.getByTestId('elearning-participants');
    await participants.getByText('No one has joined with the access code yet.').waitFor();
    await axeInEnglishAndSwedish(page);

    // 30 employees joined (more than a page), on two domains; the newest is shown first.
    await form.getByLabel('Eligible domain').fill('fabrikam.example');
    await form.getByRole('button', { name: 'Add domain' }).click();
    await section.getByTestId('elearning-domains').getByText('fabrikam.example', { exact: true }).waitFor();
    await db.execute(sql`
      insert into sa_benefit_use (licensing_id, benefit, kind, quantity, reference, holder_name, holder_email, holder_locale, created_at)
      select ${licensingId}, 'E_LEARNING', 'E_LEARNING_PARTICIPANT', 1, 'EL-P:' || ${licensingId} || ':' || e, e, e, 'en',
        timestamptz '2026-01-01T10:00:00Z' + i * interval '1 hour'
      from generate_series(1, 30) i,
        lateral (select 'emp' || lpad(i::text, 2, '0') || case when i % 10 = 0 then '@fabrikam.example' else '@contoso.example' end as e) x`);
    await page.reload();
    const items = participants.locator('li[data-participant]');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(25);
    expect(await items.first().getAttribute('data-participant')).toBe('emp30@fabrikam.example');
    await participants.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(30);
    expect(await participants.getByRole('button', { name: 'Show more' }).count()).toBe(0);

    await participants.getByLabel('Show participants on').selectOption('fabrikam.example');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(3);

    await chooseLanguage(page, 'sv');
    await page.getByRole('region', { name: 'e-learning' }).getByText('Deltagare', { exact: true }).waitFor();
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });
    await chooseLanguage(page, 'en');

    await participants.getByRole('button', { name: 'Remove participant: emp20@fabrikam.example' }).click();
    await page.getByRole('dialog').getByText('Remove this participant?').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Remove participant' }).click();
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(2);
    expect(await participants.locator('li[data-participant="emp20@fabrikam.example"]').count()).toBe(0);
    await section.getByText('Participants so far: 29').waitFor();
    expect(await portal.newestMail('emp20@fabrikam.example', 'elearningParticipantRemoved')).toContain('Contoso Ltd has removed');

    // A Licensing Info Viewer reads the list but is offered no removal.
    const viewer = await portal.signedIn('viewer@contoso.example');
    await viewer.goto(`/software-assurance/${licensingId}`);
    const seen = viewer.getByRole('region', { name: 'e-Learning' }).getByTestId('elearning-participants');
    // The viewer's own language may be Swedish: the region's name matches either way.
    await seen.locator('li[data-participant]').first().waitFor();
    await expect.poll(() => seen.locator('li[data-participant]').count(), { timeout: 10_000 }).toBe(25);
    expect(await seen.getByRole('button', { name: /Remove participant/ }).count()).toBe(0);
  }, 240_000);
});

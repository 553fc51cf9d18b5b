import { describe, expect, it } from 'vitest';
import { apiFrom, axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

const PUBLIC = 'http://lsc.test';
const PASSWORD = 'a-long-password-2026';

describe('channel partners in Chromium (issue 12, R-REL-6)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } }, hosts: [new URL(PUBLIC).hostname] });

  it('R-REL-6: the publisher registers a partner and records it on an agreement; the partner’s user registers and sees the customer', async () => {
    const page = await portal.signedIn('operator@northwind.example');
    await page.getByRole('navigation').getByRole('link', { name: 'Channel partners' }).click();
    await h1(page).filter({ hasText: 'Channel partners' }).waitFor();
    await page.locator('tr[data-partner="P-100200"]').waitFor();
    await axeInEnglishAndSwedish(page);

    await page.getByRole('link', { name: 'Register a channel partner' }).click();
    await h1(page).filter({ hasText: 'Register a channel partner' }).waitFor();
    // Sent empty, the form says what is missing and sends nothing.
    await page.getByRole('button', { name: 'Register partner' }).click();
    await expect.poll(() => page.getByText('This value is required.').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await page.getByLabel('Partner name').fill('Wingtip Partners');
    await page.getByLabel('Partner number').fill('P-500600');
    await page.getByLabel('Domains').fill('wingtip-partners.example');
    await page.getByLabel('Country').fill('SE');
    await page.getByLabel('Notification address').fill('licensing@wingtip-partners.example');
    await page.getByLabel('First name').fill('Wanda');
    await page.getByLabel('Last name').fill('Wing');
    await page.getByLabel('Work e-mail address').fill('wanda@wingtip-partners.example');
    await page.getByLabel('Language of their mails').selectOption('sv');
    await page.getByRole('button', { name: 'Register partner' }).click();

    await h1(page).filter({ hasText: 'Wingtip Partners' }).waitFor();
    expect(await page.locator('tr[data-user="wanda@wingtip-partners.example"]').textContent()).toContain('Invited');
    // Record Wingtip as the partner of Contoso's Select Plus agreement, after confirming.
    await page.getByLabel('Find the customer').fill('contoso');
    await page.getByLabel('Agreement', { exact: true }).selectOption({ label: '4455-SP – Contoso Ltd' });
    await page.getByRole('button', { name: 'Record partner' }).click();
    await page
      .getByRole('dialog')
      .getByText(/Make Wingtip Partners the channel partner of record/)
      .waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Record partner' }).click();
    await page.getByRole('status').filter({ hasText: 'The partner of record was recorded.' }).waitFor();
    expect(await portal.newestMail('licensing@wingtip-partners.example', 'partnerAssigned')).toContain('4455-SP');
    expect(await portal.newestMail('admin@contoso.example', 'customerPartnerChanged')).toContain('Wingtip Partners');

    // Wanda registers from her Swedish welcome and finds Contoso among her customers.
    const link = /\/register\?token=[\w-]+/.exec(await portal.newestMail('wanda@wingtip-partners.example', 'partnerWelcome'))?.[0] ?? '';
    expect(link).not.toBe('');
    const wanda = await portal.open('sv-SE', { baseURL: PUBLIC });
    await wanda.goto(link);
    await wanda.locator('input[name="new-password"]').fill(PASSWORD);
    await wanda.locator('input[name="confirm-password"]').fill(PASSWORD);
    await wanda.getByRole('button', { name: 'Registrera' }).click();
    await wanda.getByRole('button', { name: /Fortsätt/ }).click();
    await wanda.getByRole('navigation').getByRole('link', { name: 'Era kunder' }).click();
    await h1(wanda).filter({ hasText: 'Era kunder' }).waitFor();
    expect(await wanda.locator('tr[data-customer="Contoso Ltd"]').textContent()).toContain('1');
    await expectNoAxeViolations(wanda);
  }, 180_000);

  it('R-REL-6: the channel partner changes the Online Services Manager; the customer cannot', async () => {
    const partner = await portal.signedIn('partner@adatum-partners.example');
    // R-BC-2, R-SA-7, R-BC-5: sales packages, benefit permissions and the customers' self-provisioning requests are
    // entries of the partner's menu, each marked current on its page, in both languages.
    const menu = partner.getByRole('navigation', { name: 'Main navigation' });
    for (const [entry, heading] of [
      ['Sales packages', 'Sales packages'],
      ['Benefit permissions', 'Permission to manage customers’ benefits'],
      ['Self-provisioning requests', 'Self-provisioning requests'],
    ] as const) {
      await menu.getByRole('link', { name: entry, exact: true }).click();
      await h1(partner).filter({ hasText: heading }).waitFor();
      expect(await menu.locator('[aria-current="page"]').textContent()).toBe(entry);
    }
    await chooseLanguage(partner, 'sv');
    const meny = partner.getByRole('navigation', { name: 'Huvudnavigering' });
    for (const entry of ['Försäljningspaket', 'Förmånstillstånd', 'Begäranden om självetablering']) {
      await meny.getByRole('link', { name: entry, exact: true }).waitFor();
    }
    await chooseLanguage(partner, 'en');
    await partner.getByRole('navigation').getByRole('link', { name: 'Your customers' }).click();
    await h1(partner).filter({ hasText: 'Your customers' }).waitFor();
    await axeInEnglishAndSwedish(partner);
    await partner.getByRole('link', { name: 'Contoso Ltd' }).click();
    await h1(partner).filter({ hasText: 'Contoso Ltd' }).waitFor();
    const ea = partner.locator('section[data-agreement="01E73628-EA"]');
    const osm = ea.locator('tr[data-contact-type="ONLINE_SERVICES_MANAGER"]');
    expect(await osm.textContent()).toContain('viewer@contoso.example');
    await axeInEnglishAndSwedish(partner);

    await osm.getByRole('button', { name: /^Change/ }).click();
    const dialog = partner.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Olof Nyberg');
    await dialog.getByLabel('Work e-mail').fill('olof@contoso.example');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByText(/Replace Erik Berg with Olof Nyberg/).waitFor();
    await expectNoAxeViolations(partner);
    await dialog.getByRole('button', { name: 'Change contact' }).click();
    await expect.poll(() => osm.textContent()).toContain('olof@contoso.example');
    expect(await portal.newestMail('viewer@contoso.example', 'contactEnded')).toContain('Olof Nyberg');
    expect(await portal.newestMail('olof@contoso.example', 'contactWelcome')).toMatch(/\/register\?token=/);

    // The customer's Administrator reads the contacts, with the note that only the partner changes them, and cannot change them.
    const admin = await portal.signedIn('admin@contoso.example');
    await chooseLanguage(admin, 'en');
    await admin.goto('/licenses/relationship-summary');
    await admin.getByRole('link', { name: '67012345' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Licensing ID 67012345' }).waitFor();
    await admin.getByText(/change only through your channel partner/).waitFor();
    expect(await admin.getByRole('button', { name: /^Change/ }).count()).toBe(0);
    const agreementId = (await apiFrom<{ items: { id: string }[] }>(partner, 'GET', '/partner/customers')).body.items[0]?.id ?? '';
    expect(agreementId).not.toBe('');
    const records = await apiFrom<{ agreements: { id: string; number: string }[] }>(partner, 'GET', `/partner/customers/${agreementId}`);
    const recordId = records.body.agreements.find((a) => a.number === '01E73628-EA')?.id ?? '';
    const refused = await apiFrom<{ code: string }>(admin, 'PUT', `/partner/agreements/${recordId}/contacts/ONLINE_SERVICES_MANAGER`, {
      name: 'Anna Lind',
      email: 'admin@contoso.example',
    });
    expect(refused.status).toBe(403);
  }, 180_000);
});

import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiFrom, axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations, h1, signInAs } from '../helpers/browser.js';
import { GIVEN_PASSWORD } from '../helpers/given.js';
import { portalInChromium } from '../helpers/portal.js';

const PUBLIC = 'http://lsc.test';

describe('online service activation in Chromium (R-OS-1, R-OS-2, R-OS-5)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } }, hosts: [new URL(PUBLIC).hostname] });

  it('R-OS-1, R-OS-5: the first order of a service → the OSM’s activation mail → the link → the enrollment is linked; the Administrator sees who got it', async () => {
    const db = portal.server.database.db;
    // A Contoso enrollment administered by the demo Administrator, its Online Services Manager named.
    const lid = (
      await db.execute<{ id: string }>(sql`
        insert into licensing_id (organization_id, program_code, kind, number, name, start_date, end_date)
        select id, 'ENTERPRISE', 'ENROLLMENT', '67055555', 'Contoso Cloud Enrollment', '2025-07-01', '2028-06-30'
        from organization where name = 'Contoso Ltd' returning id`)
    ).rows[0]?.id;
    await db.execute(sql`insert into role_grant (user_id, licensing_id, role, source)
      select id, ${lid}, 'ADMINISTRATOR', 'ADMIN' from "user" where email = 'admin@contoso.example'`);
    await db.execute(
      sql`insert into contact (licensing_id, type, name, email) values (${lid}, 'ONLINE_SERVICES_MANAGER', 'Oskar Osm', 'oskar.osm@contoso.example')`,
    );

    const operator = await portal.signedIn('operator@northwind.example');
    const today = new Date().toISOString().slice(0, 10);
    const recorded = await apiFrom(operator, 'POST', '/operator/orders', {
      orderNumber: 'OS-E2E-1',
      orderDate: today,
      licensingId: { program: 'ENTERPRISE', number: '67055555' },
      lines: [{ product: 'CLOUD-MAIL-P1', licenseType: 'ONLINE_SERVICE', quantity: 50, coverageStart: today, coverageEnd: '2028-06-30' }],
    });
    expect(recorded.status).toBe(201);

    // The Administrator sees who received the activation mail (R-OS-2).
    const admin = await portal.signedIn('admin@contoso.example');
    await admin.goto('/online-services');
    await expect.poll(() => h1(admin).textContent()).toBe('Online Services');
    const row = admin.getByTestId('service-67055555-CLOUD-MAIL-P1');
    await row.waitFor();
    expect(await row.textContent()).toContain('Oskar Osm (oskar.osm@contoso.example)');
    expect(await row.textContent()).toContain('Mail sent');
    const more = admin.getByRole('navigation', { name: 'More about online services' });
    await more.getByRole('link', { name: 'Make a reservation' }).waitFor();
    await more.getByRole('link', { name: 'Subscriptions' }).waitFor();
    await axeInEnglishAndSwedish(admin);
    // The resend asks first.
    await row.getByRole('button', { name: 'Resend the activation mail of Northwind Cloud Mail Plan 1' }).click();
    await admin.getByRole('dialog').getByText('The link in the earlier mail stops working.').waitFor();
    await expectNoAxeViolations(admin);
    await admin.getByRole('dialog').getByRole('button', { name: 'Resend' }).click();
    await row.getByText('The activation mail was sent to oskar.osm@contoso.example.').waitFor();
    await admin.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    // The OSM (or whoever they forward it to) follows the newest link, without signing in.
    const mail = await portal.newestMail('oskar.osm@contoso.example', 'activationLink');
    const url = /http:\/\/lsc\.test\/online-services\/activate\/[A-Za-z0-9_-]+/.exec(mail)?.[0] ?? '';
    expect(url).not.toBe('');
    const holder = await portal.open('en-US');
    await holder.goto(url);
    await expect.poll(() => h1(holder).textContent()).toBe('Activate online services');
    await holder.getByText('Northwind Cloud Mail Plan 1, ordered under Contoso Cloud Enrollment (67055555).').waitFor();
    await axeInEnglishAndSwedish(holder);
    await chooseLanguage(holder, 'sv');
    await expect.poll(() => h1(holder).textContent()).toBe('Aktivera onlinetjänster');
    await chooseLanguage(holder, 'en');
    // Sent empty, the form says what is missing.
    await holder.getByRole('button', { name: 'Activate' }).click();
    await holder.getByText('Enter the account’s name.').waitFor();
    await expectNoAxeViolations(holder);
    await holder.getByLabel('Name of the new account').fill('Contoso Cloud Tenant');
    await holder.getByLabel('Your e-mail address').fill('oskar.osm@contoso.example');
    await holder.getByRole('button', { name: 'Activate' }).click();
    await holder.getByTestId('activation-done').waitFor();
    expect(await holder.getByTestId('activation-done').textContent()).toBe(
      'Contoso Cloud Enrollment (67055555) is linked to Contoso Cloud Tenant.',
    );
    await axeInEnglishAndSwedish(holder);

    // Linked: the Administrator sees the account and the active subscription.
    await admin.setViewportSize({ width: 1280, height: 800 });
    await admin.reload();
    const panel = admin.getByTestId('enrollment-67055555');
    await panel.getByText('Online services account: Contoso Cloud Tenant').waitFor();
    expect(await panel.getByTestId('link-status').textContent()).toBe('Activated');
    expect(await admin.getByTestId('service-67055555-CLOUD-MAIL-P1').textContent()).toContain('Linked');
    await axeInEnglishAndSwedish(admin);

    // R-OS-4: the Administrator verifies the organization's domain on the account, after confirming, then removes it.
    const domains = panel.getByTestId('account-domains');
    await domains.getByText('No domain is verified on this account.').waitFor();
    await domains.getByLabel('Domain').fill('contoso.example');
    await domains.getByRole('button', { name: 'Verify domain' }).click();
    const confirm = admin.getByRole('dialog');
    await confirm.getByText(/Verify contoso.example on Contoso Cloud Tenant\?/).waitFor();
    await expectNoAxeViolations(admin);
    await confirm.getByRole('button', { name: 'Verify domain' }).click();
    await domains.locator('tr[data-domain="contoso.example"]').waitFor();
    await axeInEnglishAndSwedish(admin);
    await admin.setViewportSize({ width: 320, height: 800 });
    await expect.poll(() => admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await admin.setViewportSize({ width: 1280, height: 800 });
    await domains.getByRole('button', { name: 'Remove: contoso.example' }).click();
    await admin
      .getByRole('dialog')
      .getByText(/Remove contoso.example from Contoso Cloud Tenant\?/)
      .waitFor();
    await admin.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await domains.getByText('No domain is verified on this account.').waitFor();
  }, 240_000);

  it('R-OS-7: an Open program’s service is activated on Online Service Activation with its key, once; it shows pending', async () => {
    const db = portal.server.database.db;
    const lid = (
      await db.execute<{ id: string }>(sql`
        insert into licensing_id (organization_id, program_code, kind, number, name, start_date, end_date)
        select id, 'OPEN_VALUE', 'AGREEMENT', 'V5550001', 'Contoso Open Cloud', '2025-07-01', '2028-06-30'
        from organization where name = 'Contoso Ltd' returning id`)
    ).rows[0]?.id;
    await db.execute(sql`insert into role_grant (user_id, licensing_id, role, source)
      select id, ${lid}, 'ADMINISTRATOR', 'ADMIN' from "user" where email = 'admin@contoso.example'`);
    await portal.server.given.user('open.osm@contoso.example', { firstName: 'Olga' });
    await db.execute(
      sql`insert into contact (licensing_id, type, name, email) values (${lid}, 'ONLINE_SERVICES_MANAGER', 'Olga Osm', 'open.osm@contoso.example')`,
    );
    const operator = await portal.signedIn('operator@northwind.example');
    const today = new Date().toISOString().slice(0, 10);
    const recorded = await apiFrom(operator, 'POST', '/operator/orders', {
      orderNumber: 'OS-E2E-OPEN-1',
      orderDate: today,
      licensingId: { program: 'OPEN_VALUE', number: 'V5550001' },
      lines: [{ product: 'CLOUD-MAIL-P1', licenseType: 'ONLINE_SERVICE', quantity: 5, coverageStart: today, coverageEnd: '2028-06-30' }],
    });
    expect(recorded.status).toBe(201);
    const key = /\*\*([2-9B-Y-]{29})\*\*/.exec(await portal.newestMail('open.osm@contoso.example', 'activationLinkOpen'))?.[1] ?? '';
    expect(key).toHaveLength(29);

    const osm = await portal.open();
    await signInAs(osm, 'open.osm@contoso.example', GIVEN_PASSWORD);
    await osm.goto('/online-services/activation');
    await expect.poll(() => h1(osm).textContent()).toBe('Online Service Activation');
    await axeInEnglishAndSwedish(osm);
    await chooseLanguage(osm, 'sv');
    await expect.poll(() => h1(osm).textContent()).toBe('Aktivering av onlinetjänst');
    await chooseLanguage(osm, 'en');
    await osm.getByLabel('Online Service Activation key').fill(key);
    await osm.getByLabel('Name of the new online services account').fill('Contoso Open Tenant');
    await osm.getByRole('button', { name: 'Activate' }).click();
    await osm.getByTestId('osa-done').waitFor();
    expect(await osm.getByTestId('osa-done').textContent()).toContain('Activation is pending');
    await axeInEnglishAndSwedish(osm);
    // The key is entered once: the second time it is refused.
    await osm.reload();
    await osm.getByLabel('Online Service Activation key').fill(key);
    // R-OS-5, R-OS-7: the account the OSM now administers is offered, and chosen unless they pick a new one.
    await expect.poll(() => osm.getByRole('radio', { name: 'Use my account Contoso Open Tenant' }).isChecked()).toBe(true);
    await axeInEnglishAndSwedish(osm);
    await osm.getByRole('button', { name: 'Activate' }).click();
    await osm.getByText('This Online Service Activation key has already been used; each key can be entered once.').waitFor();
    await expectNoAxeViolations(osm);

    const admin = await portal.signedIn('admin@contoso.example');
    await admin.goto('/online-services');
    const panel = admin.getByTestId('enrollment-V5550001');
    await panel.getByText('Online services account: Contoso Open Tenant').waitFor();
    expect(await panel.getByTestId('link-status').textContent()).toBe('Activation pending');
  }, 240_000);
});

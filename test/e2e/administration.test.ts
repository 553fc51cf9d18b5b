import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiFrom, axeInEnglishAndSwedish, expectNoAxeViolations, h1, signInAs } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

/** The Licensing ID numbers in the Relationship Summary table. */
const listedIds = (page: Page) =>
  page.locator('tr[data-licensing-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-licensing-id')).sort());

describe('Administration in Chromium', () => {
  const portal = portalInChromium();
  const { open, signedIn, licensingIdOf } = portal;
  const mail = portal.newestMail;
  /** The portal path of a link in a mail (the mail carries the configured public URL). */
  const linkIn = (text: string, pattern: RegExp) => {
    const found = pattern.exec(text)?.[0];
    expect(found, `link ${pattern} in: ${text}`).toBeTruthy();
    return found ?? '/';
  };

  it('R-PERM-7 / R-PERM-8 / R-ID-2: an Administrator adds a user with a narrowed role group; the invitee registers from the mailed link and sees exactly the granted Licensing IDs', async () => {
    const admin = await signedIn('admin@contoso.example');
    await admin.goto('/administration/users');
    await h1(admin).waitFor();
    await admin.getByRole('link', { name: 'Add a user' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Add a user' }).waitFor();
    await axeInEnglishAndSwedish(admin);

    // Nothing chosen: the form says what is missing next to the fields.
    await admin.getByRole('button', { name: 'Add and invite' }).click();
    await admin.getByText('Enter the e-mail address.').waitFor();
    await admin.getByText('Choose at least one role on at least one Licensing ID.').waitFor();

    await admin.getByLabel('Work e-mail').fill('nina.new@contoso.example');
    await admin.getByLabel('First name').fill('Nina');
    await admin.getByLabel('Last name').fill('New');
    const enrollment = admin.getByRole('group', { name: /Roles on 67012345/ });
    await enrollment.getByLabel('Licensing Info Viewer').check();
    await enrollment.getByLabel('Software Assurance Manager').check();
    // R-PERM-8: the group comes with All duties; narrowing unticks one.
    const saDuties = enrollment.getByRole('group', { name: 'Duties of Software Assurance Manager' });
    expect(await saDuties.getByLabel('All duties').isChecked()).toBe(true);
    await saDuties.getByLabel('E-learning').uncheck();
    expect(await saDuties.getByLabel('All duties').isChecked()).toBe(false);
    await admin
      .getByRole('group', { name: /Roles on 8765-4321/ })
      .getByLabel('Download')
      .check();
    await expectNoAxeViolations(admin);
    await admin.getByRole('button', { name: 'Add and invite' }).click();
    await admin.getByText('Nina New (nina.new@contoso.example) was added and an invitation e-mail was sent.').waitFor();

    // The user's page shows the narrowed group; an invited user can be sent the invitation again (R-ID-2).
    await admin.getByRole('link', { name: 'Open Nina New' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Nina New' }).waitFor();
    const sa = admin.locator('tr[data-licensing-id="67012345"] [data-role="SA_MANAGER"]');
    await expect.poll(() => sa.textContent()).toContain('Training vouchers');
    expect(await sa.textContent()).not.toContain('E-learning');
    await admin.getByRole('button', { name: 'Re-send invitation' }).click();
    await admin.getByText(/A new invitation was sent to nina\.new@contoso\.example/).waitFor();
    await axeInEnglishAndSwedish(admin);

    const link = linkIn(await mail('nina.new@contoso.example', 'invitation'), /\/register\?token=[\w-]+/);
    const invitee = await open();
    await invitee.goto(link);
    await invitee.getByLabel('First name').fill('Nina');
    await invitee.getByLabel('Last name').fill('New');
    for (const input of await invitee.locator('input[type="password"]').all()) await input.fill('a-long-password-2026');
    await invitee.getByRole('button', { name: 'Register' }).click();
    await invitee.getByText('Your account is ready.').waitFor();

    const nina = await open();
    await signInAs(nina, 'nina.new@contoso.example', 'a-long-password-2026');
    await nina.goto('/licenses/relationship-summary');
    await expect.poll(() => listedIds(nina)).toEqual(['67012345', '8765-4321']);
    await nina.goto('/administration/permissions');
    await expect.poll(() => nina.locator('tr[data-licensing-id]').count()).toBe(2);
    expect(await nina.locator('tr[data-licensing-id="67012345"] [data-role="SA_MANAGER"]').textContent()).toContain('Planning services');
    // R-PERM-12: no administration of Licensing IDs she does not administer.
    await nina.goto('/administration/users');
    await nina.getByText('You administer no Licensing IDs').waitFor();
  }, 180_000);

  it('R-PERM-7 / R-PERM-9: an Administrator edits roles, removes a Licensing ID, deactivates and reactivates; a removed user stays listed', async () => {
    const admin = await signedIn('admin@contoso.example');
    await admin.goto('/administration/users');
    await admin.getByLabel('E-mail starts with').fill('keys');
    await expect.poll(() => admin.locator('tr[data-user]').count()).toBe(1);
    await admin.getByRole('link', { name: 'Sara Holm' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Sara Holm' }).waitFor();

    // R-PERM-9: Manage Reservation only comes with Online Services Manager.
    await admin.getByRole('button', { name: 'Edit roles: 67012345' }).click();
    const dialog = admin.getByRole('dialog');
    expect(await dialog.getByLabel('Manage Reservation').count()).toBe(0);
    await dialog.getByLabel('Online Services Manager').check();
    await dialog.getByLabel('Manage Reservation').check();
    await expectNoAxeViolations(admin);
    await dialog.getByRole('button', { name: 'Save roles' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = admin.locator('tr[data-licensing-id="67012345"]');
    await expect.poll(() => row.textContent()).toContain('Manage Reservation');
    expect(await row.textContent()).toContain('Online Services Manager');

    // Remove a Licensing ID: asked first, then the row stays with no roles.
    await admin.getByRole('button', { name: 'Remove: 8765-4321' }).click();
    await admin
      .getByRole('dialog')
      .getByText(/loses every role on 8765-4321/)
      .waitFor();
    await admin.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await admin.getByText('8765-4321 was removed from the user.').waitFor();
    await expect.poll(() => admin.locator('tr[data-licensing-id="8765-4321"]').textContent()).toContain('No roles');

    // Deactivate, confirmed; the user is then listed as inactive.
    await admin.getByRole('button', { name: 'Deactivate' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await admin.getByText('Sara Holm was deactivated.').waitFor();
    await admin.getByRole('button', { name: 'Reactivate' }).waitFor();
    await axeInEnglishAndSwedish(admin);
    await admin.getByRole('link', { name: 'Back to Manage Users' }).click();
    await admin.getByLabel('Status').selectOption('inactive');
    await expect
      .poll(() => admin.locator('tr[data-user]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-user'))))
      .toEqual(['keys@contoso.example']);
    await admin.getByRole('link', { name: 'Sara Holm' }).click();
    await admin.getByRole('button', { name: 'Reactivate' }).click();
    await admin.getByText(/Sara Holm was reactivated/).waitFor();
    await expect.poll(() => admin.locator('tr[data-licensing-id="67012345"]').textContent()).toContain('Product Keys');
  }, 180_000);

  it('R-PERM-7 at scale: an Administrator gives the same roles on two Licensing IDs at once, then copies one Licensing ID’s roles to another', async () => {
    // A person of their own: the other tests start from the demo users as seeded.
    await portal.server.given.user('tove.scale@contoso.example', {
      firstName: 'Tove',
      lastName: 'Scale',
      grants: [{ on: '67012345', roles: ['LICENSING_INFO_VIEWER'] }],
    });
    const admin = await signedIn('admin@contoso.example');
    await admin.goto('/administration/users');
    await admin.getByLabel('E-mail starts with').fill('tove');
    await expect.poll(() => admin.locator('tr[data-user]').count()).toBe(1);
    await admin.getByRole('link', { name: 'Tove Scale' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Tove Scale' }).waitFor();

    // Nothing chosen: the form says so instead of sending.
    const add = admin.getByRole('region', { name: 'Add Licensing IDs' });
    await add.getByLabel('Download').check();
    await add.getByRole('button', { name: 'Give roles' }).click();
    await add.getByText('Choose at least one Licensing ID.').waitFor();
    await add.getByRole('checkbox', { name: /^8765-4321/ }).check();
    await add.getByRole('checkbox', { name: /^V9876543/ }).check();
    await expectNoAxeViolations(admin);
    await add.getByRole('button', { name: 'Give roles' }).click();
    await admin.getByText('The roles were given on the chosen Licensing IDs.').waitFor();
    for (const n of ['8765-4321', 'V9876543']) {
      await expect.poll(() => admin.locator(`tr[data-licensing-id="${n}"]`).textContent()).toContain('Download');
    }

    // Copy: the enrollment's roles, edited, also on the Open License, saved together.
    await admin.getByRole('button', { name: 'Edit roles: 67012345' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Product Keys').check();
    await dialog.getByRole('checkbox', { name: /^V1234567/ }).check();
    await expectNoAxeViolations(admin);
    await dialog.getByRole('button', { name: 'Save roles' }).click();
    await dialog.waitFor({ state: 'detached' });
    for (const n of ['67012345', 'V1234567']) {
      await expect.poll(() => admin.locator(`tr[data-licensing-id="${n}"]`).textContent()).toContain('Product Keys');
    }
    await axeInEnglishAndSwedish(admin);
    expect(await admin.locator('tr[data-licensing-id="V1234567"]').textContent()).toContain('Licensing Info Viewer');
  }, 180_000);

  it('R-PERM-6: a permission request made by the viewer is accepted from the mailed link in a second browser and applies at once; the requester never sees the administrators', async () => {
    const viewer = await signedIn('viewer@contoso.example', 'sv-SE');
    await viewer.goto('/administration/request-permissions');
    await viewer.getByRole('heading', { level: 1, name: 'Begär behörighet' }).waitFor();
    await axeInEnglishAndSwedish(viewer);
    await viewer.getByLabel('Program').selectOption('SELECT_PLUS');
    await viewer.getByLabel('Inskrivnings-, avtals- eller licensnummer').fill('8765-4321');
    await viewer.getByLabel('Nedladdning').check();
    await viewer.getByRole('button', { name: 'Skicka begäran' }).click();
    await viewer.getByText(/skickades till administratörerna/).waitFor();
    await viewer.locator('tr[data-status="PENDING"]').waitFor();
    expect(await viewer.content()).not.toContain('admin@contoso.example');
    expect(await viewer.content()).not.toContain('Anna Lind');

    // The Administrator follows the mail's link (/users?request=…) in another browser; the request opens for a decision.
    const link = linkIn(await mail('admin@contoso.example', 'permissionRequested'), /\/users\?request=[\w-]+/);
    const admin = await signedIn('admin@contoso.example');
    await admin.goto(link);
    await admin.waitForURL(/\/administration\/requests\?request=/);
    const dialog = admin.getByRole('dialog');
    await dialog.getByText(/Erik Berg \(viewer@contoso\.example\) asks for roles on 8765-4321/).waitFor();
    await expectNoAxeViolations(admin);
    await dialog.getByLabel('Note to the requester (optional)').fill('Welcome');
    await dialog.getByRole('button', { name: 'Accept' }).click();
    await dialog.getByText(/was accepted: Erik Berg has the roles now/).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await admin.getByText('There are no pending requests.').waitFor();
    await axeInEnglishAndSwedish(admin);

    await viewer.goto('/licenses/relationship-summary');
    await expect.poll(() => listedIds(viewer)).toEqual(['67012345', '8765-4321']);
    await viewer.goto('/administration/request-permissions');
    await viewer.locator('tr[data-status="ACCEPTED"]').getByText('Welcome').waitFor();
  }, 180_000);

  it('R-PERM-4 / R-PERM-3 / R-PERM-5: My Permissions refuses removal for a Notices Correspondent, warns the sole Administrator, lets a contact opt out of inheritance and back, and removal elsewhere is final', async () => {
    const admin = await signedIn('admin@contoso.example');
    await admin.goto('/administration/permissions');
    await admin.getByText('Kept: you are its Notices Correspondent').first().waitFor();
    expect(await admin.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    // The API refuses too.
    const id = await licensingIdOf('67012345');
    const refused = await apiFrom<{ code: string }>(admin, 'DELETE', `/me/permissions/${id}`);
    expect([refused.status, refused.body.code]).toEqual([409, 'NOTICES_CORRESPONDENT']);
    // R-PERM-3: the sole Administrator is asked to add an alternate (here and on the home page).
    await admin
      .locator('[data-warning="sole-administrator"]')
      .getByText(/V1234567/)
      .waitFor();
    await axeInEnglishAndSwedish(admin);

    // R-PERM-5: opt out of the MBSA's inheritance, confirmed, then back in.
    const mbsa = admin.locator('tr[data-agreement="01E73628"]');
    await mbsa.getByRole('button', { name: 'Opt out: 01E73628' }).click();
    await admin
      .getByRole('dialog')
      .getByText(/keep the Licensing Info Viewer role/)
      .waitFor();
    await admin.getByRole('dialog').getByRole('button', { name: 'Opt out' }).click();
    await admin.getByText('You opted out of inheritance from 01E73628.').waitFor();
    await expect.poll(() => mbsa.textContent()).toContain('No, opted out');
    await mbsa.getByRole('button', { name: 'Opt in: 01E73628' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Opt in' }).click();
    await expect.poll(() => mbsa.textContent()).toContain('Yes, opted in');

    await admin.goto('/');
    await admin.locator('[data-notice="sole-administrator"]').waitFor();

    // The viewer (Swedish) may drop an enrollment they are not a contact of: the dialog says it is final.
    const viewer = await signedIn('viewer@contoso.example', 'sv-SE');
    await viewer.goto('/administration/permissions');
    await viewer.getByRole('heading', { level: 1, name: 'Mina behörigheter' }).waitFor();
    await axeInEnglishAndSwedish(viewer);
    await viewer.getByRole('button', { name: 'Ta bort: 67012345' }).click();
    await viewer
      .getByRole('dialog')
      .getByText(/Det går inte att ångra/)
      .waitFor();
    await expectNoAxeViolations(viewer);
    await viewer.getByRole('dialog').getByRole('button', { name: 'Ta bort permanent' }).click();
    await viewer.getByText('67012345 togs bort från dina behörigheter.').waitFor();
    await expect.poll(() => viewer.locator('tr[data-licensing-id="67012345"]').count()).toBe(0);
    await viewer.goto('/licenses/relationship-summary');
    await expect.poll(() => listedIds(viewer)).toEqual(['8765-4321']);
  }, 180_000);

  it('R-PERM-10: a user of another organization adds the demo Open License by its numbers; the owner follows the mailed link and turns Add Open off', async () => {
    const frank = await signedIn('admin@fabrikam.example');
    await frank.goto('/administration/add-open-license');
    await h1(frank).waitFor();
    await axeInEnglishAndSwedish(frank);
    await frank.getByLabel('License number').fill('V1234567');
    await frank.getByLabel('Authorization number').fill('AUTH-0000');
    await frank.getByRole('button', { name: 'Add license' }).click();
    await frank.getByText('Confirm that you are authorized to access this license.').waitFor();
    await frank.getByLabel(/I confirm that I am authorized/).check();
    await frank.getByRole('button', { name: 'Add license' }).click();
    await frank
      .locator('[data-problem="INVALID_LICENSE_PAIR"]')
      .getByText(/attempts? left/)
      .waitFor();
    await expectNoAxeViolations(frank);

    await frank.getByLabel('Authorization number').fill('AUTH-7788');
    await frank.getByRole('button', { name: 'Add license' }).click();
    await frank.locator('[data-result="GRANTED"]').getByText('You now have access to V1234567 (Contoso Open License).').waitFor();
    expect(await frank.locator('[data-result="GRANTED"]').textContent()).not.toContain('Administrator');
    await expectNoAxeViolations(frank);
    await frank.goto('/licenses/relationship-summary');
    await expect.poll(() => listedIds(frank)).toContain('V1234567');

    // The Administrators are told, with a link to Manage Users for the license, where Add Open can be turned off.
    const link = linkIn(await mail('admin@contoso.example', 'addOpenAdminNotice'), /\/administration\/users\?licensingId=[\w-]+/);
    const admin = await signedIn('admin@contoso.example');
    await admin.goto(link);
    await admin.locator('tr[data-user="admin@fabrikam.example"]').waitFor();
    const panel = admin.locator('[data-open-license="V1234567"]');
    expect(await panel.getByLabel('Allow Add Open License for V1234567').isChecked()).toBe(true);
    // Controlled by the server's answer, so it is clicked rather than unchecked.
    await panel.getByRole('switch', { name: 'Allow Add Open License for V1234567' }).click();
    await panel.locator('[data-add-open="off"]').waitFor();
    await axeInEnglishAndSwedish(admin);

    const keys = await signedIn('keys@contoso.example');
    await keys.goto('/administration/add-open-license');
    await keys.getByLabel('License number').fill('V1234567');
    await keys.getByLabel('Authorization number').fill('AUTH-7788');
    await keys.getByLabel(/I confirm that I am authorized/).check();
    await keys.getByRole('button', { name: 'Add license' }).click();
    await keys.getByText(/Add Open License is turned off for this license/).waitFor();
  }, 180_000);

  it('R-PERM-11: a reseller’s access is denied from the mailed link without signing in (once), and from Open License settings', async () => {
    const openId = await licensingIdOf('V1234567');
    const operator = await signedIn('operator@northwind.example');
    for (const [email, firstName] of [
      ['sales@adatum.example', 'Sam'],
      ['desk@litware.example', 'Lena'],
    ] as const) {
      const granted = await apiFrom<{ status: string }>(operator, 'POST', `/operator/licensing-ids/${openId}/resellers`, {
        email,
        firstName,
        lastName: 'Reseller',
      });
      expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    }

    const text = await mail('admin@contoso.example', 'resellerAdminNotice');
    expect(text).toContain('desk@litware.example');
    const link = linkIn(text, /\/reseller-access\/deny\?token=[\w-]+/);
    const anonymous = await open();
    await anonymous.goto(link);
    await anonymous.getByRole('heading', { level: 1, name: 'Deny reseller access' }).waitFor();
    await expectNoAxeViolations(anonymous);
    await anonymous.getByRole('button', { name: 'Deny Access' }).click();
    await anonymous.getByRole('dialog').getByRole('button', { name: 'Deny Access' }).click();
    await anonymous
      .locator('[data-result="DENIED"]')
      .getByText(/desk@litware\.example no longer has access to V1234567/)
      .waitFor();
    await expectNoAxeViolations(anonymous);
    // The link works once.
    await anonymous.reload();
    await anonymous.getByRole('button', { name: 'Deny Access' }).click();
    await anonymous.getByRole('dialog').getByRole('button', { name: 'Deny Access' }).click();
    await anonymous.getByText(/This Deny Access link has already been used/).waitFor();
    // In Swedish, and a broken link.
    const swedish = await open('sv-SE');
    await swedish.goto('/reseller-access/deny?token=not-a-real-token-123');
    await swedish.getByRole('heading', { level: 1, name: 'Neka återförsäljare åtkomst' }).waitFor();
    await expectNoAxeViolations(swedish);
    await swedish.getByRole('button', { name: 'Neka åtkomst' }).click();
    await swedish.getByRole('dialog').getByRole('button', { name: 'Neka åtkomst' }).click();
    await swedish.getByText(/Länken är inte giltig/).waitFor();
    await expectNoAxeViolations(swedish);

    const admin = await signedIn('admin@contoso.example');
    await admin.goto('/administration/open-licenses');
    const denied = admin.locator('tr[data-reseller="desk@litware.example"]');
    await expect.poll(() => denied.textContent()).toContain('Denied');
    await admin.getByRole('button', { name: 'Deny Access: sales@adatum.example' }).click();
    await admin
      .getByRole('dialog')
      .getByText(/sales@adatum\.example loses the access to V1234567/)
      .waitFor();
    await admin.getByRole('dialog').getByRole('button', { name: 'Deny Access' }).click();
    await expect.poll(() => admin.locator('tr[data-reseller="sales@adatum.example"]').textContent()).toContain('Denied');
    await axeInEnglishAndSwedish(admin);
  }, 180_000);

  it('mailed addresses lead to the Administration pages, and the hub passes axe in English and Swedish', async () => {
    const admin = await signedIn('admin@contoso.example');
    for (const [from, to] of [
      ['/permissions', '/administration/permissions'],
      ['/permission-requests', '/administration/request-permissions'],
      ['/users', '/administration/users'],
      ['/relationship-summary', '/licenses/relationship-summary'],
    ] as const) {
      await admin.goto(from);
      await admin.waitForURL((url) => url.pathname === to);
    }
    await admin.goto('/administration');
    await admin.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await admin.getByRole('link', { name: 'Open License settings' }).first().waitFor();
    await axeInEnglishAndSwedish(admin);
    await admin.getByRole('main').getByRole('link', { name: 'Permission requests' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Permission requests' }).waitFor();
    await admin.getByLabel('Show').selectOption('ACCEPTED');
    await admin.locator('tr[data-request]').first().waitFor();
  }, 120_000);
});

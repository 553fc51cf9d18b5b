import { mkdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseLanguage, DEMO_PASSWORD, expectNoAxeViolations, h1, signInAs, submitSignIn } from '../helpers/browser.js';
import { freePort } from '../helpers/free-port.js';
import { startTestIdp, type TestIdp } from '../helpers/oidc-provider.js';
import { portalInChromium } from '../helpers/portal.js';

/** The portal's public address (PUBLIC_URL of the test app): mailed links and the SSO redirect URI use it. */
const PUBLIC = 'http://lsc.test';
const NEW_PASSWORD = 'a-long-password-2026';

const listedIds = (page: Page) =>
  page.locator('tr[data-licensing-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-licensing-id')));

/** IDENTITY_SHOTS=<dir> keeps a screenshot of each page the tests look at. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.IDENTITY_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

describe('identity pages in Chromium', () => {
  // The public name resolves to the test app, so mailed links and the provider's redirects land there.
  const portal = portalInChromium({
    app: { env: { OIDC_ALLOW_INSECURE_HTTP: 'true', OUTBOUND_ALLOW_PRIVATE: 'true', SIGN_IN_IP_LIMIT: '1000' } },
    hosts: [new URL(PUBLIC).hostname],
  });
  const { open, signedIn } = portal;
  let idp: TestIdp;

  /** A browser that reaches the portal at its public address (as mails and the identity provider send it there). */
  const openPublic = (locale = 'en-US') => open(locale, { baseURL: PUBLIC });

  const q = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
    (await portal.server.database.db.execute<T>(query)).rows;

  /** The newest mailed link of a template to an address, as a path on the portal. */
  async function mailedLink(to: string, template: string, path: RegExp): Promise<string> {
    const link = path.exec(await portal.newestMail(to, template))?.[0];
    if (!link) throw new Error(`no ${template} mail to ${to}`);
    return link;
  }

  async function apiSession(email: string) {
    const res = await fetch(`${portal.server.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
    return { cookie: cookies.join('; '), 'x-csrf-token': cookies.find((c) => c.startsWith('lsc_csrf='))?.slice(9) ?? '' };
  }

  /** R-PERM-7 through the Manage Users API: admin@contoso.example invites a user onto 67012345. */
  async function invite(email: string, firstName: string, lastName: string): Promise<string> {
    const lid = await portal.licensingIdOf('67012345');
    const res = await fetch(`${portal.server.url}/api/v1/users`, {
      method: 'POST',
      headers: { ...(await apiSession('admin@contoso.example')), 'content-type': 'application/json' },
      body: JSON.stringify({ email, firstName, lastName, grants: [{ licensingId: lid, roles: ['LICENSING_INFO_VIEWER'] }] }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return mailedLink(email, 'invitation', /\/register\?token=[\w-]+/);
  }

  beforeAll(async () => {
    idp = await startTestIdp(`${PUBLIC}/api/v1/auth/sso/callback`);
  });
  afterAll(async () => {
    await idp?.stop();
  });

  it('R-ID-2: the invitation mail’s link registers the invitee, who lands signed in on the Relationship Summary', async () => {
    const link = await invite('ida.invited@contoso.example', 'Ida', 'Invited');
    const page = await open();
    await page.goto(link);
    await page.getByRole('heading', { level: 2, name: 'Your invitation' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Anna Lind has invited ida.invited@contoso.example');
    // The form starts with the invited name.
    expect(await page.getByLabel('First name').inputValue()).toBe('Ida');
    await expectNoAxeViolations(page);
    await shot(page, 'register-en');

    await page.locator('input[name="new-password"]').fill(NEW_PASSWORD);
    await page.locator('input[name="confirm-password"]').fill('something-else-2026');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByText('The passwords do not match.').waitFor();
    await expectNoAxeViolations(page);

    await page.locator('input[name="confirm-password"]').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByText('Your account is ready.').waitFor();
    await expectNoAxeViolations(page);
    await shot(page, 'register-done-en');
    await page.getByRole('button', { name: 'Continue to your licenses' }).click();
    await page.waitForURL(/\/licenses\/relationship-summary/);
    await expect.poll(() => listedIds(page)).toEqual(['67012345']);
    expect(await page.getByRole('banner').textContent()).toContain('Ida Invited');

    // The link is spent: opened again, it says so and offers sign-in (Swedish).
    const sv = await open('sv-SE');
    await sv.goto(link);
    await sv.getByText('Inbjudan har redan använts.').waitFor();
    expect(await sv.getByRole('button', { name: 'Registrera' }).count()).toBe(0);
    await expectNoAxeViolations(sv);
  }, 120_000);

  it('R-ID-2: an expired invitation offers a new link, which goes to the invited address', async () => {
    const link = await invite('eva.expired@contoso.example', 'Eva', 'Expired');
    await q(sql`update invitation set expires_at = now() - interval '1 day' where email = 'eva.expired@contoso.example'`);
    const page = await open('sv-SE');
    await page.goto(link);
    await page.getByText('Inbjudan har gått ut.').waitFor();
    await expectNoAxeViolations(page);
    await shot(page, 'register-expired-sv');
    await page.getByRole('button', { name: 'Skicka en ny länk' }).click();
    await page.getByText('En ny inbjudningslänk skickades till eva.expired@contoso.example.').waitFor();
    const fresh = await mailedLink('eva.expired@contoso.example', 'invitation', /\/register\?token=[\w-]+/);
    expect(fresh).not.toBe(link);
    await page.goto(fresh);
    await page.getByRole('heading', { level: 2, name: 'Skapa ditt konto' }).waitFor();
  }, 60_000);

  it('R-ID-3 / R-ID-5: a shared-looking invited address is flagged; registering with another address waits for the link, which is confirmed only by pressing the button', async () => {
    const link = await invite('info@contoso.example', 'Ivar', 'Info');
    const sv = await open('sv-SE');
    await sv.goto(link);
    await sv.getByText('Är det här en delad brevlåda?').waitFor();
    await sv.getByLabel('Registrera dig med en annan e-postadress på jobbet').check();
    await sv.getByLabel('Din e-postadress på jobbet').fill('ivar.info@contoso.example');
    await sv.locator('input[name="new-password"]').fill(NEW_PASSWORD);
    await sv.locator('input[name="confirm-password"]').fill(NEW_PASSWORD);
    await expectNoAxeViolations(sv);
    await shot(sv, 'register-other-address-sv');
    await sv.getByRole('button', { name: 'Registrera' }).click();
    await sv.getByText(/Titta i brevlådan för info@contoso\.example/).waitFor();
    await expectNoAxeViolations(sv);

    const verifyLink = await mailedLink('info@contoso.example', 'emailVerification', /\/verify-email\?token=[\w-]+/);
    expect(verifyLink).toMatch(/^\/verify-email\?token=/);

    // Opening the link consumes nothing (mail scanners open links too).
    const page = await open();
    await page.goto(verifyLink);
    await page.getByRole('button', { name: 'Confirm my address' }).waitFor();
    const pending = async () =>
      (
        await q<{ verified: boolean }>(
          sql`select verified_at is not null as verified from email_verification where address = 'info@contoso.example'`,
        )
      )[0]?.verified;
    expect(await pending()).toBe(false);
    await expectNoAxeViolations(page);
    await shot(page, 'verify-en');
    await page.getByRole('button', { name: 'Confirm my address' }).click();
    await page.getByText('The address info@contoso.example is confirmed for the account ivar.info@contoso.example.').waitFor();
    await page.getByText('1 permission is now active.').waitFor();
    expect(await pending()).toBe(true);
    await expectNoAxeViolations(page);
    await shot(page, 'verify-done-en');

    // A second press (another browser) hears that the address is already confirmed.
    const again = await open('sv-SE');
    await again.goto(verifyLink);
    await again.getByRole('button', { name: 'Bekräfta min adress' }).click();
    await again.getByText('Den här adressen har redan bekräftats.').waitFor();
    await expectNoAxeViolations(again);

    await signInAs(page, 'ivar.info@contoso.example', NEW_PASSWORD);
    await page.goto('/licenses/relationship-summary');
    await expect.poll(() => listedIds(page)).toEqual(['67012345']);
  }, 120_000);

  it('R-ID-4 / R-ID-7: sign-up shows each refusal’s translated help text; a completed sign-up has no permissions yet', async () => {
    await q(sql`update "user" set personal_email = 'sara.holm@example.net' where email = 'keys@contoso.example'`);
    const page = await open();
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.waitForURL(/\/sign-up$/);
    await expectNoAxeViolations(page);

    const form = async (email: string, opts: { password?: string; country?: string } = {}) => {
      await page.getByLabel('Work e-mail').fill(email);
      await page.getByLabel('First name').fill('Nora');
      await page.getByLabel('Last name').fill('New');
      await page.locator('input[name="new-password"]').fill(opts.password ?? NEW_PASSWORD);
      await page.locator('input[name="confirm-password"]').fill(opts.password ?? NEW_PASSWORD);
      await page.getByLabel('Country or region of your organization').selectOption(opts.country ?? 'SE');
      await page.getByRole('button', { name: 'Sign up' }).click();
    };
    const alert = () => page.getByRole('alert').first();

    await form('nora@gmail.com');
    await expect.poll(() => alert().textContent()).toContain('Personal e-mail accounts cannot be used');
    await form('nora@unknown-org.example');
    await expect.poll(() => alert().textContent()).toContain('Error code: E04');
    expect(await alert().textContent()).toContain('does not exist in your organization’s directory');
    await form('sara.holm@example.net');
    await expect.poll(() => alert().textContent()).toContain('Your work account: keys@contoso.example');
    expect(await alert().textContent()).toContain('Error code: E06');
    await form('nora.new@contoso.example', { password: 'short-pw' });
    await expect.poll(() => page.locator('main').textContent()).toContain('Use at least 12 characters');
    await form('nora.new@contoso.example', { country: 'NO' });
    await expect.poll(() => alert().textContent()).toContain('cannot be changed once sign-up is complete');
    expect(await page.locator('main').textContent()).toContain('Your organization is registered in Sweden');
    await expectNoAxeViolations(page);
    await shot(page, 'sign-up-refused-en');

    await form('nora.new@contoso.example');
    await page.getByText('Check your inbox').waitFor();
    expect(await page.locator('main').textContent()).toContain('A new account starts without permissions');
    await expectNoAxeViolations(page);
    await shot(page, 'sign-up-done-en');
    // The mailed link completes the sign-up; then the account signs in and asks for permissions.
    const confirm = await mailedLink('nora.new@contoso.example', 'signUpCompleted', /\/verify-email\?token=[\w-]+/);
    await page.goto(confirm);
    await page.getByRole('button', { name: 'Confirm my address' }).click();
    await page.getByText(/is confirmed/).waitFor();
    await page.goto('/administration/request-permissions');
    await page.waitForURL(/\/sign-in\?redirect=/);
    await submitSignIn(page, 'nora.new@contoso.example', NEW_PASSWORD);
    await page.waitForURL(/\/administration\/request-permissions/);

    // An address that already has an account gets the same answer; its owner is mailed instead (finding 9).
    const existing = await open();
    await existing.goto('/sign-up');
    const fill = async (p: Page, email: string) => {
      await p.getByLabel('Work e-mail').fill(email);
      await p.getByLabel('First name').fill('Nora');
      await p.getByLabel('Last name').fill('New');
      await p.locator('input[name="new-password"]').fill(NEW_PASSWORD);
      await p.locator('input[name="confirm-password"]').fill(NEW_PASSWORD);
      await p.getByLabel('Country or region of your organization').selectOption('SE');
      await p.getByRole('button', { name: 'Sign up' }).click();
    };
    await fill(existing, 'admin@contoso.example');
    await existing.getByText('Check your inbox').waitFor();
    const notices = await q(sql`select 1 from outbox where to_address = 'admin@contoso.example' and template = 'signUpAccountExists'`);
    expect(notices).toHaveLength(1);

    const sv = await open('sv-SE');
    await sv.goto('/sign-up');
    await sv.getByRole('button', { name: 'Skapa konto' }).click();
    await sv.getByText('Välj ett lösenord.').waitFor();
    await expectNoAxeViolations(sv);
    await shot(sv, 'sign-up-sv');
  }, 120_000);

  it('sign-in: SSO refusals from the callback are translated, SSO without a provider says so, E06 names the work account', async () => {
    const page = await open();
    await page.goto('/sign-in?error=SSO_STATE_INVALID');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('This sign-in has expired or was already used');
    await expectNoAxeViolations(page);
    await shot(page, 'sign-in-sso-error-en');

    await page.getByLabel('Work e-mail for single sign-on').fill('admin@fabrikam.example');
    await page.getByRole('button', { name: 'Continue with single sign-on' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Single sign-on is not set up for this address');
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await q(sql`update "user" set personal_email = 'anna.lind@example.org' where email = 'admin@contoso.example'`);
    await page.goto('/sign-in');
    await submitSignIn(page, 'anna.lind@example.org');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Your work account: admin@contoso.example');
    await expectNoAxeViolations(page);

    const sv = await open('sv-SE');
    await sv.goto('/sign-in?error=E04');
    await expect.poll(() => sv.getByRole('alert').textContent()).toContain('Felkod: E04');
    await expectNoAxeViolations(sv);
    await shot(sv, 'sign-in-sv');
  }, 60_000);

  it('profile: the language is saved; a personal API token is shown once, works, and is revoked after confirmation', async () => {
    const page = await signedIn('keys@contoso.example');
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.waitForURL(/\/profile$/);
    expect(await h1(page).textContent()).toBe('Profile');
    expect(await page.locator('main').textContent()).toContain('keys@contoso.example');
    await page.getByText('You have no personal API tokens.').waitFor();
    await expectNoAxeViolations(page);

    await page.getByLabel('Token name').fill('build-server');
    await page.getByLabel('Valid for (days)').fill('30');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('new-token-secret').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(20);
    await page.locator('tr[data-token="build-server"]').waitFor();
    await expectNoAxeViolations(page);
    await shot(page, 'profile-token-en');
    const me = await fetch(`${portal.server.url}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);

    await page.getByRole('button', { name: /^Revoke.*build-server/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke the token?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('You have no personal API tokens.').waitFor();
    expect((await fetch(`${portal.server.url}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);

    // Svenska is stored on the user.
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH');
    await page.getByRole('main').getByLabel('Language', { exact: true }).selectOption('sv');
    expect((await saved).status()).toBe(200);
    await expect.poll(() => h1(page).textContent()).toBe('Profil');
    await page.reload();
    await expect.poll(() => h1(page).textContent()).toBe('Profil');
    await expectNoAxeViolations(page);
    await shot(page, 'profile-sv');
  }, 90_000);

  it('R-ID-4 / R-ID-7: organization settings — self sign-up off answers E03, a restricted domain E02; the country is read-only; non-administrators see why not', async () => {
    const viewer = await signedIn('viewer@contoso.example', 'sv-SE');
    expect(await viewer.getByRole('navigation').getByRole('link', { name: 'Organisationsinställningar' }).count()).toBe(0);
    await viewer.goto('/organization');
    await viewer.getByText('Endast för administratörer').waitFor();
    await expectNoAxeViolations(viewer);

    const admin = await signedIn('admin@contoso.example');
    await admin.getByRole('navigation').getByRole('link', { name: 'Organization settings' }).click();
    await admin.waitForURL(/\/organization$/);
    await admin.getByTestId('organization-country').waitFor();
    expect(await admin.getByTestId('organization-country').textContent()).toBe('Sweden');
    expect(await admin.locator('main').textContent()).toContain('fixed since the first user signed up');
    await expectNoAxeViolations(admin);
    await shot(admin, 'organization-en');

    const signUp = async (email: string) => {
      const page = await open();
      await page.goto('/sign-up');
      await page.getByLabel('Work e-mail').fill(email);
      await page.getByLabel('First name').fill('Olle');
      await page.getByLabel('Last name').fill('Org');
      await page.locator('input[name="new-password"]').fill(NEW_PASSWORD);
      await page.locator('input[name="confirm-password"]').fill(NEW_PASSWORD);
      await page.getByLabel('Country or region of your organization').selectOption('SE');
      await page.getByRole('button', { name: 'Sign up' }).click();
      return page;
    };

    await admin.getByRole('switch', { name: 'Allow self sign-up' }).uncheck({ force: true });
    await admin.getByRole('button', { name: 'Save sign-up settings' }).click();
    await admin.getByText('The sign-up settings are saved.').waitFor();
    const refused = await signUp('olle.one@contoso.example');
    await expect.poll(() => refused.getByRole('alert').textContent()).toContain('Error code: E03');

    await admin.getByRole('switch', { name: 'Allow self sign-up' }).check({ force: true });
    await admin.getByRole('checkbox', { name: 'contoso.example' }).check();
    await admin.getByRole('button', { name: 'Save sign-up settings' }).click();
    await admin.getByText('The sign-up settings are saved.').waitFor();
    const restricted = await signUp('olle.two@contoso.example');
    await expect.poll(() => restricted.getByRole('alert').textContent()).toContain('Error code: E02');
    const [org] = await q<{ self_sign_up: boolean; restricted_domains: string[] }>(
      sql`select self_sign_up, restricted_domains from organization where name = 'Contoso Ltd'`,
    );
    expect(org).toEqual({ self_sign_up: true, restricted_domains: ['contoso.example'] });

    await admin.getByRole('checkbox', { name: 'contoso.example' }).uncheck();
    await admin.getByRole('button', { name: 'Save sign-up settings' }).click();
    await admin.getByText('The sign-up settings are saved.').waitFor();
  }, 120_000);

  it('organization settings: SSO against a real OpenID provider (discovery failure shown, then used from the sign-in page); a SCIM token is shown once and revoked', async () => {
    await idp.setAccount({ sub: 'idp-anna', email: 'admin@contoso.example', given_name: 'Anna', family_name: 'Lind' });
    const admin = await signedIn('admin@contoso.example');
    await admin.goto('/organization');
    await admin.getByTestId('sso-redirect-uri').waitFor();
    expect(await admin.getByTestId('sso-redirect-uri').textContent()).toBe(`${PUBLIC}/api/v1/auth/sso/callback`);
    expect(await admin.getByTestId('sso-state').textContent()).toBe('Not set up');

    const closed = await freePort();
    await admin.getByLabel('Issuer URL').fill(`http://127.0.0.1:${closed}`);
    await admin.getByLabel('Client ID').fill(idp.clientId);
    await admin.getByLabel('Client secret').fill(idp.clientSecret);
    await admin.getByRole('button', { name: 'Save single sign-on' }).click();
    await expect.poll(() => admin.getByRole('alert').textContent()).toContain('The identity provider could not be reached');
    await expectNoAxeViolations(admin);

    await admin.getByLabel('Issuer URL').fill(idp.issuer);
    await admin.getByRole('button', { name: 'Save single sign-on' }).click();
    await expect.poll(() => admin.getByTestId('sso-state').textContent()).toBe('On');
    // The secret is write-only: never shown again.
    expect(await admin.getByLabel('Client secret').inputValue()).toBe('');
    expect(await admin.content()).not.toContain(idp.clientSecret);

    // SCIM: the base URL to give the directory, and a token shown once.
    expect(await admin.getByTestId('scim-base-url').textContent()).toBe(`${PUBLIC}/scim/v2`);
    await admin.getByLabel('Token name').fill('Entra provisioning');
    await admin.getByRole('button', { name: 'Create SCIM token' }).click();
    const scimSecret = (await admin.getByTestId('new-scim-secret').textContent()) ?? '';
    expect(scimSecret).toMatch(/^scim_/);
    await admin.locator('tr[data-token="Entra provisioning"]').waitFor();
    await expectNoAxeViolations(admin);
    await shot(admin, 'organization-sso-scim-en');
    await admin.getByRole('button', { name: /^Revoke.*Entra provisioning/ }).click();
    await admin.getByRole('dialog', { name: 'Revoke the SCIM token?' }).getByRole('button', { name: 'Revoke token' }).click();
    await admin.getByText('There are no SCIM tokens.').waitFor();

    // Single sign-on from the sign-in page, through the provider's own page, back signed in.
    const page = await openPublic();
    await page.goto('/sign-in?redirect=%2Fprofile');
    await page.getByLabel('Work e-mail for single sign-on').fill('admin@contoso.example');
    await page.getByRole('button', { name: 'Continue with single sign-on' }).click();
    await page.waitForURL((url) => url.href.startsWith(idp.issuer));
    await page.locator('input[name="login"]').fill('admin@contoso.example');
    await page.locator('button').click();
    await page.waitForURL(`${PUBLIC}/profile`);
    await expect.poll(() => h1(page).textContent()).toBe('Profile');
    expect(await page.locator('main').textContent()).toContain('admin@contoso.example');

    // Someone the provider's directory does not know comes back to the sign-in page with a translated refusal.
    const other = await openPublic('sv-SE');
    await other.goto('/sign-in');
    await other.getByLabel('E-postadress för enkel inloggning').fill('viewer@contoso.example');
    await other.getByRole('button', { name: 'Fortsätt med enkel inloggning' }).click();
    await other.waitForURL((url) => url.href.startsWith(idp.issuer));
    await other.locator('input[name="login"]').fill('viewer@contoso.example');
    await other.locator('button').click();
    await other.waitForURL(/\/sign-in\?error=/);
    await expect.poll(() => other.getByRole('alert').textContent()).toContain('Felkod: E04');
    await expectNoAxeViolations(other);

    // Removing single sign-on asks first.
    await admin.getByRole('button', { name: 'Remove single sign-on' }).click();
    await admin.getByRole('dialog', { name: 'Remove single sign-on?' }).getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => admin.getByTestId('sso-state').textContent()).toBe('Not set up');
  }, 120_000);

  it('operator mail outbox lists the invitation and opens it as the recipient sees it; others see only-operators', async () => {
    await invite('otto.outbox@contoso.example', 'Otto', 'Outbox');
    const page = await signedIn('operator@northwind.example');
    await page.getByRole('navigation').getByRole('link', { name: 'Mail outbox' }).click();
    await page.waitForURL(/\/operator\/mail$/);
    await page.locator('tr[data-template="invitation"]').first().waitFor();
    await expectNoAxeViolations(page);
    await shot(page, 'outbox-en');

    await page.getByLabel('Recipient').fill('otto.outbox@contoso.example');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect.poll(() => page.locator('tr[data-mail-id]').count()).toBe(1);
    const row = page.locator('tr[data-mail-id]');
    expect(await row.getAttribute('data-template')).toBe('invitation');
    expect(await row.textContent()).toContain('otto.outbox@contoso.example');
    await row.getByRole('button', { name: /^Open/ }).click();
    // The mail is shown in a sandboxed frame with scripts off, where locators cannot run: read its HTML.
    const mailHtml = async () => {
      const frame = page.frames().find((f) => f.url().includes('/api/v1/operator/mail/'));
      return frame ? frame.content() : '';
    };
    await expect.poll(mailHtml).toContain('>Register</a>');
    // Finding 11: the invitation's link is withheld from staff; only the invitee's copy carries it.
    expect(await mailHtml()).not.toContain('register?token=');
    expect(await page.locator('main').textContent()).toContain('Links that carry a credential');
    await expectNoAxeViolations(page, { skipFrames: true });
    await shot(page, 'outbox-mail-en');

    const sv = await signedIn('viewer@contoso.example', 'sv-SE');
    expect(await sv.getByRole('navigation').getByRole('link', { name: 'Utkorg för e-post' }).count()).toBe(0);
    await sv.goto('/operator/mail');
    await sv.getByText('Endast för operatörer').waitFor();
    await expectNoAxeViolations(sv);

    const operatorSv = await signedIn('operator@northwind.example', 'sv-SE');
    await chooseLanguage(operatorSv, 'sv');
    await operatorSv.goto('/operator/mail');
    await operatorSv.locator('tr[data-template="invitation"]').first().waitFor();
    await expect.poll(() => h1(operatorSv).textContent()).toBe('Utkorg för e-post');
    await expectNoAxeViolations(operatorSv);
    await shot(operatorSv, 'outbox-sv');
  }, 90_000);
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, signInAs } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

const webSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src');

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(p) ? [p] : [];
  });

/**
 * Every page address the portal's router knows, read from its route files (router.tsx and
 * web/src/routes/): `path: '/…'` and the `page('/…')`, `alias('/…')`, `comingSoon('/…')` helpers.
 * Read rather than listed here, so a page added later is visited too.
 */
function portalRoutes(): string[] {
  const found = new Set<string>();
  for (const file of [path.join(webSrc, 'router.tsx'), ...files(path.join(webSrc, 'routes'))]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:\bpath:\s*|\b(?:page|alias|comingSoon)\(\s*)'(\/[^']*)'/g)) found.add(m[1] ?? '');
  }
  return [...found].sort();
}

interface Violation {
  page: string;
  what: string;
}

describe('Content-Security-Policy: the portal runs under it without a single violation', () => {
  const portal = portalInChromium();
  let params: Record<string, string>;

  beforeAll(async () => {
    const one = async (query: ReturnType<typeof sql>) =>
      (await portal.server.database.db.execute<{ id: string }>(query)).rows[0]?.id ?? '00000000-0000-4000-8000-000000000000';
    params = {
      licensingId: await portal.licensingIdOf('67012345'),
      userId: await one(sql`select id from "user" where email = 'keys@contoso.example'`),
      productId: await one(sql`select p.id from product p join download_file f on f.product_id = p.id limit 1`),
      keyId: await one(
        sql`select k.id from product_key k join licensing_id l on l.id = k.licensing_id where l.number = '67012345' limit 1`,
      ),
    };
  });

  /** A fresh context that reports every CSP violation (page and frames) and every console error about one. */
  async function watched(locale = 'en-US'): Promise<{ page: Page; violations: Violation[] }> {
    const page = await portal.open(locale);
    const context: BrowserContext = page.context();
    const violations: Violation[] = [];
    await context.exposeBinding('reportCspViolation', ({ frame }, what: string) => {
      violations.push({ page: frame.url(), what });
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { reportCspViolation?: (what: string) => void }).reportCspViolation;
        report?.(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
      });
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /content security policy|refused to|x-frame-options/i.test(msg.text())) {
        violations.push({ page: page.url(), what: `console: ${msg.text()}` });
      }
    });
    page.on('pageerror', (err) => violations.push({ page: page.url(), what: `uncaught: ${err.message}` }));
    return { page, violations };
  }

  /**
   * The watch works and the policy is in force: a `<style>` without the nonce is reported, and
   * Mantine's own `<style>` elements carry the page's nonce.
   */
  async function expectPolicyInForce(page: Page, violations: Violation[]): Promise<void> {
    // The portal adds its styles when it first renders, which may come after the load event.
    await page.locator('style[data-mantine-styles]').first().waitFor({ state: 'attached' });
    const nonces = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLStyleElement>('style[data-mantine-styles]')].map((s) => s.nonce),
    );
    expect(nonces.length).toBeGreaterThan(0);
    for (const nonce of nonces) expect(nonce?.length).toBeGreaterThan(0);
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { outline: 1px solid red; }';
      document.head.append(style);
    });
    // Reported twice: the event, and Chromium's console message, which may come a moment later.
    await expect.poll(() => violations.filter((v) => /style-src/.test(v.what)).length).toBe(2);
    violations.length = 0;
  }

  const address = (route: string) =>
    route.replace(/\$([A-Za-z]+)/g, (_all, name: string) => params[name] ?? '00000000-0000-4000-8000-000000000000');

  async function visitAll(page: Page, routes: string[]): Promise<number> {
    let visited = 0;
    for (const route of routes) {
      await page.goto(address(route));
      await page.waitForLoadState('networkidle');
      visited++;
    }
    return visited;
  }

  it('lists the pages of the router (a sanity check that the route files were read)', () => {
    const routes = portalRoutes();
    for (const expected of ['/', '/sign-in', '/administration/users/$userId', '/downloads/products/$productId', '/operator/mail']) {
      expect(routes).toContain(expected);
    }
  });

  it('signed out: every page (most send you to sign in) and the sign-in page itself', async () => {
    const { page, violations } = await watched();
    await page.goto('/sign-in');
    await expectPolicyInForce(page, violations);
    const visited = await visitAll(page, portalRoutes());
    await page.goto('/sign-in');
    await page.locator('input[name="email"]').fill('nobody@contoso.example');
    await page.locator('input[name="password"]').fill('wrong-password-1');
    await page.locator('form button[type="submit"]').click();
    await page.getByRole('alert').first().waitFor();
    console.log(`CSP: ${visited} pages signed out`);
    expect(violations).toEqual([]);
  }, 180_000);

  it('the API documentation (swagger-ui) renders under its own policy', async () => {
    const { page, violations } = await watched();
    await page.goto('/api/docs');
    await page.locator('.swagger-ui .opblock').first().waitFor();
    await page.locator('.swagger-ui .opblock-summary').first().click();
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  }, 60_000);

  it('signed in as admin@contoso.example: every page, in English and Swedish', async () => {
    const { page, violations } = await watched();
    await signInAs(page, 'admin@contoso.example');
    await expectPolicyInForce(page, violations);
    const routes = portalRoutes();
    const visited = await visitAll(page, routes);
    // The other language swaps every text and re-renders Mantine's styles.
    await page.goto('/');
    await page.locator('header [lang="sv"]').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('sv');
    await visitAll(page, ['/', '/licenses/relationship-summary', '/administration/users', '/downloads/product-keys']);
    await page.locator('header [lang="en"]').click();
    console.log(`CSP: ${visited} pages signed in as admin@contoso.example`);
    expect(violations).toEqual([]);
  }, 240_000);

  it('the operator pages, with a mail opened in the viewer frame (framed by the portal, from the same origin)', async () => {
    // A mail to open: admin@contoso.example invites someone.
    const signedIn = await fetch(`${portal.server.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@contoso.example', password: DEMO_PASSWORD }),
    });
    const cookies = signedIn.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
    const invited = await fetch(`${portal.server.url}/api/v1/users`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: cookies.join('; '),
        'x-csrf-token': cookies.find((c) => c.startsWith('lsc_csrf='))?.slice('lsc_csrf='.length) ?? '',
      },
      body: JSON.stringify({
        email: 'csp.invitee@contoso.example',
        firstName: 'Csp',
        lastName: 'Invitee',
        grants: [{ licensingId: params.licensingId, roles: ['LICENSING_INFO_VIEWER'] }],
      }),
    });
    expect(invited.status, await invited.text()).toBe(201);

    const { page, violations } = await watched();
    await signInAs(page, 'operator@northwind.example');
    await visitAll(page, ['/operator/mail', '/downloads/operator/key-requests']);
    await page.goto('/operator/mail');
    await page.locator('tr[data-mail-id]').first().waitFor();
    await page.locator('tr[data-mail-id]').first().getByRole('button').first().click();
    const framed = async () => {
      const frame = page.frames().find((f) => f.url().includes('/api/v1/operator/mail/'));
      return frame ? frame.content() : '';
    };
    await expect.poll(framed, { timeout: 10_000 }).toContain('</body>');
    expect(violations).toEqual([]);
  }, 120_000);
});

import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiFrom, chooseLanguage, h1 } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';

const WIDTHS = [320, 390] as const;

/**
 * WCAG 1.4.10 (reflow) as the page is now: the document does not scroll sideways, nothing is cut
 * off at the right edge, and an element that scrolls sideways itself (a wide data table) is a
 * named region a keyboard can reach, so its columns can still be read.
 */
function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    const width = doc.clientWidth;
    const describe = (el: Element) =>
      `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} class="${String(el.getAttribute('class') ?? '').slice(0, 60)}"> ${(el.textContent ?? '').trim().slice(0, 40)}`;
    const overflowX = (el: Element) => getComputedStyle(el).overflowX;
    const scrollsSideways = (el: Element) => ['auto', 'scroll'].includes(overflowX(el));
    /** The nearest ancestor that scrolls or clips sideways: what sticks out of it is its business, not the page's. */
    const container = (el: Element | null) => {
      for (let e = el; e; e = e.parentElement) if (overflowX(e) !== 'visible') return e;
      return null;
    };

    const all = [...document.querySelectorAll('body *')];
    for (const el of all) {
      if (!scrollsSideways(el) || el.scrollWidth <= el.clientWidth + 1) continue;
      const named = Boolean(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'));
      const reachable = (el as HTMLElement).tabIndex >= 0;
      if (!named || !reachable)
        problems.push(`scrolls sideways but is ${named ? '' : 'unnamed '}${reachable ? '' : 'unreachable by keyboard'}: ${describe(el)}`);
    }
    // Text a box cuts off (a button label too long for a narrow screen); visually hidden text is 1px wide on purpose.
    for (const el of all) {
      if (!['hidden', 'clip'].includes(overflowX(el)) || el.clientWidth <= 1 || el.scrollWidth <= el.clientWidth + 1) continue;
      if (!el.textContent?.trim()) continue; // a control's decoration (a switch's track), not content
      if (el.getBoundingClientRect().height > 0) problems.push(`clipped (${el.scrollWidth}px in ${el.clientWidth}px): ${describe(el)}`);
    }
    // Boxes and text (a long address in a narrow cell overflows its box, not the box the page).
    for (const el of all) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.right > width + 1 && !container(el.parentElement))
        problems.push(`cut off at ${Math.round(r.right)}px: ${describe(el)}`);
    }
    const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || container(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const right = Math.max(0, ...[...range.getClientRects()].map((r) => r.right));
      if (right > width + 1)
        problems.push(`text cut off at ${Math.round(right)}px: "${node.textContent.trim().slice(0, 40)}" in ${describe(parent)}`);
    }
    if (doc.scrollWidth > width && problems.length === 0) problems.push(`the document is ${doc.scrollWidth}px wide in a ${width}px window`);
    return problems;
  });
}

async function expectReflow(page: Page, path: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    // Let the layout settle after the resize: Mantine slides the navigation away at the breakpoint.
    await page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const finite = document.getAnimations().filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
      await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    });
    expect(await reflowProblems(page), `${path} at ${width}px in ${await page.evaluate(() => document.documentElement.lang)}`).toEqual([]);
  }
}

describe('reflow at 320 and 390 px wide (WCAG 1.4.10)', () => {
  const portal = portalInChromium({ app: { env: { SIGN_IN_IP_LIMIT: '1000' } } });

  async function visit(page: Page, path: string, ready: (page: Page) => Promise<unknown> = (p) => h1(p).waitFor()) {
    await page.goto(path);
    await ready(page);
    // Lists load after the heading: wait until no spinner is left.
    await page.waitForFunction(() => !document.querySelector('.mantine-Loader-root'));
  }
  /** Every path at 320 and 390 px, in English and then in Swedish. */
  async function reflowInBothLanguages(page: Page, paths: readonly string[]) {
    for (const lang of ['en', 'sv'] as const) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await chooseLanguage(page, lang);
      for (const path of paths) {
        await visit(page, path);
        await expectReflow(page, path);
      }
    }
  }

  it('public pages: sign-in, forgot password, reset password, sign-up', async () => {
    const page = await portal.open('sv-SE');
    for (const path of ['/sign-in', '/forgot-password', '/reset-password', '/sign-up']) {
      await visit(page, path);
      await expectReflow(page, path);
    }
  }, 120_000);

  it('signed-in pages, in English and in Swedish, with the header and the data tables', async () => {
    const page = await portal.signedIn('admin@contoso.example');
    // The profile then lists a token, in a table.
    expect((await apiFrom(page, 'POST', '/me/tokens', { name: 'a token with a rather long descriptive name' })).status).toBe(201);
    // Support (R-SUP-1): a request with a long subject and an attachment, for the list and its page.
    const support = await apiFrom<{ id: string }>(page, 'POST', '/support-requests', {
      topic: 'PRODUCT_KEYS',
      licensingId: null,
      subject: 'A rather long subject line about product keys that would not fit a narrow screen',
      description: 'A description with a long word: Produktnyckelaktiveringsproblemsbeskrivning, and more text after it.',
      attachments: [{ name: 'a-long-file-name-for-an-attachment.txt', mediaType: 'text/plain', contentBase64: 'aGVsbG8=' }],
    });
    expect(support.status).toBe(201);
    const [keysUser] = (
      await portal.server.database.db.execute<{ id: string }>(sql`select id from "user" where email = 'keys@contoso.example'`)
    ).rows;
    const enrollmentId = await portal.licensingIdOf('67012345');
    const [subscription] = (await portal.server.database.db.execute<{ id: string }>(sql`select id from product where code = 'DEV-SUB-ENT'`))
      .rows;
    const paths = [
      '/',
      '/licenses',
      '/licenses/relationship-summary',
      '/licenses/license-summary',
      '/software-assurance',
      `/software-assurance/${enrollmentId}`,
      '/online-services/subscriptions',
      `/online-services/subscriptions/${enrollmentId}?product=${subscription?.id}`,
      '/downloads',
      '/downloads/product-keys',
      '/downloads/key-requests',
      '/administration',
      '/administration/users',
      `/administration/users/${keysUser?.id}`,
      '/administration/audit',
      '/profile',
      '/organization',
      '/support',
      '/support/new',
      `/support/requests/${support.body.id}`,
    ];
    await reflowInBothLanguages(page, paths);
  }, 300_000);

  it('R-SUP-1: the publisher’s support queue and a request in it, in English and in Swedish', async () => {
    const customer = await portal.signedIn('keys@contoso.example');
    const sent = await apiFrom<{ id: string }>(customer, 'POST', '/support-requests', {
      topic: 'WINDOWS_UPGRADE_IMAGING',
      licensingId: null,
      subject: 'Imaging a large number of laptops at our solution provider next week',
      description: 'Our solution provider images the laptops with Windows Enterprise next week.',
      imagingVerification: { confirmed: true, machines: 1200 },
    });
    expect(sent.status).toBe(201);
    const page = await portal.signedIn('operator@northwind.example');
    await reflowInBothLanguages(page, ['/support/queue', `/support/queue/${sent.body.id}`]);
  }, 120_000);

  it('the publisher’s reservation back office (issue 14, R-RES-4), with a Licensing ID’s fixed prices open, in English and in Swedish', async () => {
    const page = await portal.signedIn('operator@northwind.example');
    const licensingId = await portal.licensingIdOf('67012345');
    const archive = await portal.server.database.db.execute<{ id: string }>(sql`select id from product where code = 'CLOUD-MAIL-ARCHIVE'`);
    const locked = await apiFrom(page, 'POST', `/operator/licensing-ids/${licensingId}/reservation-price-locks`, {
      productId: archive.rows[0]?.id,
    });
    expect(locked.status).toBe(201);
    for (const lang of ['en', 'sv'] as const) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await chooseLanguage(page, lang);
      await visit(page, '/operator/reservation-offers');
      await page.locator('tr[data-service="CLOUD-MAIL-VOICE"]').waitFor();
      await page.getByRole('textbox', { name: lang === 'en' ? 'Licensing ID number' : 'Licensierings-ID-nummer' }).fill('67012345');
      await page.getByRole('button', { name: lang === 'en' ? 'Find' : 'Sök', exact: true }).click();
      await page.getByRole('button', { name: /^67012345/ }).click();
      await page.locator('tr[data-lock="CLOUD-MAIL-ARCHIVE"]').waitFor();
      await expectReflow(page, '/operator/reservation-offers');
    }
  }, 120_000);

  it('the publisher’s back office for customers (issue 12), in English and in Swedish', async () => {
    const page = await portal.signedIn('operator@northwind.example');
    const onboarded = await apiFrom<{ organization: { id: string } }>(page, 'POST', '/operator/agreements', {
      organization: { name: 'Reflow Customer With A Rather Long Name', domains: ['reflow-customer.example'], country: 'SE' },
      number: 'REFLOW-EA-1',
      program: 'ENTERPRISE',
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      mbsaNumber: 'REFLOW-MBSA',
      licensingIds: [{ number: '69000001', name: 'Reflow Enterprise Enrollment' }],
      contacts: [{ type: 'SUBSCRIPTIONS_MANAGER', name: 'Rita Reflow', email: 'rita.reflow@reflow-customer.example' }],
    });
    expect(onboarded.status).toBe(201);
    const open = await apiFrom(page, 'POST', '/operator/agreements', {
      organization: { name: 'Reflow Customer With A Rather Long Name', domains: ['reflow-customer.example'], country: 'SE' },
      number: 'REFLOW-OPEN-1',
      program: 'OPEN_LICENSE',
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      licensingIds: [{ number: 'REFLOW-OPEN-1', name: 'Reflow Open License' }],
    });
    expect(open.status).toBe(201);
    const customer = `/operator/customers/${onboarded.body.organization.id}`;
    const paths = ['/operator/customers', '/operator/customers/new', customer, '/operator/audit', '/operator/provisioning'];
    for (const lang of ['en', 'sv'] as const) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await chooseLanguage(page, lang);
      for (const path of paths) {
        await visit(page, path);
        await expectReflow(page, path);
      }
      // The back office's dialogs on a phone: renewal and change of owner.
      for (const [button, name] of [
        ['renew', '69000001'],
        ['ownership', 'REFLOW-OPEN-1'],
      ] as const) {
        await page.setViewportSize({ width: 1280, height: 800 });
        await visit(page, customer);
        const label =
          lang === 'en' ? { renew: 'Renew', ownership: 'Change owner' }[button] : { renew: 'Förnya', ownership: 'Byt ägare' }[button];
        await page.getByRole('button', { name: `${label}: ${name}` }).click();
        await page.getByRole('dialog').waitFor();
        await expectReflow(page, `${customer} (${button} dialog)`);
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'hidden' });
      }
    }
  }, 300_000);

  it('channel partners (issue 12): the publisher’s register and the partner’s customers, in English and in Swedish', async () => {
    const operator = await portal.signedIn('operator@northwind.example');
    const partners = await apiFrom<{ items: { id: string; number: string }[] }>(operator, 'GET', '/operator/partners');
    const adatum = partners.body.items.find((p) => p.number === 'P-100200')?.id ?? '';
    const partner = await portal.signedIn('partner@adatum-partners.example');
    const customers = await apiFrom<{ items: { id: string }[] }>(partner, 'GET', '/partner/customers');
    const contoso = customers.body.items[0]?.id ?? '';
    const pages: [typeof operator, string[]][] = [
      [operator, ['/operator/partners', '/operator/partners/new', `/operator/partners/${adatum}`]],
      [partner, ['/partner', `/partner/customers/${contoso}`]],
    ];
    for (const [page, paths] of pages) await reflowInBothLanguages(page, paths);
  }, 300_000);

  it('the publisher’s Software Assurance back office (issue 13, R-SA-1, R-SA-2), its dialogs too, in English and in Swedish', async () => {
    const page = await portal.signedIn('operator@northwind.example');
    const enrollment = await portal.licensingIdOf('67012345');
    const paths = ['/operator/sa-benefits?number=670', '/operator/sa-benefit-rules', `/operator/sa-benefits/${enrollment}`];
    for (const lang of ['en', 'sv'] as const) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await chooseLanguage(page, lang);
      for (const path of paths) {
        await visit(page, path);
        await expectReflow(page, path);
      }
      // A rule's form and a hold's reason on a phone.
      for (const [path, button] of [
        ['/operator/sa-benefit-rules', lang === 'en' ? 'Add a rule' : 'Lägg till en regel'],
        [`/operator/sa-benefits/${enrollment}`, lang === 'en' ? 'Set HAR: e-Learning' : 'Pausa (HAR): e-learning'],
      ] as const) {
        await page.setViewportSize({ width: 1280, height: 800 });
        await visit(page, path);
        await page.getByRole('button', { name: button }).click();
        await page.getByRole('dialog').waitFor();
        await expectReflow(page, `${path} (${button})`);
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'hidden' });
      }
    }
  }, 300_000);

  it('on a phone the navigation drawer holds the language switch, the profile and sign-out, and they work', async () => {
    const page = await portal.signedIn('viewer@contoso.example', 'sv-SE');
    await page.setViewportSize({ width: 320, height: 800 });
    await visit(page, '/');
    expect(await page.getByRole('banner').getByRole('button', { name: 'Logga ut' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Öppna navigeringen' }).click();
    await page.getByRole('navigation', { name: 'Huvudnavigering' }).getByText('English', { exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    const drawer = page.getByRole('navigation', { name: 'Main navigation' });
    await drawer.getByRole('link', { name: 'Profile' }).click();
    await page.waitForURL(/\/profile$/);
    await expectReflow(page, '/profile');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await drawer.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
  }, 60_000);
});

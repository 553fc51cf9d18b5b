import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { findChromium } from './chromium.js';

export const DEMO_PASSWORD = 'demo-password-1';

/**
 * Chromium (Debian's, or the one npm installed: see chromium.ts), headless, with the flags this
 * closed network needs. `hosts` maps names (a test app's PUBLIC_URL host) to a loopback address
 * and port.
 */
export async function launchChromium(hosts: Record<string, string> = {}): Promise<Browser> {
  const rules = Object.entries(hosts).map(([name, target]) => `MAP ${name} ${target}`);
  const binary = await findChromium();
  return chromium.launch({
    executablePath: binary.executablePath,
    env: { ...process.env, ...binary.env },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(rules.length ? [`--host-resolver-rules=${rules.join(', ')}`] : []),
    ],
  });
}

/**
 * axe-core's WCAG 2.1 A/AA rules on the page as it is now. `skipFrames`: a sandboxed frame with
 * scripts off (a mail shown as the recipient sees it) cannot host axe, and waiting for it never ends.
 */
export async function expectNoAxeViolations(page: Page, { skipFrames = false } = {}): Promise<void> {
  // A dialog fading in is measured as half-transparent text: let transitions finish first.
  // (Endless ones, such as a spinner, are left running.) A transition can start a frame or two
  // after the click that opens it (on a busy machine, later), so look again until a couple of
  // frames pass with none running.
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    for (let quietFrames = 0, rounds = 0; quietFrames < 3 && rounds < 50; rounds++) {
      const running = document
        .getAnimations()
        .filter((a) => a.playState !== 'finished' && Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
      if (running.length === 0) quietFrames++;
      else quietFrames = 0;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
      await frame();
    }
  });
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (skipFrames) builder.exclude('iframe');
  const result = await builder.analyze();
  // Each node with axe's own explanation (the colours for contrast), so a failure says what to fix.
  const summary = result.violations.map(
    (v) =>
      `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)} ${n.any.map((a) => a.message).join('; ')}`).join(' | ')}`,
  );
  expect(summary, `axe on ${page.url()}`).toEqual([]);
}

/** Switches the portal's language with the header's switch (stored on a signed-in user). */
export async function chooseLanguage(page: Page, lang: 'en' | 'sv'): Promise<void> {
  await page.locator(`header [lang="${lang}"]`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
}

/** axe in the page's language, then in the other one, then back. */
export async function axeInEnglishAndSwedish(page: Page): Promise<void> {
  const start = (await page.evaluate(() => document.documentElement.lang)) === 'sv' ? 'sv' : 'en';
  await expectNoAxeViolations(page);
  await chooseLanguage(page, start === 'sv' ? 'en' : 'sv');
  await expectNoAxeViolations(page);
  await chooseLanguage(page, start);
}

/** A JSON call from inside the signed-in page, with the CSRF token the portal's client sends. */
export function apiFrom<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = document.cookie
        .split(';')
        .map((c) => c.trim().split('='))
        .find(([k]) => k === 'lsc_csrf')?.[1];
      const headers: Record<string, string> = csrf ? { 'x-csrf-token': decodeURIComponent(csrf) } : {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { method, path, body },
  ) as Promise<{ status: number; body: T }>;
}

/** The page's level-1 heading. */
export const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** Fills in the sign-in form the page shows and submits it. */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}

/** Signs in from the sign-in page and waits for the home page. */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => url.pathname === '/');
  await h1(page).waitFor();
}

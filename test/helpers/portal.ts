import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { TestAppOptions } from './app.js';
import { launchChromium, signInAs } from './browser.js';
import { ensurePortalBuilt } from './portal-build.js';
import { startTestServer } from './server.js';

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

export interface PortalOptions {
  /** Options of the test app (its environment). */
  app?: TestAppOptions;
  /** Pages may read and write the clipboard (copy buttons). */
  clipboard?: boolean;
  /** Host names the browser resolves to the test server, such as the PUBLIC_URL host of mailed links. */
  hosts?: string[];
}

export interface Portal {
  /** The test server; there from beforeAll on. */
  readonly server: TestServer;
  /** A page in a fresh browser context (its own cookies) with the browser language `locale`, at the server or at `baseURL`. */
  open(locale?: string, options?: { baseURL?: string }): Promise<Page>;
  /** A fresh page signed in as `email` (demo password), on the home page. */
  signedIn(email: string, locale?: string): Promise<Page>;
  /** The text of the newest mail of a template to an address, as the outbox holds it ('' when there is none). */
  newestMail(to: string, template: string): Promise<string>;
  /** The id of the Licensing ID with this number ('' when there is none). */
  licensingIdOf(number: string): Promise<string>;
}

/**
 * A test file's portal in Chromium: beforeAll builds the portal when its sources are newer, starts
 * a test server on a fresh seeded database and launches the browser; afterAll closes the contexts
 * opened, the browser and the server. Call it inside the file's `describe`.
 */
export function portalInChromium(options: PortalOptions = {}): Portal {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensurePortalBuilt();
    const started = await startTestServer(options.app);
    server = started;
    browser = await launchChromium(Object.fromEntries((options.hosts ?? []).map((name) => [name, new URL(started.url).host])));
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const started = (): { server: TestServer; browser: Browser } => {
    if (!server || !browser) throw new Error('the portal starts in beforeAll');
    return { server, browser };
  };

  const portal: Portal = {
    get server() {
      return started().server;
    },
    async open(locale = 'en-US', { baseURL } = {}) {
      const { server, browser } = started();
      const context = await browser.newContext({ locale, baseURL: baseURL ?? server.url, acceptDownloads: true });
      if (options.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      contexts.push(context);
      return context.newPage();
    },
    async signedIn(email, locale) {
      const page = await portal.open(locale);
      await signInAs(page, email);
      return page;
    },
    async newestMail(to, template) {
      const res = await started().server.database.db.execute<{ text: string }>(
        sql`select text from outbox where to_address = ${to} and template = ${template} order by id desc limit 1`,
      );
      return res.rows[0]?.text ?? '';
    },
    async licensingIdOf(number) {
      const res = await started().server.database.db.execute<{ id: string }>(sql`select id from licensing_id where number = ${number}`);
      return res.rows[0]?.id ?? '';
    },
  };
  return portal;
}

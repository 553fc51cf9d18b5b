import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../src/modules/provisioning/deliver.js';
import { enqueueProvisioning } from '../../src/modules/provisioning/enqueue.js';
import { systemClock } from '../../src/platform/clock.js';
import { axeInEnglishAndSwedish, chooseLanguage, expectNoAxeViolations } from '../helpers/browser.js';
import { portalInChromium } from '../helpers/portal.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
// The publisher's provisioning system: a real receiver on loopback, up before the server starts.
const receiver = await startWebhookReceiver(SECRET);

describe('Provisioning deliveries in the back office, in Chromium (issue 14)', () => {
  const portal = portalInChromium({
    app: {
      env: {
        PROVISIONING_WEBHOOK_URL: receiver.url,
        PROVISIONING_WEBHOOK_SECRET: SECRET,
        PROVISIONING_ALLOW_PRIVATE: 'true',
        PROVISIONING_MAX_ATTEMPTS: '1',
      },
    },
  });
  afterAll(() => receiver.close());

  it('the operator finds a failed delivery, reads its attempts, and sends it again after confirming; en and sv pass axe, and it reads at 320 px', async () => {
    const { db } = portal.server.database;
    const config = portal.server.config;
    const deps = { db, config, clock: systemClock, secrets: { provisioningWebhookSecret: SECRET } };
    await enqueueProvisioning(db, systemClock, { type: 'service.activation', subject: 'service-account-link:contoso', data: { n: 1 } });
    await deliverDue(deps, new Date());
    receiver.behave(() => ({ status: 500 }));
    const failed = await enqueueProvisioning(db, systemClock, {
      type: 'service.deprovision',
      subject: 'subscription:contoso-e3',
      data: { subscription: 'contoso-e3' },
    });
    await deliverDue(deps, new Date());

    const page = await portal.signedIn('operator@northwind.example');
    await page.getByRole('link', { name: 'Provisioning deliveries' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Provisioning deliveries' }).waitFor();
    await page.locator('tr[data-event-id]').nth(1).waitFor();
    expect(await page.locator('[data-counts]').getAttribute('data-counts')).toBe('0/1/1');
    await axeInEnglishAndSwedish(page);

    await page.getByLabel('Delivery state').selectOption({ label: 'Failed' });
    await expect.poll(() => page.locator('tr[data-event-id]').count()).toBe(1);
    const row = page.locator(`tr[data-event-id="${failed}"]`);
    expect(await row.textContent()).toContain('De-provisioning');
    expect(await row.textContent()).toContain('Error answer from the receiver');
    await row.getByRole('link').click();

    await page.getByRole('heading', { level: 1, name: 'Provisioning event' }).waitFor();
    await page.locator('tr[data-outcome="HTTP_ERROR"]').waitFor();
    expect(await page.locator('tr[data-outcome="HTTP_ERROR"]').textContent()).toContain('500');
    await axeInEnglishAndSwedish(page);

    // Sent again only after confirming; the receiver is back, so it is delivered.
    receiver.behave(() => ({ status: 200 }));
    receiver.received.length = 0;
    await page.getByRole('button', { name: 'Send again' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send this event again?' });
    await dialog.waitFor();
    expect(receiver.received).toHaveLength(0);
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Send again' }).click();
    await page.getByText('The event was sent again: Delivered.').waitFor();
    await page.locator('tr[data-outcome="DELIVERED"]').waitFor();
    expect(receiver.received.map((r) => [r.id, r.verified])).toEqual([[failed, true]]);
    await expectNoAxeViolations(page);

    // Swedish, and a phone's width: the page does not scroll sideways (the attempts table scrolls in its own region).
    await chooseLanguage(page, 'sv');
    await page.getByRole('heading', { level: 1, name: 'Provisioneringshändelse' }).waitFor();
    await page.setViewportSize({ width: 320, height: 740 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  }, 240_000);
});

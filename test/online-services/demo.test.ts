import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SERVICE_ORDER, seedDemoServiceActivation } from '../../src/demo/online-services.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signIn } from '../helpers/session.js';

describe('demo data: an online-service order whose activation mail waits for the OSM (R-OS-1)', () => {
  let t: TestApp;
  const clock = fixedClock('2026-03-01T09:00:00Z');
  beforeAll(async () => {
    t = await createTestApp({ clock });
    await seedDemoServiceActivation(t.database.db, t.config, clock);
  });
  afterAll(() => t.close());

  it('R-OS-1: Contoso’s Online Services Manager has the activation mail, pending; the Administrator sees who got it', async () => {
    const mails = (
      await t.database.db.execute<{ to_address: string; locale: string; text: string }>(
        sql`select to_address, locale, text from outbox where template = 'activationLink'`,
      )
    ).rows;
    expect(mails.map((m) => [m.to_address, m.locale])).toEqual([['viewer@contoso.example', 'sv']]);
    expect(mails[0]?.text).toMatch(/http:\/\/lsc\.test\/online-services\/activate\/[A-Za-z0-9_-]{43}/);
    const admin = await signIn(t.app, 'admin@contoso.example');
    const view = (await t.as(admin).get('/online-services')).json() as {
      enrollments: {
        number: string;
        account: unknown;
        services: { code: string; activation: string; recipientEmail: string; linkExpiresOn: string }[];
      }[];
    };
    const enrollment = view.enrollments.find((e) => e.number === '67012345');
    expect(enrollment?.account).toBeNull();
    expect(enrollment?.services).toEqual([
      expect.objectContaining({
        code: 'CLOUD-MAIL-P1',
        activation: 'MAILED',
        recipientEmail: 'viewer@contoso.example',
        linkExpiresOn: '2026-09-01',
      }),
    ]);
    // Seeding again replays the same order: nothing new is mailed.
    await seedDemoServiceActivation(t.database.db, t.config, clock);
    const again = await t.database.db.execute(sql`select 1 from license_order where order_number = ${DEMO_SERVICE_ORDER}`);
    expect(again.rowCount).toBe(1);
    expect((await t.database.db.execute(sql`select 1 from outbox where template = 'activationLink'`)).rowCount).toBe(1);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/demo/seed.js';
import { partnerRecordsForRelationship } from '../../src/modules/partners/for-relationship.js';
import { contactGrantsForRelationship } from '../../src/modules/permissions/contact-grants.js';
import { startExpirySchedule } from '../../src/modules/relationship/onboarding/expiry-schedule.js';
import { fixedClock } from '../../src/platform/clock.js';
import { loadSecrets } from '../../src/platform/secrets.js';
import { startServer } from '../../src/server.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/db.js';
import { freePort } from '../helpers/free-port.js';
import { signIn } from '../helpers/session.js';

const shortEnrollment = (number: string, lid: string, endDate: string) => ({
  organization: { name: 'Litware Inc', domains: ['litware.example'], country: 'SE' },
  number,
  program: 'ENTERPRISE',
  priceLevel: 'A',
  startDate: '2026-01-01',
  endDate,
  mbsaNumber: '05L11111',
  licensingIds: [{ number: lid, name: `Litware enrollment ${lid}` }],
});

describe('scheduled expiry (issue 12)', () => {
  let t: TestApp;
  const clock = fixedClock('2026-06-30T12:00:00Z');
  beforeAll(async () => {
    t = await createTestApp({ clock });
    const operator = await signIn(t.app, 'operator@northwind.example');
    for (const [number, lid, end] of [
      ['05L11111-EA', '68011101', '2026-06-30'],
      ['05L11111-EA2', '68011102', '2026-07-01'],
    ] as const) {
      const res = await t.as(operator).post('/operator/agreements', shortEnrollment(number, lid, end));
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(() => t.close());

  const statusOf = async (number: string) =>
    (await t.database.db.execute<{ status: string }>(sql`select status from licensing_id where number = ${number}`)).rows[0]?.status;
  const systemExpiries = async (number: string) =>
    (
      await t.database.db.execute<{
        n: number;
      }>(sql`select count(*)::int as n from audit_log a join licensing_id l on l.id = a.target_id::uuid
        where a.action = 'relationship.licensing-id-expire' and a.actor_user_id is null and l.number = ${number}`)
    ).rows[0]?.n;

  it('expires each Licensing ID the day after its term ends, by itself and by the clock it is given; audited as the service center’s; nothing after stop', async () => {
    const expired: string[][] = [];
    const schedule = startExpirySchedule(
      { db: t.database.db, config: t.config, clock },
      { grants: contactGrantsForRelationship, partners: partnerRecordsForRelationship },
      {
        pollMs: 10,
        onExpired: (numbers) => expired.push(numbers),
      },
    );
    try {
      // The run at start: the last day of a term is still in it.
      await new Promise((r) => setTimeout(r, 100));
      expect(await statusOf('68011101')).toBe('ACTIVE');

      clock.set(new Date('2026-07-01T00:00:30Z'));
      await expect.poll(() => statusOf('68011101'), { timeout: 5000 }).toBe('EXPIRED');
      expect(await statusOf('68011102')).toBe('ACTIVE');
      expect(await systemExpiries('68011101')).toBe(1);
      expect(expired).toContainEqual(['68011101']);
    } finally {
      await schedule.stop();
    }
    // Stopped: the next day passes without a run.
    clock.set(new Date('2026-07-02T00:00:30Z'));
    await new Promise((r) => setTimeout(r, 100));
    expect(await statusOf('68011102')).toBe('ACTIVE');
  });

  it('`lsc start` runs it: a Licensing ID whose term ended while the server was down expires when it starts, and stop() ends the schedule', async () => {
    const database = await createTestDatabase();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'lsc-expiry-'));
    try {
      const config = loadConfig({
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        PORT: String(await freePort()),
        SEED_DEMO: 'false',
        LOG_LEVEL: 'silent',
      });
      await seedDemo(database.db, await loadSecrets(config));
      const [due] = (
        await database.db.execute<{ number: string }>(sql`
          update licensing_id set end_date = '2020-12-31', status = 'ACTIVE'
          where id = (select id from licensing_id where status = 'ACTIVE' order by number limit 1) returning number`)
      ).rows;
      const status = async () =>
        (await database.db.execute<{ status: string }>(sql`select status from licensing_id where number = ${due?.number}`)).rows[0]?.status;
      const server = await startServer(config);
      try {
        await expect.poll(status, { timeout: 10_000 }).toBe('EXPIRED');
      } finally {
        await server.stop();
      }
    } finally {
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAgreementsFile } from '../../src/cli/import-agreements.js';
import { loadConfig } from '../../src/config.js';
import { agreementsFromCsv } from '../../src/modules/relationship/onboarding/csv.js';
import { shareOnboardingLock } from '../../src/modules/relationship/onboarding/locks.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { lscCommand } from '../helpers/lsc-command.js';
import { signIn } from '../helpers/session.js';

const HEADER =
  'organization_name,organization_domains,country,agreement_number,program,price_level,start_date,end_date,mbsa_number,licensing_id,licensing_id_name,contact_type,contact_name,contact_email,contact_locale';
const header = (over: Partial<Record<string, string>> = {}) => {
  const v = {
    org: 'Litware Inc',
    domains: 'litware.example',
    country: 'SE',
    number: 'LW-EA-1',
    program: 'ENTERPRISE',
    price: 'A',
    start: '2026-01-01',
    end: '2028-12-31',
    mbsa: 'LW-MBSA',
    ...over,
  };
  return [v.org, v.domains, v.country, v.number, v.program, v.price, v.start, v.end, v.mbsa].join(',');
};

describe('agreement files: lsc import-agreements', () => {
  it('groups rows by agreement number, reads each with the API’s schema and names errors by row and column', () => {
    const parsed = agreementsFromCsv(
      [
        HEADER,
        `${header()},68100001,Litware Enrollment,Primary Contact,Lena Ek,lena@litware.example,sv`,
        `${header()},68100002,Litware Enrollment 2,SA_MANAGER,Sven Ek,sven@litware.example,`,
        `${header({ number: 'LW-EA-2', start: '2026-02-30' })},68100003,Bad,PRIMARY_CONTACT,X,not-an-address,`,
        `${header({ number: 'LW-EA-1', price: 'B' })},68100004,Mismatch,,,,`,
        `${header({ number: '' })},68100005,Orphan,,,,`,
      ].join('\r\n'),
    );
    expect(parsed.missingColumns).toEqual([]);
    const [one, two] = parsed.agreements;
    expect(one?.agreement).toMatchObject({
      number: 'LW-EA-1',
      organization: { domains: ['litware.example'] },
      licensingIds: [{ number: '68100001' }, { number: '68100002' }],
      contacts: [
        { type: 'PRIMARY_CONTACT', locale: 'sv' },
        { type: 'SA_MANAGER', locale: 'en' },
      ],
    });
    expect(one?.lines).toEqual({ header: 2, licensingIds: [2, 3], contacts: [2, 3] });
    expect(one?.errors).toEqual([{ line: 5, field: 'agreement_number', code: 'AGREEMENT_HEADER_MISMATCH' }]);
    expect(two?.agreement).toBeNull();
    expect(two?.errors.map((e) => `${e.line} ${e.field} ${e.code}`)).toEqual([
      '4 startDate INVALID_VALUE',
      '4 contacts.0.email INVALID_VALUE',
    ]);
    expect(parsed.orphanErrors).toEqual([{ line: 6, field: 'agreement_number', code: 'MISSING_VALUE' }]);
    expect(agreementsFromCsv('agreement_number,program\nA,B').missingColumns).toContain('licensing_id');
  });

  describe('the command', () => {
    let t: TestApp;
    let dir: string;
    beforeAll(async () => {
      t = await createTestApp();
      dir = await mkdtemp(path.join(tmpdir(), 'lsc-import-agreements-'));
    });
    afterAll(async () => {
      await t.close();
      await rm(dir, { recursive: true, force: true });
    });
    const lsc = (file: string) => lscCommand(t.database.url, dir, ['import-agreements', file]);
    const count = async (q: ReturnType<typeof sql>) => Number((await t.database.db.execute<{ n: string }>(q)).rows[0]?.n);
    const written = async () => ({
      records: await count(sql`select count(*) as n from agreement_record`),
      licensingIds: await count(sql`select count(*) as n from licensing_id`),
      contacts: await count(sql`select count(*) as n from contact`),
      organizations: await count(sql`select count(*) as n from organization`),
      outbox: await count(sql`select count(*) as n from outbox`),
    });

    it('R-REL-6: one bad agreement refuses the whole file with line-numbered errors; corrected, it imports once and a re-run writes nothing', async () => {
      const file = path.join(dir, 'agreements.csv');
      const good = [
        `${header()},68100001,Litware Enrollment,PRIMARY_CONTACT,Lena Ek,lena@litware.example,sv`,
        `${header()},68100002,Litware Enrollment 2,SA_MANAGER,Sven Ek,sven@litware.example,`,
        `${header({ number: 'LW-OL-1', program: 'OPEN_LICENSE', mbsa: '', price: '' })},LW-OL-1,Litware Open License,NOTICES_CORRESPONDENT,Lena Ek,lena@litware.example,sv`,
      ];
      const bad = [
        `${header({ number: 'LW-X-1', program: 'PLATINUM' })},68100009,Unknown program,,,,`,
        `${header({ number: 'LW-X-2', mbsa: '02F11111' })},68100010,Under Fabrikam,PRIMARY_CONTACT,Pat,pat@gmail.com,`,
      ];
      await writeFile(file, [HEADER, ...good, ...bad].join('\r\n'));
      const before = await written();
      const refused = await lsc(file);
      expect(refused.code).toBe(1);
      expect(refused.out).toContain('Agreement LW-X-1: refused');
      expect(refused.out).toContain('line 5, program: UNKNOWN_PROGRAM');
      expect(refused.out).toContain('line 6, mbsa_number: PARENT_OF_OTHER_ORGANIZATION');
      expect(refused.out).toContain('line 6, contact_email: PERSONAL_ACCOUNT');
      expect(refused.out).toContain('Nothing was written');
      expect(await written()).toEqual(before);

      await writeFile(file, [HEADER, ...good].join('\n'));
      const first = await lsc(file);
      expect(first.out).toContain('Agreement LW-EA-1: onboarded (2 Licensing IDs)');
      expect(first.out).toContain('Agreement LW-OL-1: onboarded (1 Licensing IDs)');
      expect(first.code).toBe(0);
      const after = await written();
      expect(after).toMatchObject({ records: before.records + 2, licensingIds: before.licensingIds + 3, contacts: before.contacts + 5 });
      // The same roles and mails as through the API: contacts get their role on each Licensing ID and a welcome.
      const grants = await t.database.db.execute<{ email: string; number: string; role: string }>(sql`
        select u.email, l.number, g.role from role_grant g join "user" u on u.id = g.user_id join licensing_id l on l.id = g.licensing_id
        where g.source = 'CONTACT' and g.active and u.email like '%@litware.example' order by u.email, l.number`);
      expect(grants.rows.map((g) => `${g.email} ${g.number} ${g.role}`)).toEqual([
        'lena@litware.example 68100001 ADMINISTRATOR',
        'lena@litware.example 68100002 ADMINISTRATOR',
        'lena@litware.example LW-OL-1 ADMINISTRATOR',
        'sven@litware.example 68100001 SA_MANAGER',
        'sven@litware.example 68100002 SA_MANAGER',
      ]);
      expect(
        await count(sql`select count(*) as n from outbox where template = 'contactWelcome' and to_address = 'sven@litware.example'`),
      ).toBe(1);
      expect(await count(sql`select count(*) as n from audit_log where action = 'relationship.agreement-onboard'`)).toBe(2);
      const again = await lsc(file);
      expect(again.code).toBe(0);
      expect(again.out).toContain('0 onboarded, 2 unchanged.');
      expect(await written()).toEqual(after);
      // Three runs of the command, each starting Node with the TypeScript loader.
    }, 180_000);

    it('issue 12: the import’s audit entry names its Licensing IDs, so the customer’s Administrator reads it in their audit view', async () => {
      const file = path.join(dir, 'audited.csv');
      const audited = header({ org: 'Adatum Audit', domains: 'adatum-audit.example', number: 'AA-EA-1', mbsa: 'AA-MBSA' });
      await writeFile(
        file,
        [
          HEADER,
          `${audited},68300001,Adatum Enrollment,PRIMARY_CONTACT,Ada Berg,ada@adatum-audit.example,`,
          `${audited},68300002,Adatum Enrollment 2,,,,`,
        ].join('\n'),
      );
      const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://lsc.test' });
      expect((await importAgreementsFile(t.database.db, config, file)).committed).toBe(true);
      // The Primary Contact registers from the welcome mail and is Administrator of both Licensing IDs.
      const mail = await t.database.db.execute<{ text: string }>(
        sql`select text from outbox where to_address = 'ada@adatum-audit.example' and template = 'contactWelcome'`,
      );
      const token = /register\?token=([\w-]+)/.exec(mail.rows[0]?.text ?? '')?.[1] ?? '';
      const reg = await t.as(null).post('/auth/register', { token, firstName: 'Ada', lastName: 'Berg', password: 'ada-password-long-1' });
      expect(reg.statusCode, reg.body).toBe(201);
      const ada = await signIn(t.app, 'ada@adatum-audit.example', 'ada-password-long-1');
      const res = await t.as(ada).get('/audit?action=relationship.agreement-onboard');
      expect(res.statusCode, res.body).toBe(200);
      const seen = (res.json().items as { licensingIds: { number: string }[]; detailWithheld: boolean }[]).map((e) => [
        e.licensingIds.map((l) => l.number).sort(),
        e.detailWithheld,
      ]);
      expect(seen).toEqual([[['68300001', '68300002'], false]]);
    });

    it('R-REL-6: an agreement file names the channel partner of record by its partner number; an unknown one refuses the file', async () => {
      const file = path.join(dir, 'partners.csv');
      const columns = `${HEADER},channel_partner_number`;
      const row = (number: string, partner: string) =>
        `${header({ org: 'Partnered Inc', domains: 'partnered.example', number, mbsa: 'PI-MBSA' })},${number}-1,Partnered Enrollment,,,,,${partner}`;
      const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://lsc.test' });
      const before = await written();
      await writeFile(file, [columns, row('PI-EA-1', 'P-100200'), row('PI-EA-2', 'P-NOBODY')].join('\n'));
      const refused = await importAgreementsFile(t.database.db, config, file);
      expect(refused.committed).toBe(false);
      expect(refused.outcomes.flatMap((o) => o.errors.map((e) => `${e.line} ${e.field} ${e.code}`))).toEqual([
        '3 channelPartnerNumber UNKNOWN_PARTNER',
      ]);
      expect(await written()).toEqual(before);

      await writeFile(file, [columns, row('PI-EA-1', 'p-100200')].join('\n'));
      expect((await importAgreementsFile(t.database.db, config, file)).committed).toBe(true);
      const partner = await t.database.db.execute<{ number: string; contact: string }>(sql`
        select p.number, c.name as contact from partner_of_record r join channel_partner p on p.organization_id = r.partner_organization_id
        join licensing_id l on l.id = r.licensing_id join contact c on c.licensing_id = l.id and c.type = 'CHANNEL_PARTNER'
        where l.number = 'PI-EA-1-1'`);
      expect(partner.rows).toEqual([{ number: 'P-100200', contact: 'Adatum Licensing Partners' }]);
    });

    it('an import waits for a single onboarding change under way, and writes once it has committed', async () => {
      const file = path.join(dir, 'waits.csv');
      await writeFile(
        file,
        [HEADER, `${header({ org: 'Wait Co', domains: 'wait.example', number: 'WT-EA-1', mbsa: 'WT-MBSA' })},68200001,Wait,,,,`].join('\n'),
      );
      const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://lsc.test' });
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked = () => {};
      const isLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      // A change through the API (onboarding one agreement, naming a contact) holds the shared lock to its commit.
      const change = t.database.db.transaction(async (tx) => {
        await shareOnboardingLock(tx);
        locked();
        await held;
      });
      await isLocked;
      let finished = false;
      const importing = importAgreementsFile(t.database.db, config, file).then((r) => {
        finished = true;
        return r;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(finished).toBe(false);
      release();
      await change;
      expect((await importing).committed).toBe(true);
      expect(await count(sql`select count(*) as n from agreement_record where number = 'WT-EA-1'`)).toBe(1);
    });
  });
});

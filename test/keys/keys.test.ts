import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKey } from '../../src/modules/keys/key-format.js';
import { createKeysService } from '../../src/modules/keys/service.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import { systemClock } from '../../src/platform/clock.js';
import { loadSecrets } from '../../src/platform/secrets.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { createCatalog, type KeyRow, keyOf, licensingIdOf, order, type ProductCode } from './helpers.js';

describe('product keys: issuing, the Product Keys page and the key file', () => {
  let t: TestApp;
  let operator: Session;
  let admin: Session;
  let keys: Session;
  let viewer: Session;
  let fabrikam: Session;
  let products: Record<ProductCode, string>;
  const lid: Record<string, string> = {};
  const q = async <T extends Record<string, unknown>>(text: ReturnType<typeof sql>) => (await t.database.db.execute<T>(text)).rows;

  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '1000' } });
    operator = await signIn(t.app, 'operator@northwind.example');
    admin = await signIn(t.app, 'admin@contoso.example');
    keys = await signIn(t.app, 'keys@contoso.example');
    viewer = await signIn(t.app, 'viewer@contoso.example');
    fabrikam = await signIn(t.app, 'admin@fabrikam.example');
    products = await createCatalog(t.app, operator);
    for (const n of ['67012345', '8765-4321', 'V1234567', 'V9876543', '54011111', '67099999'])
      lid[n] = await licensingIdOf(t.database.db, n);
    await order(t.app, operator, { program: 'ENTERPRISE', number: '67012345' }, [
      { product: 'WIN11-ENT', licenseType: 'LSA', quantity: 800 },
      { product: 'WS2025-DC', licenseType: 'LSA', quantity: 40 },
    ]);
    await order(t.app, operator, { program: 'SELECT_PLUS', number: '8765-4321' }, [
      { product: 'OFFICE-LTSC', licenseType: 'FULL', quantity: 300 },
    ]);
    await order(t.app, operator, { program: 'OPEN_LICENSE', number: 'V1234567' }, [
      { product: 'OFFICE-LTSC', licenseType: 'FULL', quantity: 20 },
      { product: 'WS2025-CAL', licenseType: 'FULL', quantity: 25 },
      { product: 'EXO-P1', licenseType: 'ONLINE_SERVICE', quantity: 25 },
    ]);
    await order(t.app, operator, { program: 'ENTERPRISE', number: '67099999' }, [
      { product: 'WIN11-ENT', licenseType: 'LSA', quantity: 100 },
    ]);
  });
  afterAll(() => t.close());

  // The demo data licenses its own products too; these tests look at the products they created.
  const mine = (issued: { type: string; productId: string; activationLimit: number }[]) =>
    issued
      .map((k) => [Object.entries(products).find(([, id]) => id === k.productId)?.[0], k] as const)
      .filter(([code]) => code !== undefined)
      .map(([code, k]) => `${code}:${k.type}:${k.activationLimit}`)
      .sort();

  it('R-KEY-1, R-KEY-2, R-KEY-5: per-pool programs get a MAK and a KMS host key for every key product of each pool they license, only those pools', async () => {
    // Fabrikam's enrollment licenses one Systems product: both Windows editions get keys, no server or application does.
    const fab = (await t.as(operator).post(`/operator/licensing-ids/${lid['67099999'] ?? ''}/keys/issue`)).json();
    expect(mine(fab.issued)).toEqual(['WIN11-ENT:KMS_HOST:6', 'WIN11-ENT:MAK:250', 'WIN11-PRO:KMS_HOST:6', 'WIN11-PRO:MAK:250']);
    const before = (await q<{ n: number }>(sql`select coalesce(max(id), 0)::int as n from outbox`))[0]?.n ?? 0;
    const res = await t.as(operator).post(`/operator/licensing-ids/${lid['67012345'] ?? ''}/keys/issue`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // Contoso's enrollment licenses all three pools (price level A → 500 activations).
    expect(mine(body.issued)).toEqual(
      [
        'OFFICE-LTSC:KMS_HOST:6',
        'OFFICE-LTSC:MAK:500',
        'VISIO-LTSC:KMS_HOST:6',
        'VISIO-LTSC:MAK:500',
        'WIN11-ENT:KMS_HOST:6',
        'WIN11-ENT:MAK:500',
        'WIN11-PRO:KMS_HOST:6',
        'WIN11-PRO:MAK:500',
        'WS2025-DC:KMS_HOST:6',
        'WS2025-DC:MAK:500',
      ].sort(),
    );
    expect(body.issued.every((k: object) => !('productKey' in k))).toBe(true); // the back office never sees a key
    const page = (await t.as(admin).get(`/api/v1/licensing-ids/${lid['67012345']}/keys`)).json();
    const codes = Object.keys(products);
    expect(
      page.noKeyNeeded
        .filter((n: { product: { code: string } }) => codes.includes(n.product.code))
        .map((n: { product: { code: string }; reason: string }) => `${n.product.code}:${n.reason}`)
        .sort(),
    ).toEqual(['EXO-P1:NO_KEY_REQUIRED', 'SQL2022-DEV:NO_KEY_REQUIRED', 'WS2025-CAL:CAL'].sort());
    // Issuing again adds nothing.
    expect((await t.as(operator).post(`/operator/licensing-ids/${lid['67012345'] ?? ''}/keys/issue`)).json().issued).toEqual([]);
    const [auditRow] = await q<{ action: string; target_id: string }>(
      sql`select action, target_id from audit_log where action = 'keys.issue' and target_id = ${lid['67012345']} order by id limit 1`,
    );
    expect(auditRow).toBeTruthy();
    // The key holders hear of new keys, without the keys; the Licensing Info Viewer does not.
    const mails = await q<{ to_address: string; text: string }>(
      sql`select to_address, text from outbox where id > ${before} and template = 'keysIssued'`,
    );
    expect(mails.map((m) => m.to_address).sort()).toEqual(['admin@contoso.example', 'keys@contoso.example']);
    expect(mails[0]?.text).toContain(`${body.issued.length} new product key(s) were issued for Contoso Enterprise Enrollment (67012345)`);
  });

  it('R-KEY-1, R-KEY-3, R-KEY-5: Open License keys per purchased product: a MAK sized by licenses (20 → 50), a single-use OSA key per online service, no KMS key', async () => {
    const body = (await t.as(operator).post(`/operator/licensing-ids/${lid.V1234567 ?? ''}/keys/issue`)).json();
    expect(mine(body.issued)).toEqual(['EXO-P1:OSA:1', 'OFFICE-LTSC:MAK:50']);
    expect(body.issued.some((k: { type: string }) => k.type === 'KMS_HOST')).toBe(false);
    expect(body.noKeyNeeded).toContainEqual({ productId: products['WS2025-CAL'], reason: 'CAL' });
    // More licenses later: the MAK follows them up (20 + 10 = 30 → 100).
    await order(t.app, operator, { program: 'OPEN_LICENSE', number: 'V1234567' }, [
      { product: 'OFFICE-LTSC', licenseType: 'FULL', quantity: 10 },
    ]);
    const again = (await t.as(operator).post(`/operator/licensing-ids/${lid.V1234567 ?? ''}/keys/issue`)).json();
    expect(again.issued).toEqual([]);
    expect(again.raised).toHaveLength(1);
    expect((await keyOf(t.app, admin, lid.V1234567 ?? '', 'OFFICE-LTSC', 'MAK')).activations).toEqual({
      used: 0,
      limit: 100,
      available: 100,
    });
  });

  it('R-KEY-3: a Select Plus MAK gets the activations of its price level (B → 1000)', async () => {
    await t.as(operator).post(`/operator/licensing-ids/${lid['8765-4321'] ?? ''}/keys/issue`);
    const mak = await keyOf(t.app, keys, lid['8765-4321'] ?? '', 'OFFICE-LTSC', 'MAK');
    expect(mak.activations).toEqual({ used: 0, limit: 1000, available: 1000 });
    expect(parseKey(mak.productKey)).toEqual({ ok: true, key: mak.productKey });
  });

  it('R-KEY-9: keys are encrypted at rest: no key value is stored in clear anywhere in the row', async () => {
    const mak = await keyOf(t.app, admin, lid['67012345'] ?? '', 'WIN11-ENT', 'MAK');
    const rows = await q<{ row: string }>(sql`select row_to_json(k)::text as row from product_key k`);
    expect(rows.length).toBeGreaterThan(8);
    for (const r of rows) {
      expect(r.row).not.toContain(mak.productKey);
      expect(r.row).not.toContain(mak.productKey.replaceAll('-', ''));
    }
    const [stored] = await q<{ last_five: string; key_hash: string }>(
      sql`select last_five, key_hash from product_key where id = ${mak.id}`,
    );
    expect(stored?.last_five).toBe(mak.lastFive);
    expect(stored?.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('R-KEY-9: keys reach only Administrator and Product Keys holders, and only their own organization’s', async () => {
    const mine = (await t.as(keys).get('/api/v1/product-keys')).json().items as (KeyRow & { licensingIdNumber: string })[];
    expect(new Set(mine.map((k) => k.licensingIdNumber))).toEqual(new Set(['67012345', '8765-4321'])); // not the Open License
    const all = (await t.as(admin).get('/api/v1/product-keys')).json().items as (KeyRow & { licensingIdNumber: string })[];
    // The demo seeds keys on every Contoso Licensing ID; Fabrikam's 67099999 never shows.
    expect(new Set(all.map((k) => k.licensingIdNumber))).toEqual(new Set(['54011111', '67012345', '8765-4321', 'V1234567', 'V9876543']));
    // The Licensing Info Viewer: no keys, and 403 on the enrollment it sees.
    expect((await t.as(viewer).get('/api/v1/product-keys')).json().items).toEqual([]);
    expect((await t.as(viewer).get(`/api/v1/licensing-ids/${lid['67012345']}/keys`)).statusCode).toBe(403);
    expect((await t.as(viewer).get(`/api/v1/product-keys/export?format=tsv`)).body.split('\r\n').filter(Boolean)).toHaveLength(1);
    // Another organization: its own keys only; Contoso's answer 404, never 403.
    await t.as(operator).post(`/operator/licensing-ids/${lid['67099999'] ?? ''}/keys/issue`);
    const theirs = (await t.as(fabrikam).get('/api/v1/product-keys')).json().items as { licensingIdNumber: string }[];
    expect(new Set(theirs.map((k) => k.licensingIdNumber))).toEqual(new Set(['67099999']));
    expect((await t.as(fabrikam).get(`/api/v1/licensing-ids/${lid['67012345']}/keys`)).statusCode).toBe(404);
    expect((await t.as(fabrikam).get(`/api/v1/product-keys/export?licensingId=${lid['67012345']}`)).statusCode).toBe(404);
    expect((await t.as(fabrikam).get(`/api/v1/product-keys/${all[0]?.id}/activations`)).statusCode).toBe(404);
    expect((await t.as(null).get('/api/v1/product-keys')).statusCode).toBe(401);
  });

  it('R-KEY-7: the key file is tab-delimited with exactly the seven columns, all keys or one Licensing ID’s; CSV too', async () => {
    const res = await t.as(admin).get('/api/v1/product-keys/export?format=tsv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/tab-separated-values');
    expect(res.headers['content-disposition']).toBe('attachment; filename="product-keys.tsv"');
    expect(res.headers['cache-control']).toBe('no-store');
    const lines = res.body.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('Licensing ID\tParent Program\tOrganization\tProduct\tProduct Key\tType\tMAK Activations-Used/Available');
    const cells = lines.slice(1).map((l) => l.split('\t'));
    expect(cells.every((c) => c.length === 7)).toBe(true);
    const mak = await keyOf(t.app, admin, lid['67012345'] ?? '', 'WIN11-ENT', 'MAK');
    expect(cells).toContainEqual([
      '67012345',
      'Enterprise Agreement',
      'Contoso Ltd',
      'Windows 11 Enterprise',
      mak.productKey,
      'MAK',
      '0/500',
    ]);
    const kms = await keyOf(t.app, admin, lid['67012345'] ?? '', 'WIN11-ENT', 'KMS_HOST');
    expect(cells).toContainEqual(['67012345', 'Enterprise Agreement', 'Contoso Ltd', 'Windows 11 Enterprise', kms.productKey, 'KMS', '']);
    expect(cells.some((c) => c[0] === 'V1234567' && c[1] === 'Open License' && c[5] === 'Online Service Activation')).toBe(true);
    // The demo catalog's names carry version and edition: each is said once.
    const products = new Set(cells.map((c) => c[3]));
    expect(products).toContain('Northwind Office Professional Plus 2024');
    for (const p of products) expect(p).not.toMatch(/\b(\S+) \1\b/); // no "… 2024 2024 …"
    // One Licensing ID's view exports only its keys.
    const one = (await t.as(admin).get(`/api/v1/licensing-ids/${lid['8765-4321']}/keys/export?format=tsv`)).body
      .split('\r\n')
      .filter(Boolean);
    expect(one.slice(1).every((l) => l.startsWith('8765-4321\tSelect Plus\t'))).toBe(true);
    expect(one).toHaveLength(1 + (await t.as(admin).get(`/api/v1/licensing-ids/${lid['8765-4321']}/keys`)).json().items.length);
    const csv = await t.as(admin).get(`/api/v1/product-keys/export?format=csv&licensingId=${lid['8765-4321']}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe(
      'Licensing ID,Parent Program,Organization,Product,Product Key,Type,MAK Activations-Used/Available',
    );
    // A CSV is opened by people: the Type says what the key list says.
    expect(csv.body).toContain(',Multiple Activation Key (MAK),0/1000');
    expect((await t.as(admin).get('/api/v1/product-keys/export?format=xlsx')).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('R-KEY-7: the print view has the same columns and rows as the file, each Type in the portal’s words', async () => {
    const print = (await t.as(keys).get(`/api/v1/licensing-ids/${lid['67012345']}/keys/print`)).json();
    expect(print.columns).toEqual([
      'Licensing ID',
      'Parent Program',
      'Organization',
      'Product',
      'Product Key',
      'Type',
      'MAK Activations-Used/Available',
    ]);
    expect(print.licensingIdNumber).toBe('67012345');
    expect(print.count).toBe((await t.as(keys).get(`/api/v1/licensing-ids/${lid['67012345']}/keys`)).json().items.length);
    const file = (await t.as(keys).get(`/api/v1/licensing-ids/${lid['67012345']}/keys/export`)).body.split('\r\n').filter(Boolean);
    const words: Record<string, string> = {
      MAK: 'Multiple Activation Key (MAK)',
      KMS: 'KMS host key',
      'Setup Key': 'Setup key',
      'Online Service Activation': 'Online Service Activation key',
    };
    const inWords = (cells: string[]) => cells.map((c, i) => (i === 5 ? (words[c] ?? c) : c));
    expect(print.rows).toEqual(file.slice(1).map((l) => inWords(l.split('\t'))));
    expect((await t.as(keys).get('/api/v1/product-keys/print')).json().count).toBe(
      (await t.as(keys).get('/api/v1/product-keys')).json().items.length,
    );
  });

  it('R-KEY-7, R-REP-4: a Swedish user’s workbook, CSV and print view are in Swedish; the tab-delimited file keeps its stable words', async () => {
    const tsvBefore = (await t.as(keys).get('/api/v1/product-keys/export?format=tsv')).body;
    expect((await t.as(keys).patch('/me', { locale: 'sv' })).statusCode).toBe(200);
    try {
      expect((await t.as(keys).get('/api/v1/product-keys/export?format=tsv')).body).toBe(tsvBefore);
      const csv = (await t.as(keys).get('/api/v1/product-keys/export?format=csv')).body.replace(/^\uFEFF/, '').split('\r\n');
      expect(csv[0]).toBe('Licens-ID,Överordnat program,Organisation,Produkt,Produktnyckel,Typ,MAK-aktiveringar – använda/tillgängliga');
      expect(csv.some((l) => l.includes(',Nyckel för flera aktiveringar (MAK),'))).toBe(true);
      const print = (await t.as(keys).get('/api/v1/product-keys/print')).json();
      expect(new Set(print.rows.map((r: string[]) => r[5]))).toContain('KMS-värdnyckel');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await t.as(keys).get('/api/v1/product-keys/workbook')).rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      if (!sheet) throw new Error('no sheet');
      expect(sheet.name).toBe('Produktnycklar');
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(csv[0]?.split(','));
      const types = new Set<string>();
      sheet.eachRow((r, i) => {
        if (i > 1) types.add(String(r.getCell(6).value));
      });
      // The workbook's Type cells are the print view's words.
      const printed = new Set(print.rows.map((r: string[]) => r[5]));
      expect([...types].every((x) => printed.has(x))).toBe(true);
      expect(types).toContain('Nyckel för flera aktiveringar (MAK)');
    } finally {
      await t.as(keys).patch('/me', { locale: 'en' });
    }
  });

  it('R-KEY-2: the back office issues a setup key by hand; a second of the same kind, or a key for a CAL, is refused', async () => {
    const setup = await t
      .as(operator)
      .post(`/operator/licensing-ids/${lid['67012345'] ?? ''}/keys`, { type: 'SETUP', productId: products['WS2025-DC'] });
    expect(setup.statusCode).toBe(201);
    expect(setup.json()).toMatchObject({ type: 'SETUP', activationLimit: 0 });
    expect(
      (
        await t
          .as(operator)
          .post(`/operator/licensing-ids/${lid['67012345'] ?? ''}/keys`, { type: 'SETUP', productId: products['WS2025-DC'] })
      ).json(),
    ).toMatchObject({
      status: 409,
      code: 'KEY_ALREADY_ISSUED',
    });
    expect(
      (
        await t
          .as(operator)
          .post(`/operator/licensing-ids/${lid['67012345'] ?? ''}/keys`, { type: 'MAK', productId: products['WS2025-CAL'] })
      ).json(),
    ).toMatchObject({
      status: 400,
      code: 'KEY_NOT_REQUIRED',
    });
    expect(
      (
        await t
          .as(operator)
          .post(`/operator/licensing-ids/${lid['67012345'] ?? ''}/keys`, { type: 'MAK', productId: '00000000-0000-4000-8000-000000000000' })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t
          .as(operator)
          .post(`/operator/licensing-ids/${lid['67012345'] ?? ''}/keys`, { type: 'BOGUS', productId: products['WS2025-DC'] })
      ).json().code,
    ).toBe('VALIDATION_FAILED');
    const key = await keyOf(t.app, admin, lid['67012345'] ?? '', 'WS2025-DC', 'SETUP');
    expect(key.activations).toBeNull();
    // R-KEY-2: the setup key is shown on the download screen to whoever may download (R-DL-1), not only to key holders.
    const deps = {
      db: t.database.db,
      reads: t.database.reads.db,
      database: t.database,
      config: t.config,
      clock: systemClock,
      secrets: await loadSecrets(t.config),
    };
    const service = createKeysService(deps);
    const actor = async (email: string): Promise<Actor> => {
      const [u] = await q<{ id: string; organization_id: string }>(sql`select id, organization_id from "user" where email = ${email}`);
      return {
        userId: u?.id ?? '',
        organizationId: u?.organization_id ?? '',
        email,
        locale: 'en',
        isOperator: false,
        via: 'session',
        requestId: 't',
      };
    };
    expect(await service.setupKeys(await actor('keys@contoso.example'), products['WS2025-DC'])).toEqual([key.productKey]);
    expect(await service.setupKeys(await actor('viewer@contoso.example'), products['WS2025-DC'])).toEqual([]);
    expect(await service.setupKeys(await actor('admin@fabrikam.example'), products['WS2025-DC'])).toEqual([]);
    // A customer cannot issue keys.
    expect((await t.as(admin).post(`/operator/licensing-ids/${lid['67012345']}/keys/issue`)).statusCode).toBe(403);
  });
});

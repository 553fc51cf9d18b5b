import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import type { GrantSpec } from '../helpers/given.js';
import { type Session, signIn } from '../helpers/session.js';
import { ENROLLMENT, licensingIdOf, OPEN_LICENSE, OPEN_VALUE, productId } from './helpers.js';

interface Item {
  productId: string;
  code: string;
  name: string;
  granted: boolean;
  isCal: boolean;
  hasDownload: boolean;
  requiresKey: boolean;
  category: string;
  priorVersions: { productId: string; version: string; name: string }[];
}

describe('Downloads and Keys catalog (API)', () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const codes = async (who: string, query = '') => {
    const res = await t.as(s[who]).get(`/downloads?limit=100${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as Item[]).map((i) => i.code);
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '10000' } });
    const users: [who: string, grants: GrantSpec[]][] = [
      ['open-only', [{ on: OPEN_LICENSE, roles: ['DOWNLOAD'] }]],
      ['open-value', [{ on: OPEN_VALUE, roles: ['SA_MANAGER'] }]],
      [
        'mixed',
        [
          { on: OPEN_LICENSE, roles: ['DOWNLOAD'] },
          { on: ENROLLMENT, roles: ['DOWNLOAD'] },
        ],
      ],
      ['download-only', [{ on: ENROLLMENT, roles: ['DOWNLOAD'] }]],
      ['keys-only', [{ on: ENROLLMENT, roles: ['PRODUCT_KEYS'] }]],
    ];
    for (const [who, grants] of users) s[who] = (await t.given.signedIn(`${who}@contoso.example`, { grants })).session;
    for (const who of ['admin', 'viewer', 'keys']) s[who] = await signIn(t.app, `${who}@contoso.example`);
    s.fabrikam = await signIn(t.app, 'admin@fabrikam.example');
    s.operator = await signIn(t.app, 'operator@northwind.example');
  });
  afterAll(() => t.close());

  it('R-DL-2: an Open License user sees only what was purchased on it', async () => {
    expect(await codes('open-only')).toEqual(['OFF-STD-2021']);
  });

  it('R-DL-2, R-DL-7: an Open Value user sees the purchased edition and its prior versions under downgrade rights', async () => {
    expect((await codes('open-value')).sort()).toEqual(['OFF-STD-2021', 'OFF-STD-2024']);
    const [std2024] = (await t.as(s['open-value']).get('/downloads?q=standard 2024')).json().items as Item[];
    expect(std2024?.priorVersions).toEqual([
      { productId: await productId(t.database.db, 'OFF-STD-2021'), version: '2021', name: 'Northwind Office Standard 2021' },
    ]);
  });

  it('R-DL-2: Enterprise and Select Plus users see the whole catalog, and so does a user with both Open and Enterprise', async () => {
    const all = (await t.database.db.execute<{ code: string }>(sql`select code from product order by code`)).rows.map((r) => r.code);
    for (const who of ['admin', 'keys', 'mixed', 'download-only', 'fabrikam']) expect((await codes(who)).sort(), who).toEqual(all);
  });

  it('R-DL-1: without Administrator, Download or SA Manager the catalog is empty and a product page is refused (403)', async () => {
    const office = await productId(t.database.db, 'OFF-PP-2024');
    for (const who of ['viewer', 'keys-only']) {
      expect(await codes(who), who).toEqual([]);
      const res = await t.as(s[who]).get(`/downloads/${office}`);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
      const links = await t.as(s[who]).post(`/downloads/${office}/links`, { language: 'en', os: 'WINDOWS' });
      expect(links.statusCode, who).toBe(403);
    }
  });

  it('R-DL-2: a product outside the user’s catalog answers 404, as does one that does not exist', async () => {
    const res = await t.as(s['open-only']).get(`/downloads/${await productId(t.database.db, 'OFF-PP-2024')}`);
    expect(res.statusCode).toBe(404);
    expect((await t.as(s.admin).get('/downloads/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await t.as(s['open-only']).get(`/downloads/${await productId(t.database.db, 'OFF-STD-2021')}`)).statusCode).toBe(200);
  });

  it('R-DL-4: a CAL is listed without a download and without a key; its page says not available and it has no links', async () => {
    const cal = ((await t.as(s.admin).get('/downloads?q=CAL')).json().items as Item[]).find((i) => i.code === 'SRV-CAL-2022');
    expect(cal).toMatchObject({ isCal: true, hasDownload: false, requiresKey: false });
    const page = (await t.as(s.admin).get(`/downloads/${cal?.productId}?language=en&os=WINDOWS`)).json();
    expect(page).toMatchObject({ isCal: true, available: false, files: [], setupKeys: [] });
    const links = await t.as(s.admin).post(`/downloads/${cal?.productId}/links`, { language: 'en', os: 'WINDOWS' });
    expect(links.statusCode).toBe(404);
    expect(links.json().code).toBe('DOWNLOAD_NOT_AVAILABLE');
  });

  it('R-LIC-5: a product held only through a grant is marked; a purchased one is not', async () => {
    const items = (await t.as(s['download-only']).get('/downloads?limit=100')).json().items as Item[];
    expect(items.find((i) => i.code === 'CHAT-STD-2019')?.granted).toBe(true);
    expect(items.find((i) => i.code === 'MAIL-STD-2019')?.granted).toBe(false);
    expect(items.find((i) => i.code === 'OFF-PP-2021')?.granted).toBe(false); // not bought on the enrollment, not granted either
  });

  it('R-DL-7: each item lists its prior versions, nearest first', async () => {
    const items = (await t.as(s.admin).get('/downloads?q=professional plus')).json().items as Item[];
    expect(items.map((i) => i.code)).toEqual(['OFF-PP-2019', 'OFF-PP-2021', 'OFF-PP-2024']);
    expect(items[2]?.priorVersions.map((p) => p.version)).toEqual(['2021', '2019']);
    expect(items[0]?.priorVersions).toEqual([]);
  });

  it('R-DL-6: categories with counts, category filters (several at once), word search, suggestions while typing', async () => {
    const cats = (await t.as(s['open-value']).get('/downloads/categories')).json();
    expect(cats).toEqual({ items: [{ name: 'Office', count: 2 }] });
    const adminCats = (await t.as(s.admin).get('/downloads/categories')).json().items as { name: string; count: number }[];
    expect(adminCats.map((c) => c.name)).toEqual([
      'Client Access Licenses',
      'Developer tools',
      'Office',
      'Online services',
      'Operating systems',
      'Servers',
    ]);

    expect(await codes('admin', '&category=Operating%20systems')).toEqual(['DOS-ENT-10', 'DOS-ENT-11']);
    expect((await codes('admin', '&category=Operating%20systems&category=Client%20Access%20Licenses')).sort()).toEqual([
      'DOS-ENT-10',
      'DOS-ENT-11',
      'SRV-CAL-2022',
    ]);
    expect(await codes('admin', '&q=server%202022%20datacenter')).toEqual(['SRV-DC-2022']);
    expect(await codes('admin', '&q=srv-std')).toEqual(['SRV-STD-2019', 'SRV-STD-2022']);
    expect(await codes('admin', '&q=100%25')).toEqual([]); // LIKE wildcards are literal

    const suggest = async (who: string, q: string) =>
      ((await t.as(s[who]).get(`/downloads/suggest?q=${encodeURIComponent(q)}`)).json().items as { name: string }[]).map((i) => i.name);
    // names that start with the text first, then names with every word, the last one started
    expect(await suggest('admin', 'northwind d')).toEqual([
      'Northwind Desktop OS 10 Enterprise',
      'Northwind Desktop OS 11 Enterprise',
      'Northwind Server 2022 Datacenter',
    ]);
    // a word that starts with the text, after names that start with it
    expect(await suggest('admin', 'datac')).toEqual(['Northwind Server 2022 Datacenter']);
    expect((await suggest('admin', 'northwind')).length).toBe(10);
    expect(await suggest('open-only', 'northwind')).toEqual(['Northwind Office Standard 2021']);
    expect((await t.as(s.admin).get('/downloads/suggest?q=')).statusCode).toBe(400);
  });

  it('pages follow a cursor without repeats or gaps; a forged cursor is refused', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const res = await t.as(s.admin).get(`/downloads?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      const body = res.json() as { items: Item[]; nextCursor: string | null };
      seen.push(...body.items.map((i) => i.code));
      cursor = body.nextCursor;
      pages++;
    }
    const all = await codes('admin');
    // Four to a page: the demo catalog's size decides how many pages (more than one, so the cursor is followed).
    expect(pages).toBe(Math.ceil(all.length / 4));
    expect(pages).toBeGreaterThan(2);
    expect(seen.length).toBe(new Set(seen).size);
    expect(seen.sort()).toEqual(all.sort());
    const bad = await t.as(s.admin).get('/downloads?cursor=bm90LWEtY3Vyc29y');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_CURSOR');
  });

  it('R-DL-6, R-DL-3: a product page has its "More" panel, its options, and the files for the chosen language and system', async () => {
    const office = await productId(t.database.db, 'OFF-PP-2024');
    const page = (await t.as(s.admin).get(`/downloads/${office}?language=en&os=windows`)).json();
    expect(page.more).toEqual({
      versionNotes: expect.stringContaining('2024'),
      specialInstructions: expect.stringContaining('setup key'),
      systemRequirements: expect.stringContaining('RAM'),
    });
    expect(page.options).toEqual({
      languages: ['en', 'sv'],
      os: ['WINDOWS'],
      formats: ['EXE', 'ISO'],
      combinations: [
        { language: 'en', os: 'WINDOWS' },
        { language: 'sv', os: 'WINDOWS' },
      ],
    });
    expect(page.selected).toEqual({ language: 'en', os: 'WINDOWS', method: 'BROWSER' });
    expect(page.available).toBe(true);
    expect(page.files.map((f: { format: string }) => f.format).sort()).toEqual(['EXE', 'ISO']);
    expect(page.bundle).toEqual({ fileCount: 2, totalSize: 3 * 1024 * 1024 });
    expect(page.priorVersions.map((p: { version: string }) => p.version)).toEqual(['2021', '2019']);
    const sv = (await t.as(s.admin).get(`/downloads/${office}?language=sv&os=WINDOWS`)).json();
    expect(sv.files.map((f: { name: string }) => f.name)).toEqual(['NW_Office_ProPlus_2024_Svenska_x64.iso']);
    // a product with nothing for these settings, and one with no file at all: "This product is not available for download."
    expect((await t.as(s.admin).get(`/downloads/${office}?language=de&os=WINDOWS`)).json()).toMatchObject({ available: false, files: [] });
    const dc = (await t.as(s.admin).get(`/downloads/${await productId(t.database.db, 'SRV-DC-2022')}`)).json();
    expect(dc).toMatchObject({ available: false, hasDownload: false, more: null, options: { languages: [], os: [], formats: [] } });
    expect((await t.as(s.admin).get(`/downloads/${office}?language=x!`)).statusCode).toBe(400);
  });

  it('R-DL-3: download settings are remembered per user and chosen by default on the product page; bad values are refused', async () => {
    expect((await t.as(s.keys).get('/me/download-settings')).json()).toEqual({ method: 'BROWSER', language: 'en', os: 'WINDOWS' });
    expect((await t.as(s.viewer).get('/me/download-settings')).json()).toEqual({ method: 'BROWSER', language: 'sv', os: 'WINDOWS' });
    const saved = await t.as(s.keys).put('/me/download-settings', { method: 'MANAGER', language: 'SV', os: 'windows' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ method: 'MANAGER', language: 'sv', os: 'WINDOWS' });
    expect((await t.as(s.keys).get('/me/download-settings')).json()).toEqual({ method: 'MANAGER', language: 'sv', os: 'WINDOWS' });
    const office = await productId(t.database.db, 'OFF-PP-2024');
    const page = (await t.as(s.keys).get(`/downloads/${office}`)).json();
    expect(page.selected).toEqual({ language: 'sv', os: 'WINDOWS', method: 'MANAGER' });
    expect(page.files).toHaveLength(1);
    const [row] = (
      await t.database.db.execute<{ before: unknown; after: unknown }>(
        sql`select before, after from audit_log where action = 'downloads.settings.update' order by id desc limit 1`,
      )
    ).rows;
    expect(row).toEqual({ before: null, after: { method: 'MANAGER', language: 'sv', os: 'WINDOWS' } });
    for (const bad of [
      { method: 'FTP', language: 'en', os: 'WINDOWS' },
      { method: 'BROWSER', language: '../../', os: 'WINDOWS' },
      { method: 'BROWSER', language: 'en', os: 'WIN DOWS' },
      { method: 'BROWSER', language: 'en' },
    ]) {
      const res = await t.as(s.keys).put('/me/download-settings', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    expect((await t.as(s.keys).get('/me/download-settings')).json().method).toBe('MANAGER');
  });

  it('R-KEY-2, R-KEY-9: the setup key shows on the download page only to Product Keys or Administrator holders', async () => {
    const office = await productId(t.database.db, 'OFF-PP-2024');
    const enrollment = await licensingIdOf(t.database.db, ENROLLMENT);
    const issued = await t.as(s.operator).post(`/operator/licensing-ids/${enrollment}/keys`, { type: 'SETUP', productId: office });
    expect(issued.statusCode, issued.body).toBe(201);
    const keys = (await t.as(s.admin).get('/product-keys')).json().items as { type: string; product: { id: string }; productKey: string }[];
    const key = keys.find((k) => k.type === 'SETUP' && k.product.id === office)?.productKey ?? '';
    expect(key).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/);
    const page = async (who: string) => (await t.as(s[who]).get(`/downloads/${office}?language=en&os=WINDOWS`)).json();
    expect(await page('admin')).toMatchObject({ requiresKey: true, setupKeys: [key], keysVisible: true });
    expect(await page('keys')).toMatchObject({ setupKeys: [key], keysVisible: true });
    // Download without Product Keys: the page works, the key is not on it
    expect(await page('download-only')).toMatchObject({ available: true, setupKeys: [], keysVisible: false });
    expect(await page('mixed')).toMatchObject({ setupKeys: [], keysVisible: false });
    // another organization never sees Contoso's key
    expect(await page('fabrikam')).toMatchObject({ setupKeys: [], keysVisible: true });
    // a product that needs no key says so, with no key
    const cloud = await productId(t.database.db, 'CLOUD-MAIL-P1');
    expect((await t.as(s.admin).get(`/downloads/${cloud}`)).json()).toMatchObject({ requiresKey: false, setupKeys: [] });
  });
});

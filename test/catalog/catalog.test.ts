import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productProblems } from '../../src/modules/catalog/rules.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

describe('product catalog', () => {
  let t: TestApp;
  let operator: Session;
  let customer: Session;
  beforeAll(async () => {
    t = await createTestApp();
    operator = await signIn(t.app, 'operator@northwind.example');
    customer = await signIn(t.app, 'viewer@contoso.example');
  });
  afterAll(() => t.close());

  const auditCount = async (action: string) =>
    Number((await t.database.db.execute<{ n: string }>(sql`select count(*) as n from audit_log where action = ${action}`)).rows[0]?.n);

  it('R-LIC-4 / R-DL-7: an operator creates a family and products with pool, CAL and key flags and a downgrade chain; each is audited', async () => {
    const fam = await t.as(operator).post('/operator/product-families', { name: 'Northwind Project' });
    expect(fam.statusCode).toBe(201);
    expect(fam.json()).toMatchObject({ name: 'Northwind Project', productCount: 0 });
    const familyId = fam.json().id;
    const base = { familyId, edition: 'Professional', pool: 'APPLICATIONS', category: 'Project management' };
    const p2019 = await t.as(operator).post('/operator/products', {
      ...base,
      code: 'PRJ-PRO-2019',
      name: 'Northwind Project Professional 2019',
      version: '2019',
    });
    expect(p2019.statusCode).toBe(201);
    expect(p2019.json()).toMatchObject({
      code: 'PRJ-PRO-2019',
      pool: 'APPLICATIONS',
      isCal: false,
      requiresKey: true,
      priorVersionId: null,
      family: { name: 'Northwind Project' },
    });
    const p2021 = await t.as(operator).post('/operator/products', {
      ...base,
      code: 'PRJ-PRO-2021',
      name: 'Northwind Project Professional 2021',
      version: '2021',
      priorVersionId: p2019.json().id,
    });
    const p2024 = await t.as(operator).post('/operator/products', {
      ...base,
      code: 'PRJ-PRO-2024',
      name: 'Northwind Project Professional 2024',
      version: '2024',
      priorVersionId: p2021.json().id,
    });
    expect(p2024.statusCode).toBe(201);
    const detail = await t.as(customer).get(`/catalog/products/${p2024.json().id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().downgradeChain.map((p: { version: string }) => p.version)).toEqual(['2021', '2019']);
    expect(await auditCount('catalog.family.create')).toBe(1);
    expect(await auditCount('catalog.product.create')).toBe(3);
    const families = (await t.as(customer).get('/catalog/families')).json().items;
    expect(families.find((f: { name: string }) => f.name === 'Northwind Project')?.productCount).toBe(3);
  });

  it('R-LIC-4: every product belongs to one pool: none or an unknown one is refused', async () => {
    const familyId = (await t.as(customer).get('/catalog/families')).json().items[0].id;
    const noPool = await t.as(operator).post('/operator/products', { code: 'X-1', familyId, name: 'X', version: '1', category: 'X' });
    expect(noPool.statusCode).toBe(400);
    expect(noPool.json().code).toBe('VALIDATION_FAILED');
    const badPool = await t
      .as(operator)
      .post('/operator/products', { code: 'X-1', familyId, name: 'X', version: '1', category: 'X', pool: 'GAMES' });
    expect(badPool.json().code).toBe('VALIDATION_FAILED');
    const pools = (await t.as(customer).get('/catalog/products')).json().items.map((p: { pool: string }) => p.pool);
    expect(new Set(pools)).toEqual(new Set(['APPLICATIONS', 'SYSTEMS', 'SERVERS']));
  });

  it('R-DL-4: a CAL needs no key; R-DL-7: a prior version is an earlier version of the same family; duplicates are 409', async () => {
    expect(productProblems({ familyId: 'f', version: '2022', isCal: true, requiresKey: true }, null)).toEqual(['CAL_REQUIRES_NO_KEY']);
    expect(
      productProblems({ familyId: 'f', version: '2019', isCal: false, requiresKey: true }, { familyId: 'f', version: '2021' }),
    ).toEqual(['PRIOR_VERSION_INVALID']);
    expect(
      productProblems({ familyId: 'f', version: '2021', isCal: false, requiresKey: true }, { familyId: 'g', version: '2019' }),
    ).toEqual(['PRIOR_VERSION_INVALID']);
    const products = (await t.as(customer).get('/catalog/products?q=office professional plus 2021')).json().items;
    expect(products.map((p: { code: string }) => p.code)).toEqual(['OFF-PP-2021']);
    const office = products[0];
    const before = await auditCount('catalog.product.create');
    const cases: [object, number, string][] = [
      [{ code: 'CAL-1', isCal: true }, 400, 'CAL_REQUIRES_NO_KEY'],
      [{ code: 'OLD-1', version: '2016', priorVersionId: office.id }, 400, 'PRIOR_VERSION_INVALID'],
      [{ code: 'NOPRIOR-1', priorVersionId: '00000000-0000-4000-8000-000000000000' }, 400, 'PRIOR_VERSION_INVALID'],
      [{ code: 'NOFAM-1', familyId: '00000000-0000-4000-8000-000000000000' }, 400, 'UNKNOWN_PRODUCT_FAMILY'],
      [{ code: 'OFF-PP-2021' }, 409, 'PRODUCT_CODE_TAKEN'],
    ];
    for (const [change, status, code] of cases) {
      const res = await t.as(operator).post('/operator/products', {
        familyId: office.family.id,
        name: 'Test',
        version: '2030',
        pool: 'APPLICATIONS',
        category: 'Office',
        ...change,
      });
      expect([res.statusCode, res.json().code]).toEqual([status, code]);
    }
    expect(await auditCount('catalog.product.create')).toBe(before);
    const dup = await t.as(operator).post('/operator/product-families', { name: 'Northwind Office' });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'PRODUCT_FAMILY_EXISTS']);
    const cal = await t.as(operator).post('/operator/products', {
      familyId: office.family.id,
      code: 'CAL-2',
      name: 'Test CAL',
      version: '2030',
      pool: 'SERVERS',
      category: 'Client Access Licenses',
      isCal: true,
      requiresKey: false,
    });
    expect(cal.statusCode).toBe(201);
  });

  it('the catalog filters by family, pool, category and name; signed-in users read it, only operators write it', async () => {
    const servers = (await t.as(customer).get('/catalog/products?pool=SERVERS')).json().items;
    expect(servers.length).toBeGreaterThan(0);
    expect(servers.every((p: { pool: string }) => p.pool === 'SERVERS')).toBe(true);
    const cals = (await t.as(customer).get('/catalog/products?category=Client%20Access%20Licenses')).json().items;
    expect(cals.every((p: { isCal: boolean; requiresKey: boolean }) => p.isCal && !p.requiresKey)).toBe(true);
    const fam = servers[0].family.id;
    expect(
      (await t.as(customer).get(`/catalog/products?familyId=${fam}`))
        .json()
        .items.every((p: { family: { id: string } }) => p.family.id === fam),
    ).toBe(true);
    expect((await t.as(customer).get('/catalog/products?q=%25')).json().items).toEqual([]);
    expect((await t.as(null).get('/catalog/products')).statusCode).toBe(401);
    expect((await t.as(customer).get('/operator/products')).statusCode).toBe(403);
    expect((await t.as(operator).get('/operator/products')).statusCode).toBe(200);
    const write = await t.as(customer).post('/operator/product-families', { name: 'Not allowed' });
    expect(write.statusCode).toBe(403);
    expect((await t.as(customer).get('/catalog/products/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

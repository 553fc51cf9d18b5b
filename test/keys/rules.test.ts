import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { EXPORT_COLUMNS, type ExportRow, keyFile, productLabel, tsvKeyLines } from '../../src/modules/keys/export-format.js';
import { activationLimit, type CatalogProduct, keyPolicy, makActivations, planKeys } from '../../src/modules/keys/rules.js';
import { tableText } from '../../src/platform/csv.js';

const policy = keyPolicy(loadConfig({}));
const open = { keysPerPool: false, priceLevel: null };
const enterprise = (priceLevel: string | null) => ({ keysPerPool: true, priceLevel });

const product = (id: string, pool: CatalogProduct['pool'], more: Partial<CatalogProduct> = {}): CatalogProduct => ({
  id,
  pool,
  requiresKey: true,
  isCal: false,
  ...more,
});
const catalog = new Map(
  [
    product('win-ent', 'SYSTEMS'),
    product('win-pro', 'SYSTEMS'),
    product('office', 'APPLICATIONS'),
    product('visio', 'APPLICATIONS'),
    product('server', 'SERVERS'),
    product('server-cal', 'SERVERS', { isCal: true, requiresKey: false }),
    product('sql-dev', 'SERVERS', { requiresKey: false }),
    product('exchange-online', 'SERVERS', { requiresKey: false }),
  ].map((p) => [p.id, p]),
);
const line = (orderLineId: number, productId: string, quantity: number, licenseType = 'FULL') => ({
  orderLineId,
  productId,
  quantity,
  licenseType,
});

describe('key issuing rules', () => {
  it('R-KEY-3: Open License 1–25 licenses → 50 MAK activations, more by tier, then per license; the numbers are config', () => {
    expect(makActivations(policy, open, 1)).toBe(50);
    expect(makActivations(policy, open, 25)).toBe(50);
    expect(makActivations(policy, open, 26)).toBe(100);
    expect(makActivations(policy, open, 501)).toBe(1002);
    const custom = keyPolicy(loadConfig({ MAK_OPEN_TIERS: '10:30', MAK_OPEN_PER_LICENSE_ABOVE: '3' }));
    expect(makActivations(custom, open, 10)).toBe(30);
    expect(makActivations(custom, open, 11)).toBe(33);
  });

  it('R-KEY-3: Enterprise/Select MAK activations follow the price level; without one, the default', () => {
    expect(makActivations(policy, enterprise('A'), 0)).toBe(500);
    expect(makActivations(policy, enterprise('d'), 0)).toBe(5000);
    expect(makActivations(policy, enterprise(null), 0)).toBe(250);
    expect(makActivations(policy, enterprise('Z'), 0)).toBe(250);
  });

  it('R-KEY-5, R-KEY-2: a KMS host key allows 6 hosts, an OSA key one redemption, a setup key no activation', () => {
    expect(activationLimit(policy, 'KMS_HOST', enterprise('A'), 0)).toBe(6);
    expect(policy.kmsActivationsPerHost).toBe(10);
    expect(activationLimit(policy, 'OSA', open, 0)).toBe(1);
    expect(activationLimit(policy, 'SETUP', open, 0)).toBe(0);
  });

  it('R-KEY-1: Enterprise/Select/Select Plus get keys per pool: MAK and KMS for every key-requiring product of each licensed pool', () => {
    const plan = planKeys(policy, enterprise('B'), [line(1, 'win-ent', 100), line(2, 'server', 10)], catalog, []);
    const issued = plan.issue.map((k) => `${k.type}:${k.productId}:${k.activationLimit}`).sort();
    expect(issued).toEqual(
      ['MAK:server:1000', 'KMS_HOST:server:6', 'MAK:win-ent:1000', 'KMS_HOST:win-ent:6', 'MAK:win-pro:1000', 'KMS_HOST:win-pro:6'].sort(),
    );
    // R-KEY-2 / R-DL-4: the pool's products that need no key say so, and why.
    expect(plan.noKeyNeeded).toEqual(
      expect.arrayContaining([
        { productId: 'server-cal', reason: 'CAL' },
        { productId: 'sql-dev', reason: 'NO_KEY_REQUIRED' },
      ]),
    );
    expect(plan.issue.some((k) => k.productId === 'office')).toBe(false); // no Applications license
  });

  it('R-KEY-1, R-KEY-5: Open programs get a MAK per purchased product (limit by licenses), no KMS key, and a single-use OSA key per online-service line', () => {
    const lines = [
      line(1, 'office', 20),
      line(2, 'office', 10, 'LSA'),
      line(3, 'exchange-online', 25, 'ONLINE_SERVICE'),
      line(4, 'server-cal', 5),
    ];
    const plan = planKeys(policy, open, lines, catalog, []);
    expect(plan.issue).toEqual([
      { type: 'MAK', productId: 'office', activationLimit: 100, sourceOrderLineId: null },
      { type: 'OSA', productId: 'exchange-online', activationLimit: 1, sourceOrderLineId: 3 },
    ]);
    expect(plan.noKeyNeeded).toEqual([{ productId: 'server-cal', reason: 'CAL' }]);
  });

  it('issuing again adds only what is missing; an Open MAK follows more licenses up, never down', () => {
    const lines = [line(1, 'office', 30), line(3, 'exchange-online', 1, 'ONLINE_SERVICE')];
    const existing = [
      { id: 'k1', type: 'MAK' as const, productId: 'office', activationLimit: 50, sourceOrderLineId: null },
      { id: 'k2', type: 'OSA' as const, productId: 'exchange-online', activationLimit: 1, sourceOrderLineId: 3 },
    ];
    expect(planKeys(policy, open, lines, catalog, existing)).toMatchObject({ issue: [], raise: [{ keyId: 'k1', activationLimit: 100 }] });
    const raised = [{ ...existing[0], activationLimit: 150 } as (typeof existing)[number], existing[1] as (typeof existing)[number]];
    expect(planKeys(policy, open, lines, catalog, raised)).toMatchObject({ issue: [], raise: [] });
    const pool = planKeys(policy, enterprise('A'), [line(1, 'office', 5)], catalog, []);
    const again = planKeys(
      policy,
      enterprise('A'),
      [line(1, 'office', 5)],
      catalog,
      pool.issue.map((k, i) => ({ ...k, id: `p${i}` })),
    );
    expect(again.issue).toEqual([]);
  });

  it('no licenses, no keys', () => {
    expect(planKeys(policy, enterprise('A'), [], catalog, [])).toEqual({ issue: [], raise: [], noKeyNeeded: [] });
    expect(planKeys(policy, open, [line(1, 'office', 3, 'SA')], catalog, []).issue).toEqual([]);
  });
});

describe('key export file', () => {
  const rows: ExportRow[] = [
    {
      licensingIdNumber: '67012345',
      parentProgram: 'Enterprise Agreement',
      organization: 'Contoso Ltd',
      product: 'Windows 11 Enterprise',
      productKey: 'BCDFG-HJKMP-QRTVW-XY234-6789B',
      type: 'MAK',
      activations: { used: 12, available: 488 },
    },
    {
      licensingIdNumber: 'V1234567',
      parentProgram: 'Open License',
      organization: 'Contoso, "Nordic"\tAB',
      product: '=cmd|calc',
      productKey: 'CCCCC-CCCCC-CCCCC-CCCCC-CCCCC',
      type: 'KMS_HOST',
      activations: null,
    },
  ];

  it('R-KEY-7: tab-delimited with exactly the columns Licensing ID, Parent Program, Organization, Product, Product Key, Type, MAK Activations-Used/Available', () => {
    const text = keyFile(rows, 'tsv', 'sv');
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines[0]).toBe('Licensing ID\tParent Program\tOrganization\tProduct\tProduct Key\tType\tMAK Activations-Used/Available');
    expect(EXPORT_COLUMNS).toHaveLength(7);
    expect(lines[1]).toBe('67012345\tEnterprise Agreement\tContoso Ltd\tWindows 11 Enterprise\tBCDFG-HJKMP-QRTVW-XY234-6789B\tMAK\t12/488');
    expect(lines[2]?.split('\t')).toHaveLength(7);
    expect(lines[2]?.split('\t')[5]).toBe('KMS');
    expect(lines[2]?.split('\t')[6]).toBe('');
  });

  it('R-KEY-7: the Product cell names a product once: version and edition are added only where its name lacks them', () => {
    expect(productLabel({ name: 'Office Professional Plus 2024', version: '2024', edition: 'Professional Plus' })).toBe(
      'Office Professional Plus 2024',
    );
    expect(productLabel({ name: 'Windows', version: '11', edition: 'Enterprise' })).toBe('Windows 11 Enterprise');
    expect(productLabel({ name: 'Office LTSC Professional Plus', version: '2024', edition: '' })).toBe(
      'Office LTSC Professional Plus 2024',
    );
    expect(productLabel({ name: 'Northwind Server 2022 Standard', version: '2022', edition: 'Standard' })).toBe(
      'Northwind Server 2022 Standard',
    );
    // Whole words only: "2021" does not say version "1", "Professional Plus" does not say edition "Plus 2".
    expect(productLabel({ name: 'Office 2021', version: '1', edition: 'Plus 2' })).toBe('Office 2021 1 Plus 2');
    expect(productLabel({ name: 'Cloud Mail Plan 1', version: 'plan 1', edition: ' ' })).toBe('Cloud Mail Plan 1');
  });

  it('R-KEY-7: the key file\u2019s TSV lines written straight from a key\u2019s values are byte for byte those of its rows', () => {
    const more: ExportRow[] = [
      ...rows,
      { ...(rows[0] as ExportRow), productKey: '-AAAA\tB' },
      { ...(rows[0] as ExportRow), organization: '@Fabrikam\r\nAB', activations: { used: 0, available: 0 } },
      { ...(rows[1] as ExportRow), type: 'SETUP' },
      { ...(rows[1] as ExportRow), type: 'OSA', parentProgram: '' },
      { ...(rows[1] as ExportRow), type: 'OSA', parentProgram: '' },
    ];
    const line = tsvKeyLines();
    const written = more
      .map((r) =>
        line(
          r.licensingIdNumber,
          r.parentProgram,
          r.organization,
          r.product,
          r.productKey,
          r.type,
          r.activations ? `${r.activations.used}/${r.activations.available}` : '',
        ),
      )
      .join('');
    expect(tableText([EXPORT_COLUMNS], 'tsv') + written).toBe(keyFile(more, 'tsv', 'en'));
  });

  it('R-KEY-7: CSV quotes what needs quoting and never hands Excel a formula', () => {
    const lines = keyFile(rows, 'csv', 'en').split('\r\n').slice(0, -1);
    expect(lines[0]).toBe('Licensing ID,Parent Program,Organization,Product,Product Key,Type,MAK Activations-Used/Available');
    expect(lines[2]).toBe(`V1234567,Open License,"Contoso, ""Nordic""\tAB",'=cmd|calc,CCCCC-CCCCC-CCCCC-CCCCC-CCCCC,KMS host key,`);
  });

  it('R-KEY-7: the CSV is for people: its header and Type say what the portal says, in the user’s language; the TSV keeps its stable words', () => {
    const sv = keyFile(rows, 'csv', 'sv').split('\r\n');
    expect(sv[0]).toBe('Licens-ID,Överordnat program,Organisation,Produkt,Produktnyckel,Typ,MAK-aktiveringar – använda/tillgängliga');
    expect(sv[1]?.split(',')[5]).toBe('Nyckel för flera aktiveringar (MAK)');
    expect(keyFile(rows, 'csv', 'en').split('\r\n')[1]?.split(',')[5]).toBe('Multiple Activation Key (MAK)');
    // The TSV is the same file whoever asks.
    expect(keyFile(rows, 'tsv', 'sv')).toBe(keyFile(rows, 'tsv', 'en'));
    expect(keyFile(rows, 'tsv', 'sv').split('\r\n')[1]?.split('\t')[5]).toBe('MAK');
  });
});

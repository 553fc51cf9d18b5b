import type { LicensePool as Pool } from '../modules/catalog/rules.js';
import { product, productFamily } from '../modules/catalog/tables.js';
import { contentHash, countsFrom, type LicenseType, type OrderInput } from '../modules/orders/rules.js';
import { licenseOrder, orderLine } from '../modules/orders/tables.js';
import type { Tx } from '../platform/db/client.js';
import { DEMO_PURCHASE_FACTS } from './self-provisioning.js';

interface DemoLicensingId {
  id: string;
  organizationId: string;
  programCode: string;
  number: string;
}
type Line = [code: string, type: LicenseType, quantity: number, start: string, end: string | null, grant?: boolean];

/**
 * A small catalog and the orders that show every License Summary case: upgrades applied (Office
 * 2021 → 2024 on the Select Plus PCN), an upgrade with no base license (Desktop OS 11 on the
 * enrollment: unresolved), an expired SA (the previous enrollment's L&SA), a license grant (Chat
 * Server with Mail Server, R-LIC-5), an Open License order and an online service.
 */
export async function seedCatalogAndOrders(
  tx: Tx,
  ids: {
    enrollment: DemoLicensingId;
    oldEnrollment: DemoLicensingId;
    pcn: DemoLicensingId;
    open: DemoLicensingId;
    openValue: DemoLicensingId;
  },
) {
  const families = await tx
    .insert(productFamily)
    .values(
      [
        'Northwind Office',
        'Northwind Desktop OS',
        'Northwind Server',
        'Northwind Server CAL',
        'Northwind Mail Server',
        'Northwind Chat Server',
        'Northwind Cloud Mail',
        'Northwind Studio Subscription',
      ].map((name) => ({ name })),
    )
    .returning();
  const family = (name: string) => families.find((f) => f.name === `Northwind ${name}`)?.id ?? '';
  const products = new Map<string, string>();
  const add = async (
    code: string,
    fam: string,
    name: string,
    version: string,
    edition: string,
    pool: Pool,
    category: string,
    more: Partial<typeof product.$inferInsert> = {},
  ) => {
    const [row] = await tx
      .insert(product)
      .values({ code, familyId: family(fam), name, version, edition, pool, category, ...more })
      .returning({ id: product.id });
    products.set(code, row?.id ?? '');
    return row?.id ?? '';
  };
  const pp2019 = await add(
    'OFF-PP-2019',
    'Office',
    'Northwind Office Professional Plus 2019',
    '2019',
    'Professional Plus',
    'APPLICATIONS',
    'Office',
  );
  const pp2021 = await add(
    'OFF-PP-2021',
    'Office',
    'Northwind Office Professional Plus 2021',
    '2021',
    'Professional Plus',
    'APPLICATIONS',
    'Office',
    { priorVersionId: pp2019 },
  );
  await add('OFF-PP-2024', 'Office', 'Northwind Office Professional Plus 2024', '2024', 'Professional Plus', 'APPLICATIONS', 'Office', {
    priorVersionId: pp2021,
  });
  const std2021 = await add('OFF-STD-2021', 'Office', 'Northwind Office Standard 2021', '2021', 'Standard', 'APPLICATIONS', 'Office');
  await add('OFF-STD-2024', 'Office', 'Northwind Office Standard 2024', '2024', 'Standard', 'APPLICATIONS', 'Office', {
    priorVersionId: std2021,
  });
  const os10 = await add(
    'DOS-ENT-10',
    'Desktop OS',
    'Northwind Desktop OS 10 Enterprise',
    '10',
    'Enterprise',
    'SYSTEMS',
    'Operating systems',
  );
  await add('DOS-ENT-11', 'Desktop OS', 'Northwind Desktop OS 11 Enterprise', '11', 'Enterprise', 'SYSTEMS', 'Operating systems', {
    priorVersionId: os10,
  });
  const srv2019 = await add('SRV-STD-2019', 'Server', 'Northwind Server 2019 Standard', '2019', 'Standard', 'SERVERS', 'Servers');
  await add('SRV-STD-2022', 'Server', 'Northwind Server 2022 Standard', '2022', 'Standard', 'SERVERS', 'Servers', {
    priorVersionId: srv2019,
  });
  await add('SRV-DC-2022', 'Server', 'Northwind Server 2022 Datacenter', '2022', 'Datacenter', 'SERVERS', 'Servers');
  await add('SRV-CAL-2022', 'Server CAL', 'Northwind Server 2022 User CAL', '2022', 'User CAL', 'SERVERS', 'Client Access Licenses', {
    isCal: true,
    requiresKey: false,
  });
  await add('MAIL-STD-2019', 'Mail Server', 'Northwind Mail Server 2019 Standard', '2019', 'Standard', 'SERVERS', 'Servers');
  await add('CHAT-STD-2019', 'Chat Server', 'Northwind Chat Server 2019 Standard', '2019', 'Standard', 'SERVERS', 'Servers');
  await add('CLOUD-MAIL-P1', 'Cloud Mail', 'Northwind Cloud Mail Plan 1', 'Plan 1', '', 'APPLICATIONS', 'Online services', {
    requiresKey: false,
  });
  // R-RES-4: online services of each reservation category (src/demo/reservations.ts configures them).
  await add('CLOUD-MAIL-P2', 'Cloud Mail', 'Northwind Cloud Mail Plan 2', 'Plan 2', '', 'APPLICATIONS', 'Online services', {
    requiresKey: false,
  });
  await add('CLOUD-MAIL-ARCHIVE', 'Cloud Mail', 'Northwind Cloud Mail Archiving add-on', 'Add-on', '', 'APPLICATIONS', 'Online services', {
    requiresKey: false,
  });
  await add('CLOUD-MAIL-VOICE', 'Cloud Mail', 'Northwind Cloud Voice', 'Voice', '', 'APPLICATIONS', 'Online services', {
    requiresKey: false,
  });
  // Per-person developer subscriptions, assigned to named people by the Subscriptions Manager.
  const devSub = { requiresKey: false };
  await add(
    'DEV-SUB-ENT',
    'Studio Subscription',
    'Northwind Studio Subscription Enterprise',
    '2024',
    'Enterprise',
    'APPLICATIONS',
    'Developer tools',
    devSub,
  );
  await add(
    'DEV-SUB-PRO',
    'Studio Subscription',
    'Northwind Studio Subscription Professional',
    '2024',
    'Professional',
    'APPLICATIONS',
    'Developer tools',
    devSub,
  );

  const order = async (lid: DemoLicensingId, orderNumber: string, orderDate: string, lines: Line[]) => {
    const input: OrderInput = {
      orderNumber,
      orderDate,
      licensingId: { program: lid.programCode, number: lid.number },
      lines: lines.map(([p, licenseType, quantity, coverageStart, coverageEnd, grant = false], i) => ({
        line: i + 1,
        product: p,
        licenseType,
        quantity,
        coverageStart,
        coverageEnd,
        grant,
      })),
    };
    const facts = DEMO_PURCHASE_FACTS[orderNumber] ?? {};
    Object.assign(input, facts);
    const [o] = await tx
      .insert(licenseOrder)
      .values({
        ...facts,
        orderNumber,
        licensingId: lid.id,
        organizationId: lid.organizationId,
        orderDate,
        receivedAt: new Date(`${orderDate}T12:00:00Z`),
        source: 'API',
        contentHash: contentHash(input),
      })
      .returning({ id: licenseOrder.id });
    await tx.insert(orderLine).values(
      input.lines.map((l) => ({
        orderId: o?.id ?? '',
        lineNumber: l.line,
        licensingId: lid.id,
        productId: products.get(l.product) ?? '',
        licenseType: l.licenseType,
        quantity: l.quantity,
        coverageStart: l.coverageStart,
        coverageEnd: l.coverageEnd,
        countsFrom: countsFrom(lid.programCode, l.coverageStart, orderDate),
        isGrant: l.grant,
      })),
    );
  };

  const { enrollment, oldEnrollment, pcn, open, openValue } = ids;
  await order(oldEnrollment, 'EA-2021-0001', '2021-06-20', [
    ['OFF-PP-2019', 'LSA', 200, '2021-07-01', '2024-06-30'],
    ['SRV-STD-2019', 'FULL', 4, '2021-07-01', null],
    ['SRV-STD-2019', 'SA', 4, '2021-07-01', '2024-06-30'],
  ]);
  await order(enrollment, 'EA-2024-0001', '2024-06-25', [
    ['OFF-PP-2024', 'LSA', 250, '2024-07-01', '2027-06-30'],
    ['SRV-DC-2022', 'LSA', 8, '2024-07-01', '2027-06-30'],
    ['SRV-CAL-2022', 'LSA', 300, '2024-07-01', '2027-06-30'],
    ['MAIL-STD-2019', 'LSA', 2, '2024-07-01', '2027-06-30'],
    ['CHAT-STD-2019', 'FULL', 2, '2024-07-01', null, true],
    ['DOS-ENT-11', 'UPGRADE', 300, '2024-07-01', null],
    ['CLOUD-MAIL-P1', 'ONLINE_SERVICE', 250, '2024-07-01', '2027-06-30'],
  ]);
  // Subscriptions for the Subscriptions Manager to assign (R-PERM-2), in an order of their own.
  await order(enrollment, 'EA-2024-0002', '2024-09-16', [
    ['DEV-SUB-ENT', 'SUBSCRIPTION', 5, '2024-10-01', '2027-06-30'],
    ['DEV-SUB-PRO', 'SUBSCRIPTION', 2, '2024-10-01', '2027-06-30'],
  ]);
  await order(enrollment, 'EA-2025-TU01', '2025-06-20', [['OFF-PP-2024', 'LSA', 20, '2025-07-01', '2027-06-30']]);
  await order(pcn, 'SP-2023-0042', '2023-02-20', [['OFF-PP-2021', 'FULL', 40, '2023-03-01', null]]);
  await order(pcn, 'SP-2025-0007', '2025-01-20', [
    ['OFF-PP-2024', 'UPGRADE', 30, '2025-02-01', null],
    ['OFF-PP-2024', 'SA', 15, '2025-02-01', '2027-12-31'],
  ]);
  await order(open, 'OL-2025-0311', '2025-03-01', [['OFF-STD-2021', 'FULL', 5, '2025-03-01', null]]);
  await order(openValue, 'OV-2024-0015', '2024-01-15', [['OFF-STD-2024', 'LSA', 10, '2024-01-01', '2026-12-31']]);
}

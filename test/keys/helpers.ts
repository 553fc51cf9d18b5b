import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/platform/db/client.js';
import { requestsAs } from '../helpers/requests.js';
import type { Session } from '../helpers/session.js';

/** The catalog the key tests license: a per-pool program sees whole pools, an Open program what it bought. */
export const PRODUCTS = [
  { code: 'WIN11-ENT', name: 'Windows', version: '11', edition: 'Enterprise', pool: 'SYSTEMS', category: 'Operating systems' },
  { code: 'WIN11-PRO', name: 'Windows', version: '11', edition: 'Pro', pool: 'SYSTEMS', category: 'Operating systems' },
  { code: 'WS2025-DC', name: 'Windows Server', version: '2025', edition: 'Datacenter', pool: 'SERVERS', category: 'Servers' },
  {
    code: 'WS2025-CAL',
    name: 'Windows Server CAL',
    version: '2025',
    edition: 'User',
    pool: 'SERVERS',
    category: 'Servers',
    isCal: true,
    requiresKey: false,
  },
  {
    code: 'SQL2022-DEV',
    name: 'SQL Server',
    version: '2022',
    edition: 'Developer',
    pool: 'SERVERS',
    category: 'Servers',
    requiresKey: false,
  },
  {
    code: 'OFFICE-LTSC',
    name: 'Office LTSC Professional Plus',
    version: '2024',
    edition: '',
    pool: 'APPLICATIONS',
    category: 'Applications',
  },
  { code: 'VISIO-LTSC', name: 'Visio LTSC Professional', version: '2024', edition: '', pool: 'APPLICATIONS', category: 'Applications' },
  {
    code: 'EXO-P1',
    name: 'Exchange Online',
    version: 'Plan 1',
    edition: '',
    pool: 'SERVERS',
    category: 'Online services',
    requiresKey: false,
  },
] as const;

export type ProductCode = (typeof PRODUCTS)[number]['code'];

async function ok(res: { statusCode: number; body: string }, what: string) {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
}

/** Creates the catalog through the catalog module's back-office API; returns product ids by code. */
export async function createCatalog(app: FastifyInstance, operator: Session): Promise<Record<ProductCode, string>> {
  const ids: Record<string, string> = {};
  const families = new Map<string, string>();
  for (const p of PRODUCTS) {
    let familyId = families.get(p.name);
    if (!familyId) {
      const res = await requestsAs(app, operator).post('/operator/product-families', { name: p.name });
      await ok(res, 'family');
      familyId = res.json().id as string;
      families.set(p.name, familyId);
    }
    const res = await requestsAs(app, operator).post('/operator/products', { ...p, familyId });
    await ok(res, `product ${p.code}`);
    ids[p.code] = res.json().id;
  }
  return ids as Record<ProductCode, string>;
}

export interface Line {
  product: ProductCode;
  licenseType: 'FULL' | 'LSA' | 'SA' | 'ONLINE_SERVICE' | 'UPGRADE';
  quantity: number;
}

let orderSeq = 0;
/** Records an order through the orders module's ingestion API, counting from a date in the past. */
export async function order(app: FastifyInstance, operator: Session, licensing: { program: string; number: string }, lines: Line[]) {
  orderSeq += 1;
  const res = await requestsAs(app, operator).post('/operator/orders', {
    orderNumber: `KEYS-${process.pid}-${orderSeq}`,
    orderDate: '2025-09-01',
    licensingId: licensing,
    lines: lines.map((l) => ({
      ...l,
      coverageStart: '2025-09-01',
      coverageEnd: ['LSA', 'SA', 'ONLINE_SERVICE'].includes(l.licenseType) ? '2027-06-30' : null,
    })),
  });
  await ok(res, 'order');
}

export async function licensingIdOf(db: Db, number: string): Promise<string> {
  const res = await db.execute<{ id: string }>(sql`select id from licensing_id where number = ${number}`);
  const id = res.rows[0]?.id;
  if (!id) throw new Error(`no Licensing ID ${number}`);
  return id;
}

export interface KeyRow {
  id: string;
  type: string;
  productKey: string;
  lastFive: string;
  product: { code: string };
  activations: { used: number; limit: number; available: number } | null;
}

/** A key as its holder sees it on the Product Keys page. */
export async function keyOf(app: FastifyInstance, holder: Session, licensingId: string, code: ProductCode, type: string): Promise<KeyRow> {
  const res = await requestsAs(app, holder).get(`/licensing-ids/${licensingId}/keys`);
  await ok(res, 'keys');
  const key = (res.json().items as KeyRow[]).find((k) => k.product.code === code && k.type === type);
  if (!key) throw new Error(`no ${type} key for ${code}`);
  return key;
}

import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createKeyVault } from '../../src/modules/keys/key-crypto.js';
import { copyInto } from '../../src/platform/db/copy.js';

const TYPES = ['MAK', 'KMS_HOST', 'SETUP', 'OSA'] as const;

/** `n` products of a family of their own, for many keys (one key per Licensing ID, product and type). */
export async function seedProducts(client: pg.ClientBase, n: number, prefix = 'BK'): Promise<string[]> {
  await client.query(`insert into product_family (name) values ($1)`, [`${prefix} family`]);
  const res = await client.query<{ id: string }>(
    `insert into product (code, family_id, name, version, edition, pool, category)
     select $1 || '-' || p, f.id, $1 || ' Product ' || p, '2024', 'Pro', 'SYSTEMS', 'Bench'
     from generate_series(1, $2::int) p, product_family f where f.name = $1 || ' family'
     returning id`,
    [prefix, n],
  );
  return res.rows.map((r) => r.id);
}

const group = (n: number) => n.toString(36).toUpperCase().padStart(5, '0').slice(-5);

/**
 * `count` product keys over these Licensing IDs × products × the four types, encrypted as the app
 * stores them (KEY_ENCRYPTION_KEY of the app's secrets), loaded with COPY in batches.
 */
export async function seedKeys(
  client: pg.ClientBase,
  keyEncryptionKey: Buffer,
  at: { organizationId: string; licensingIds: readonly string[]; productIds: readonly string[] },
  count: number,
  salt = Math.floor(Math.random() * 1e6),
): Promise<number> {
  const vault = createKeyVault(keyEncryptionKey);
  const issuedAt = new Date('2026-01-01T00:00:00Z').toISOString();
  const perLicensingId = at.productIds.length * TYPES.length;
  if (count > perLicensingId * at.licensingIds.length) throw new Error('not enough Licensing IDs × products for the keys');
  let written = 0;
  const BATCH = 50_000;
  for (let start = 0; start < count; start += BATCH) {
    const rows: unknown[][] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const lid = at.licensingIds[Math.floor(i / perLicensingId)] as string;
      const rest = i % perLicensingId;
      const product = at.productIds[Math.floor(rest / TYPES.length)] as string;
      const type = TYPES[rest % TYPES.length] as string;
      const value = [group(salt), group(i), group(i * 7 + 3), group(i * 13 + 5), group(i * 31 + 11)].join('-');
      const id = randomUUID();
      rows.push([
        id,
        at.organizationId,
        lid,
        product,
        type,
        vault.lookupHash(value),
        vault.encrypt(value, id),
        value.slice(-5),
        9,
        i % 10,
        issuedAt,
      ]);
    }
    written += await copyInto(
      client as pg.PoolClient,
      'product_key',
      [
        'id',
        'organization_id',
        'licensing_id',
        'product_id',
        'type',
        'key_hash',
        'key_ciphertext',
        'last_five',
        'activation_limit',
        'used',
        'issued_at',
      ],
      rows,
    );
  }
  return written;
}

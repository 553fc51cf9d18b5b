import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import { createKeyVault } from '../../src/modules/keys/key-crypto.js';
import { parseKey } from '../../src/modules/keys/key-format.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

describe('demo data: product keys', () => {
  let database: TestDatabase;
  const keyEncryptionKey = randomBytes(32);
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db, { keyEncryptionKey });
  });
  afterAll(() => database.drop());

  it('R-KEY-1: the Contoso Licensing IDs get their keys by program rules; Fabrikam, with no orders, none', async () => {
    const rows = (
      await database.db.execute<{ number: string; type: string; n: number }>(sql`
        select l.number, k.type::text, count(*)::int as n from product_key k join licensing_id l on l.id = k.licensing_id
        group by l.number, k.type order by l.number, k.type`)
    ).rows;
    const has = (number: string, type: string) => rows.some((r) => r.number === number && r.type === type);
    for (const n of ['67012345', '8765-4321']) expect(has(n, 'MAK') && has(n, 'KMS_HOST'), n).toBe(true);
    for (const n of ['V1234567', 'V9876543']) {
      expect(has(n, 'MAK'), n).toBe(true);
      expect(has(n, 'KMS_HOST'), n).toBe(false); // R-KEY-5: not pre-assigned to Open
    }
    expect(rows.some((r) => r.number === '67099999')).toBe(false);
    const sealed = (await database.db.execute<{ id: string; key_ciphertext: string }>(sql`select id, key_ciphertext from product_key`))
      .rows;
    const vault = createKeyVault(keyEncryptionKey);
    for (const k of sealed) expect(parseKey(vault.decrypt(k.key_ciphertext, k.id)).ok).toBe(true);
  });
});

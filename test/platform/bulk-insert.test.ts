import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUnnest } from '../../src/platform/db/bulk-insert.js';
import { transactionClient } from '../../src/platform/db/copy.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

/** Values COPY's text format has to escape, and a null: each must come back as it went in. */
const awkward = ['tab\there', 'line\nbreak\r\nand return', 'back\\slash \\N not null', 'quote "and" {brace}', ''];

const organizations = (names: readonly string[]) => names.map((name, i) => ({ name, country: 'SE', domains: `{bulk-${i}.example}` }));

describe('insertUnnest: many rows at once, by COPY in a transaction and by arrays outside one', () => {
  it('in a transaction, returns the new rows in the order given, with every value as written', async () => {
    const returned = await t.db.transaction((tx) => {
      // The COPY path needs the transaction's own connection.
      expect(transactionClient(tx)).not.toBeNull();
      return insertUnnest<{ id: string; name: string }>(
        tx,
        'organization',
        { name: 'text', country: 'text', domains: 'text[]' },
        organizations(awkward),
        ['id', 'name'],
      );
    });
    expect(returned.map((r) => r.name)).toEqual(awkward);
    const stored = await t.db.execute<{ name: string; domains: string[] }>(
      sql`select name, domains from organization where id = any(${sql.param(returned.map((r) => r.id))}::uuid[])`,
    );
    expect(new Map(stored.rows.map((r) => [r.name, r.domains]))).toEqual(new Map(awkward.map((n, i) => [n, [`bulk-${i}.example`]])));
  });

  it('writes nulls and JSON without returning anything, and skips conflicts when asked', async () => {
    await t.db.transaction(async (tx) => {
      await insertUnnest(tx, 'audit_log', { action: 'text', target_type: 'text', target_id: 'text', after: 'jsonb' }, [
        { action: 'test.bulk', target_type: 'x', target_id: null, after: { text: awkward.join('|') } },
      ]);
      const [org] = await insertUnnest<{ id: string }>(
        tx,
        'organization',
        { name: 'text', country: 'text', domains: 'text[]' },
        organizations(['Owner']),
        ['id'],
      );
      const user = { organization_id: org?.id, email: 'same@bulk.example', first_name: 'A', last_name: 'B' };
      const columns = { organization_id: 'uuid', email: 'text', first_name: 'text', last_name: 'text' };
      await insertUnnest(tx, 'user', columns, [user]);
      const again = await insertUnnest<{ id: string }>(tx, 'user', columns, [user, { ...user, email: 'other@bulk.example' }], ['id'], {
        skipConflicts: true,
      });
      expect(again).toHaveLength(1);
    });
    const audit = await t.db.execute<{ target_id: string | null; after: { text: string } }>(
      sql`select target_id, after from audit_log where action = 'test.bulk'`,
    );
    expect(audit.rows).toEqual([{ target_id: null, after: { text: awkward.join('|') } }]);
  });

  it('a refused row fails the statement and the transaction rolls back; the connection serves the next one', async () => {
    const columns = { name: 'text', country: 'text', domains: 'text[]' };
    await expect(
      t.db.transaction((tx) => insertUnnest(tx, 'organization', columns, [{ name: 'No country', country: null, domains: '{}' }])),
    ).rejects.toThrow(/country/);
    const written = await t.db.transaction((tx) =>
      insertUnnest<{ id: string }>(tx, 'organization', columns, organizations(['After']), ['id']),
    );
    expect(written).toHaveLength(1);
  });

  it('outside a transaction, the array statement writes the same', async () => {
    const returned = await insertUnnest<{ name: string }>(
      t.db,
      'organization',
      { name: 'text', country: 'text', domains: 'text[]' },
      organizations(awkward),
      ['name'],
    );
    expect(returned.map((r) => r.name)).toEqual(awkward);
  });
});

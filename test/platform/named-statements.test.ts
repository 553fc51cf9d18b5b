import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeNamed } from '../../src/platform/db/named.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const byName = (name: string) => sql`select id, name from organization where name = ${name}`;

describe('executeNamed: a statement prepared once per connection by name', () => {
  it('answers again and again with new values under the one name, on every connection of the pool', async () => {
    await t.db.execute(sql`insert into organization (name, country, domains) values ('Named One', 'SE', '{named-1.example}'),
      ('Named Two', 'SE', '{named-2.example}')`);
    // More calls at once than one connection serves: each connection prepares the statement for itself.
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        executeNamed<{ name: string }>(t.db, 'test-named-org', byName(i % 2 ? 'Named Two' : 'Named One')),
      ),
    );
    expect(answers.map((a) => a.rows.map((r) => r.name))).toEqual(
      Array.from({ length: 12 }, (_, i) => [i % 2 ? 'Named Two' : 'Named One']),
    );
  });

  it("in a transaction, runs on the transaction's connection: it sees the rows the transaction has not committed", async () => {
    let inside: string[] = [];
    // rollback() ends the transaction by throwing; nothing of it stays.
    await t.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into organization (name, country, domains) values ('Named Uncommitted', 'SE', '{named-3.example}')`);
        inside = (await executeNamed<{ name: string }>(tx, 'test-named-org', byName('Named Uncommitted'))).rows.map((r) => r.name);
        tx.rollback();
      })
      .catch(() => {});
    expect(inside).toEqual(['Named Uncommitted']);
    const after = await executeNamed(t.db, 'test-named-org', byName('Named Uncommitted'));
    expect(after.rows).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  architectureViolations,
  foreignWrites,
  moduleCycles,
  moduleGraph,
  platformImportsOfModules,
  readSources,
  type SourceFile,
} from './helpers/architecture.js';

/** ARCHITECTURE.md's layering, checked on the source itself. */
describe('architecture', () => {
  const sources = readSources(process.cwd());

  it('platform/ imports no module: the modules sit on the platform, never the other way round', () => {
    expect(platformImportsOfModules(sources)).toEqual([]);
  });

  it('the modules import each other without a cycle', () => {
    expect(moduleCycles(sources)).toEqual([]);
  });

  it('a module writes only its own tables; another module’s rows change through that module’s service', () => {
    expect(foreignWrites(sources)).toEqual([]);
  });

  it('reads the modules it checks (a broken reader would pass everything)', () => {
    const graph = moduleGraph(sources);
    expect([...graph.keys()]).toEqual(expect.arrayContaining(['identity', 'relationship', 'orders', 'catalog', 'keys']));
    expect(graph.get('orders')?.has('relationship')).toBe(true);
  });
});

describe('architecture check on planted violations', () => {
  const tables: SourceFile[] = [
    {
      path: 'src/modules/permissions/tables.ts',
      text: `import { pgTable } from 'drizzle-orm/pg-core';\nexport const roleGrant = pgTable('role_grant', {});`,
    },
    {
      path: 'src/modules/identity/tables.ts',
      text: `import { pgTable } from 'drizzle-orm/pg-core';\nexport const user = pgTable('user', {});\nexport const organization = pgTable('organization', {});`,
    },
    {
      path: 'src/platform/tables.ts',
      text: `import { pgTable } from 'drizzle-orm/pg-core';\nexport const outbox = pgTable('outbox', {});`,
    },
  ];
  const file = (path: string, text: string): SourceFile => ({ path, text });

  it('finds a platform → module import, static, re-exported or dynamic', () => {
    const found = platformImportsOfModules([
      file('src/platform/db/schema.ts', `export * from '../../modules/identity/tables.js';`),
      file('src/platform/tables.ts', `import { localeEnum } from '../modules/identity/tables.js';`),
      file('src/platform/lazy.ts', `const m = await import('../modules/keys/service.js');`),
      file('src/platform/fine.ts', `import { sql } from 'drizzle-orm';\nimport { now } from './clock.js';`),
    ]);
    expect(found.map((v) => v.file)).toEqual(['src/platform/db/schema.ts', 'src/platform/tables.ts', 'src/platform/lazy.ts']);
  });

  it('finds a cycle between modules, of two or of three, and passes a DAG', () => {
    const two = moduleCycles([
      file('src/modules/orders/history.ts', `import { licensingIdsByIds } from '../relationship/service.js';`),
      file('src/modules/relationship/reports.ts', `import type { SummaryRow } from '../orders/license-summary-rules.js';`),
    ]);
    expect(two.map((v) => v.file)).toEqual(['orders, relationship']);
    expect(two[0]?.detail).toContain('relationship → orders (src/modules/relationship/reports.ts)');

    const three = moduleCycles([
      file('src/modules/keys/a.ts', `import '../orders/b.js';`),
      file('src/modules/orders/b.ts', `export * from '../catalog/c.js';`),
      file('src/modules/catalog/sub/c.ts', `import { x } from '../../keys/a.js';`),
    ]);
    expect(three.map((v) => v.file)).toEqual(['catalog, keys, orders']);

    const dag = moduleCycles([
      file('src/modules/reports/service.ts', `import '../orders/history.js';\nimport '../relationship/service.js';`),
      file('src/modules/orders/history.ts', `import '../relationship/service.js';\nimport '../identity/tables.js';`),
      file('src/modules/relationship/service.ts', `import '../identity/tables.js';\nimport '../../platform/db/client.js';`),
    ]);
    expect(dag).toEqual([]);
  });

  it('finds Drizzle and raw-SQL writes into another module’s table, and lets reads and own writes be', () => {
    const found = foreignWrites([
      ...tables,
      file(
        'src/modules/identity/verify.ts',
        `import { roleGrant as grants } from '../permissions/tables.js';
        import { user } from './tables.js';
        await tx.update(grants).set({ active: true });
        await tx.update(user).set({ status: 'active' });
        await tx.select().from(grants);`,
      ),
      file(
        'src/modules/permissions/raw.ts',
        `import { user } from '../identity/tables.js';
        await tx.execute(sql\`insert into role_grant (user_id) values (\${id}) on conflict do update set active = true\`);
        await tx.execute(sql\`select 1 from "user" u for update\`);
        await tx.execute(sql\`-- update "user" in a comment is no write
          update "user" set status = 'deactivated' where id = \${id}\`);
        await tx.execute(sql\`delete from \${user} where id = \${id}\`);
        await tx.insert(user).values({});`,
      ),
      file('src/modules/orders/mail.ts', `await tx.execute(sql\`insert into outbox (to_address) values (\${to})\`);`),
      file('src/platform/authz/scope.ts', `await db.execute(sql\`update role_grant set active = false\`);`),
      file('src/demo/seed.ts', `await db.execute(sql\`insert into role_grant (user_id) values (\${id})\`);`),
    ]);
    expect(found.map((v) => `${v.file} ${v.detail}`)).toEqual([
      "src/modules/identity/verify.ts:3 .update(grants) writes permissions's table role_grant",
      `src/modules/permissions/raw.ts:5 SQL "update user" writes identity's table user`,
      `src/modules/permissions/raw.ts:6 SQL "delete from user" writes identity's table user`,
      "src/modules/permissions/raw.ts:7 .insert(user) writes identity's table user",
      `src/platform/authz/scope.ts:1 SQL "update role_grant" writes permissions's table role_grant`,
    ]);
  });

  it('reports every kind of violation together', () => {
    const found = architectureViolations([
      ...tables,
      file('src/platform/x.ts', `import '../modules/identity/tables.js';`),
      file('src/modules/identity/a.ts', `import { roleGrant } from '../permissions/tables.js';\nawait db.delete(roleGrant);`),
      file('src/modules/permissions/b.ts', `import { user } from '../identity/tables.js';`),
    ]);
    expect(found.map((v) => v.rule)).toEqual(['platform-imports-module', 'module-cycle', 'foreign-write']);
  });
});

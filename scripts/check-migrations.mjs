// Fails when the Drizzle schema and the committed migrations disagree: generates into a copy of
// drizzle/ and looks for a new migration.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'lsc-drift-'));
try {
  const out = path.join(tmp, 'drizzle');
  cpSync(path.join(root, 'drizzle'), out, { recursive: true });
  const before = readdirSync(out).filter((f) => f.endsWith('.sql'));
  const config = path.join(tmp, 'drizzle.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      dialect: 'postgresql',
      schema: [
        path.join(root, 'src/platform/tables.ts'),
        path.join(root, 'src/modules/*/tables.ts'),
        path.join(root, 'src/modules/*/*/tables.ts'),
      ],
      // drizzle-kit prefixes './' to `out`, so it must be relative to the working directory.
      out: path.relative(root, out),
    }),
  );
  const output = execFileSync(path.join(root, 'node_modules/.bin/drizzle-kit'), ['generate', `--config=${config}`, '--name=drift'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const added = readdirSync(out).filter((f) => f.endsWith('.sql') && !before.includes(f));
  // drizzle-kit exits 0 on some failures: only its own "nothing to do" counts as agreement.
  if (!/No schema changes/i.test(output)) {
    console.error(output);
    console.error(
      added.length
        ? 'The schema has changed without a migration. Run `npm run db:generate` and commit the result.'
        : 'Could not compare the schema with the migrations.',
    );
    process.exit(1);
  }
  if (added.length > 0) {
    console.error('The schema has changed without a migration. Run `npm run db:generate` and commit the result.');
    process.exit(1);
  }
  console.log('Schema and migrations agree.');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

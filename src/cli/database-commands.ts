import type { Config } from '../config.js';
import { loadConfig } from '../config.js';
import { seedDemoServiceActivation } from '../demo/online-services.js';
import { seedDemo } from '../demo/seed.js';
import { systemClock } from '../platform/clock.js';
import { type Db, openDatabase } from '../platform/db/client.js';
import { openConfiguredDatabase } from '../platform/db/configured.js';
import { runMigrations } from '../platform/db/migrate.js';
import { loadSecrets } from '../platform/secrets.js';
import { describeAgreementImport, importAgreementsFile } from './import-agreements.js';
import { describeImport, importOrdersFile } from './import-orders.js';

/** The commands that work on the database and exit: each opens it (migrated), does its part, and closes it. */
async function withDatabase<T>(work: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { url, embedded } = await openConfiguredDatabase(config);
  const database = openDatabase(url, 2);
  try {
    await runMigrations(database.db);
    return await work(database.db, config);
  } finally {
    await database.close();
    await embedded?.stop();
  }
}

/** `lsc migrate`. */
export async function migrateCommand(): Promise<void> {
  await withDatabase(async () => {});
  console.log('Migrations applied.');
}

/** `lsc seed`. */
export async function seedCommand(): Promise<void> {
  const seeded = await withDatabase(async (db, config) => {
    const done = await seedDemo(db, await loadSecrets(config));
    // R-OS-1 in the demo: an online-service order whose activation mail waits for the OSM.
    if (done) await seedDemoServiceActivation(db, config, systemClock);
    return done;
  });
  console.log(seeded ? 'Demo data loaded.' : 'The database already has data; nothing loaded.');
}

/** `lsc import-agreements FILE`; false when anything was refused (then nothing was written). */
export async function importAgreementsCommand(file: string): Promise<boolean> {
  return withDatabase(async (db, config) => {
    const done = await importAgreementsFile(db, config, file);
    if (done.fileErrors.length) console.error(done.fileErrors.join('\n'));
    else console.log(describeAgreementImport(done));
    return done.committed;
  });
}

/** `lsc import-orders FILE`; false when the file or any of its orders was refused. */
export async function importOrdersCommand(file: string): Promise<boolean> {
  return withDatabase(async (db, config) => {
    const { outcomes, fileErrors } = await importOrdersFile(db, config, file);
    if (fileErrors.length) console.error(fileErrors.join('\n'));
    else console.log(describeImport(outcomes));
    return fileErrors.length === 0 && !outcomes.some((o) => o.result === 'rejected');
  });
}

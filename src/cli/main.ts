import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { seedDemoServiceActivation } from '../demo/online-services.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../demo/seed.js';
import { registerActivationCommands } from '../modules/activation/cli.js';
import { systemClock } from '../platform/clock.js';
import { openDatabase } from '../platform/db/client.js';
import { runMigrations } from '../platform/db/migrate.js';
import { loadSecrets } from '../platform/secrets.js';
import { openConfiguredDatabase, startServer } from '../server.js';
import { registerDownloadCommand } from './download/command.js';
import { describeAgreementImport, importAgreementsFile } from './import-agreements.js';
import { describeImport, importOrdersFile } from './import-orders.js';
import { registerUploadFileCommand } from './upload-file.js';

// A .env beside the project is read first; the real environment wins over it.
if (existsSync('.env')) process.loadEnvFile('.env');

const program = new Command('lsc').description('Licensing Service Center');

program
  .command('start', { isDefault: true })
  .description('Start the portal and API (embedded PostgreSQL unless DATABASE_URL is set)')
  .action(async () => {
    const config = loadConfig();
    const server = await startServer(config);
    const lines = [
      '',
      `Licensing Service Center is running at ${server.url}`,
      `  API reference: ${server.url}/api/docs`,
      `  Database: ${server.database}`,
      `  Mail: ${config.SMTP_URL ? 'delivered over SMTP_URL' : 'not sent (no SMTP_URL); operators read it at /api/v1/operator/mail'}`,
    ];
    if (config.SEED_DEMO) {
      lines.push(`  Demo accounts (password ${DEMO_PASSWORD}):`);
      for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.email.padEnd(28)} ${a.note}`);
    }
    console.log(lines.join('\n'));
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await server.stop();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('Apply database migrations and exit')
  .action(async () => {
    const config = loadConfig();
    const { url, embedded } = await openConfiguredDatabase(config);
    const database = openDatabase(url, 2);
    await runMigrations(database.db);
    await database.close();
    await embedded?.stop();
    console.log('Migrations applied.');
  });

program
  .command('seed')
  .description('Load the demo data into an empty database')
  .action(async () => {
    const config = loadConfig();
    const { url, embedded } = await openConfiguredDatabase(config);
    const database = openDatabase(url, 2);
    await runMigrations(database.db);
    const seeded = await seedDemo(database.db, await loadSecrets(config));
    // R-OS-1 in the demo: an online-service order whose activation mail waits for the OSM.
    if (seeded) await seedDemoServiceActivation(database.db, config, systemClock);
    await database.close();
    await embedded?.stop();
    console.log(seeded ? 'Demo data loaded.' : 'The database already has data; nothing loaded.');
  });

program
  .command('import-agreements')
  .argument('<file>', 'CSV with the columns organization_name … contact_locale (see README)')
  .description(
    'Onboard organizations, agreements, Licensing IDs and contacts of record from a CSV file; all of it or nothing, files may be imported again',
  )
  .action(async (file: string) => {
    const config = loadConfig();
    const { url, embedded } = await openConfiguredDatabase(config);
    const database = openDatabase(url, 2);
    let failed = false;
    try {
      await runMigrations(database.db);
      const done = await importAgreementsFile(database.db, config, file);
      if (done.fileErrors.length) console.error(done.fileErrors.join('\n'));
      else console.log(describeAgreementImport(done));
      failed = !done.committed;
    } finally {
      await database.close();
      await embedded?.stop();
    }
    if (failed) process.exit(1);
  });

program
  .command('import-orders')
  .argument('<file>', 'CSV with the columns order_number … grant (see src/modules/orders/csv.ts)')
  .description('Record orders from a CSV file; each order all or nothing, files may be imported again')
  .action(async (file: string) => {
    const config = loadConfig();
    const { url, embedded } = await openConfiguredDatabase(config);
    const database = openDatabase(url, 2);
    let failed = false;
    try {
      await runMigrations(database.db);
      const { outcomes, fileErrors } = await importOrdersFile(database.db, config, file);
      if (fileErrors.length) console.error(fileErrors.join('\n'));
      else console.log(describeImport(outcomes));
      failed = fileErrors.length > 0 || outcomes.some((o) => o.result === 'rejected');
    } finally {
      await database.close();
      await embedded?.stop();
    }
    // Explicitly: under tsx's loader thread an exitCode set here does not survive to the exit.
    if (failed) process.exit(1);
  });

registerActivationCommands(program);
registerDownloadCommand(program);
registerUploadFileCommand(program);

await program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

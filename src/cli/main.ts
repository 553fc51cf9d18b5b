import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { registerActivationCommands } from '../modules/activation/cli.js';
import { registerDownloadCommand } from './download/command.js';
import { registerUploadFileCommand } from './upload-file-command.js';

// A .env beside the project is read first; the real environment wins over it.
if (existsSync('.env')) process.loadEnvFile('.env');

// Only the commands' names, options and help are loaded here: each action imports its own module
// when it runs, so `lsc --help` (or a client command) never loads the server, the database or zod.
const program = new Command('lsc').description('Licensing Service Center');

program
  .command('start', { isDefault: true })
  .description('Start the portal and API (embedded PostgreSQL unless DATABASE_URL is set)')
  .action(async () => {
    const { startCommand } = await import('./start.js');
    await startCommand();
  });

program
  .command('migrate')
  .description('Apply database migrations and exit')
  .action(async () => {
    const { migrateCommand } = await import('./database-commands.js');
    await migrateCommand();
  });

program
  .command('seed')
  .description('Load the demo data into an empty database')
  .action(async () => {
    const { seedCommand } = await import('./database-commands.js');
    await seedCommand();
  });

program
  .command('import-agreements')
  .argument('<file>', 'CSV with the columns organization_name … contact_locale (see README)')
  .description(
    'Onboard organizations, agreements, Licensing IDs and contacts of record from a CSV file; all of it or nothing, files may be imported again',
  )
  .action(async (file: string) => {
    const { importAgreementsCommand } = await import('./database-commands.js');
    if (!(await importAgreementsCommand(file))) process.exit(1);
  });

program
  .command('import-orders')
  .argument('<file>', 'CSV with the columns order_number … grant (see src/modules/orders/csv.ts)')
  .description('Record orders from a CSV file; each order all or nothing, files may be imported again')
  .action(async (file: string) => {
    const { importOrdersCommand } = await import('./database-commands.js');
    // Explicitly: under tsx's loader thread an exitCode set here does not survive to the exit.
    if (!(await importOrdersCommand(file))) process.exit(1);
  });

registerActivationCommands(program);
registerDownloadCommand(program);
registerUploadFileCommand(program);

await program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

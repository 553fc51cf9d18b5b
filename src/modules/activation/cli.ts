import type { Command } from 'commander';
import { SERVER_OPTION_HELP } from '../../cli/api-client.js';
import { positiveInteger } from '../../cli/options.js';
import { LICENSE_POOLS } from '../catalog/rules.js';
import type { ActivateOptions, KmsHostOptions } from './cli-options.js';
import { ACTIVATION_RETRY } from './client/service-client.js';

// The commands' options and help only: what they do is in cli-actions.ts, loaded when one runs.

const RETRIES_HELP =
  'attempts when the service cannot be reached or fails (dropped connection, 5xx), with growing waits; each repeats the first request, so nothing is counted twice';

/** `lsc activate` (a machine) and `lsc kms-host` (an organization's activation host). */
export function registerActivationCommands(program: Command): void {
  program
    .command('activate')
    .description('Activate this machine: with a MAK or OSA key against the service (--key), or through your KMS host (--kms)')
    .option('--server <url>', SERVER_OPTION_HELP)
    .option('--key <productKey>', 'a MAK (or single-use OSA key) to activate with')
    .option('--product <code>', 'the product code of the installed software (with --key)')
    .option('--kms <url>', 'your KMS host, e.g. http://127.0.0.1:1688')
    .option('--pool <pool>', `what this machine runs: ${LICENSE_POOLS.join(', ')} (with --kms)`, 'SYSTEMS')
    .option('--state <file>', 'where the activation is kept', './data/activation.json')
    .option('--fingerprint <id>', 'this machine’s identifier (default: derived from the machine id)')
    .option('--virtual', 'this is a virtual machine')
    .option('--public-key <file>', 'the publisher’s public key (PEM); default: fetched from the service once and kept')
    .option('--status', 'only show the activation status (the saved certificate is checked against the publisher’s key)')
    .option('--retries <n>', RETRIES_HELP, positiveInteger('--retries'), ACTIVATION_RETRY.attempts)
    .action(async (opts: ActivateOptions) => {
      const { activateCommand } = await import('./cli-actions.js');
      await activateCommand(opts);
    });

  program
    .command('kms-host')
    .description('Run your organization’s KMS host: activates itself with a KMS host key, then activates your machines')
    .option('--server <url>', SERVER_OPTION_HELP)
    .option('--key <productKey>', 'the KMS host key (needed until the host is activated)')
    .option('--product <code>', 'the product code the host key is for (with --key)')
    .option('--port <port>', 'port to listen on', '1688')
    .option('--listen <address>', 'address to listen on', '127.0.0.1')
    .option('--state <file>', 'where the host keeps its key pair, certificate and counts', './data/kms-host.json')
    .option('--fingerprint <id>', 'this host’s identifier (default: derived from the machine id)')
    .option('--virtual', 'the host is a virtual machine')
    .option('--public-key <file>', 'the publisher’s public key (PEM); default: fetched from the service once and kept')
    .option('--retries <n>', RETRIES_HELP, positiveInteger('--retries'), ACTIVATION_RETRY.attempts)
    .action(async (opts: KmsHostOptions) => {
      const { kmsHostCommand } = await import('./cli-actions.js');
      await kmsHostCommand(opts);
    });
}

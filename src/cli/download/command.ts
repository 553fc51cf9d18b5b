import type { Command } from 'commander';
import { DEFAULT_RETRY } from '../../platform/backoff.js';
import { SERVER_OPTION_HELP } from '../api-client.js';
import { positiveInteger } from '../options.js';
import { DEFAULT_PARALLEL } from './plan.js';
import type { DownloadOptions } from './run-options.js';

/** `lsc download PRODUCT --language L --os OS`: the download manager (R-DL-5). */
export function registerDownloadCommand(program: Command): void {
  program
    .command('download')
    .argument('<product>', 'the product code, as Downloads and Keys shows it (e.g. OFF-PP-2024)')
    .description(
      'Download a product’s files for a language and system: several at once, Ctrl-C pauses, the same command resumes, SHA-256 checked',
    )
    .requiredOption('--language <language>', 'the language of the files, e.g. en or sv')
    .requiredOption('--os <os>', 'the operating system type, e.g. WINDOWS')
    .option('--server <url>', SERVER_OPTION_HELP)
    .option('--token <token>', 'a personal API token (default: LSC_TOKEN, which other users of this machine cannot see)')
    .option('--dir <dir>', 'the folder to save the files in', '.')
    .option('--parallel <n>', 'how many files to download at once', positiveInteger('--parallel'), DEFAULT_PARALLEL)
    .option(
      '--retries <n>',
      'failed attempts in a row (dropped connection, server error) before a file is given up',
      positiveInteger('--retries'),
      DEFAULT_RETRY.attempts,
    )
    .action(async (product: string, opts: DownloadOptions, cmd: Command) => {
      const { runDownload } = await import('./run.js');
      await runDownload(product, opts, cmd);
    });
}

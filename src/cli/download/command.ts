import type { Command } from 'commander';
import { DEFAULT_RETRY } from '../../platform/backoff.js';
import { SERVER_OPTION_HELP } from '../api-client.js';
import { type BundleResult, DEFAULT_PARALLEL, downloadBundle } from './bundle.js';
import { createProgressDisplay, formatBytes } from './progress.js';

/** The exit code of a run paused with Ctrl-C: 128 + SIGINT, as a shell reports an interrupted command. */
export const EXIT_PAUSED = 130;

export function positiveInteger(flag: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} must be a whole number of at least 1, not "${value}"`);
    return n;
  };
}

/** A word as a POSIX shell reads it back: quoted only when it has to be. */
export const shellWord = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

/** The command that resumes a paused run: the same one, without the token (it stays in the environment or is typed again). */
export function resumeCommand(product: string, given: Record<string, string | number | undefined>): string {
  const words = ['lsc', 'download', product];
  for (const [flag, value] of Object.entries(given)) if (value !== undefined) words.push(`--${flag}`, String(value));
  return words.map(shellWord).join(' ');
}

export function summary(r: BundleResult): string {
  const failed = r.files.filter((f) => f.status === 'failed');
  if (r.status === 'complete') {
    const total = r.files.reduce((n, f) => n + f.size, 0);
    return `All ${r.files.length} file(s) of ${r.product.code} (${formatBytes(total)}) are in ${r.dir}, each matching its published SHA-256.`;
  }
  const lines = [`${failed.length} of ${r.files.length} file(s) of ${r.product.code} failed:`];
  for (const f of failed) lines.push(`  ${f.name}: ${f.message ?? 'failed'}`);
  return lines.join('\n');
}

interface DownloadOptions {
  language: string;
  os: string;
  server?: string;
  token?: string;
  dir: string;
  parallel: number;
  retries: number;
}

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
      const controller = new AbortController();
      const onInterrupt = () => {
        // A second Ctrl-C does not wait for the transfers to wind down.
        if (controller.signal.aborted) process.exit(EXIT_PAUSED);
        controller.abort();
      };
      process.on('SIGINT', onInterrupt);
      const display = createProgressDisplay(process.stdout);
      let result: BundleResult;
      try {
        result = await downloadBundle({
          product,
          language: opts.language,
          os: opts.os,
          dir: opts.dir,
          parallel: opts.parallel,
          retry: { attempts: opts.retries },
          signal: controller.signal,
          onEvent: display.listener,
          ...(opts.server ? { server: opts.server } : {}),
          ...(opts.token ? { token: opts.token } : {}),
        });
      } finally {
        display.stop();
        process.off('SIGINT', onInterrupt);
      }
      if (result.status === 'paused') {
        const fromCli = (name: string) => cmd.getOptionValueSource(name) === 'cli';
        const again = resumeCommand(product, {
          language: opts.language,
          os: opts.os,
          server: fromCli('server') ? opts.server : undefined,
          dir: fromCli('dir') ? opts.dir : undefined,
          parallel: fromCli('parallel') ? opts.parallel : undefined,
          retries: fromCli('retries') ? opts.retries : undefined,
        });
        const waiting = result.files.filter((f) => f.status === 'paused').length;
        if (result.files.some((f) => f.status === 'failed')) console.error(summary(result));
        const token = fromCli('token') ? '\n(with your token: --token again, or LSC_TOKEN in the environment)' : '';
        console.log(
          `Paused: ${waiting} file(s) not finished; what arrived is kept in ${result.dir} (*.part).\nTo resume, run the same command again:\n  ${again}${token}`,
        );
        process.exit(EXIT_PAUSED);
      }
      const text = summary(result);
      if (result.status === 'failed') {
        console.error(text);
        process.exit(1);
      }
      console.log(text);
      process.exit(0);
    });
}

import type { Command } from 'commander';
import { type BundleResult, downloadBundle } from './bundle.js';
import { createProgressDisplay, formatBytes } from './progress.js';
import { type DownloadOptions, EXIT_PAUSED, resumeCommand } from './run-options.js';

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

/** What `lsc download` does once its options are read: the bundle, its progress on the terminal, pause and resume. */
export async function runDownload(product: string, opts: DownloadOptions, cmd: Command): Promise<void> {
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
}

import type { Command } from 'commander';
import { SERVER_OPTION_HELP } from './api-client.js';
import { FORMATS } from './upload-formats.js';

interface UploadCommandOptions {
  language: string;
  os: string;
  arch: string;
  format: string;
  name?: string;
  server?: string;
  token?: string;
}

/** `lsc upload-file PRODUCT FILE …`: for the publisher's staff (the upload itself is in upload-file.ts, loaded when it runs). */
export function registerUploadFileCommand(program: Command): void {
  program
    .command('upload-file')
    .argument('<product>', 'the product code (e.g. OFF-PP-2024)')
    .argument('<file>', 'the file to publish')
    .description('Publish a download file for a product (publisher’s staff): its SHA-256 is computed here and checked by the server')
    .requiredOption('--language <language>', 'the language of the file, e.g. en, sv, or mul for several')
    .requiredOption('--os <os>', 'the operating system type, e.g. WINDOWS')
    .requiredOption('--arch <arch>', 'the architecture, e.g. X64, ARM64 or NEUTRAL')
    .requiredOption('--format <format>', FORMATS.join(' | '))
    .option('--name <name>', 'the name to publish it under (default: the file’s name)')
    .option('--server <url>', SERVER_OPTION_HELP)
    .option('--token <token>', 'a personal API token of an operator (default: LSC_TOKEN)')
    .action(async (product: string, file: string, opts: UploadCommandOptions) => {
      const [{ uploadFile }, { formatBytes }] = await Promise.all([import('./upload-file.js'), import('./download/progress.js')]);
      const f = await uploadFile({
        product,
        file,
        ...opts,
        onStep: (step, bytes) =>
          console.log(step === 'hashing' ? `Computing the SHA-256 of ${file} (${formatBytes(bytes)})…` : `Uploading to ${product}…`),
      });
      console.log(
        [
          `Uploaded ${f.name} (${formatBytes(f.size)}, ${f.size} bytes) to ${product}.`,
          `  file id  ${f.id}`,
          `  for      language ${f.language}, ${f.os}, ${f.architecture}, ${f.format}`,
          `  SHA-256  ${f.sha256} (the server's, equal to the local file's)`,
        ].join('\n'),
      );
    });
}

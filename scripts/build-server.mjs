// `npm run build`'s second half: the server and CLI in dist/, checked by tsc and bundled by esbuild
// (ESM). One bundle with code splitting: dist/cli/main.js is the entry, and each command's lazily
// imported action is a chunk of its own under dist/chunks/, so `lsc --help` still loads none of
// the server. Our ~450 modules in a few files start the server about a second faster on a busy
// machine than one file each (issue 17); packages stay external, loaded from node_modules as they
// are. The folders read at run time (drizzle/, web/dist/) are found from package.json
// (src/platform/project-root.ts), whatever a chunk's depth. A clean build each time: no output of
// a deleted source is left behind. bin/lsc.mjs runs dist/ when it is newer than every file in src/
// (dist/.built is written last).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outbase: 'src',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
writeFileSync(path.join(dist, '.built'), `${new Date().toISOString()}\n`);

// `npm run build`'s second half: the server and CLI compiled to JavaScript in dist/ (ESM, beside
// src/ at the same depth, so the paths the code reads from, drizzle/ and web/dist/, resolve alike).
// A clean build each time: no output of a deleted source is left behind. bin/lsc.mjs runs dist/
// when it is newer than every file in src/ (dist/.built is touched last).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
writeFileSync(path.join(dist, '.built'), `${new Date().toISOString()}\n`);
